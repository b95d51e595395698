package dev.codemode.demo.tools;

import java.time.OffsetDateTime;

/**
 * An email in the outbox.
 *
 * @param id the email's id
 * @param to the recipient's address
 * @param subject the subject
 * @param body the text
 * @param sentAt when {@code sendEmail} was called
 */
public record Email(int id, String to, String subject, String body, OffsetDateTime sentAt) {
}
