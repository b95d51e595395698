package dev.codemode.approval;

/**
 * A tool call that did not run because it was not approved.
 *
 * @param tool the tool, qualified by its namespace, e.g. {@code codemode.sendEmail}
 * @param inputJson the program's argument as JSON
 * @param reason why it was refused
 */
public record RefusedCall(String tool, String inputJson, String reason) {
}
