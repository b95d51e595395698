package dev.codemode.demo.tools;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import dev.codemode.annotation.RequiresApproval;

/**
 * The seed's {@code sendEmail}, with somewhere for the emails to go: the {@code outbox}
 * table, which {@code getOutbox} reads. Nothing leaves the machine, but each email still
 * waits for the user's approval, as a real one would.
 */
@Component
public class EmailTools {

	private final JdbcClient jdbc;

	public EmailTools(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// Not without the user's yes: see DemoApprovalHandler, and the page's approval
	// prompt.
	@RequiresApproval("sends an email to a customer")
	@Tool(description = "Send an email. Demo: it is put in the shop's outbox (see getOutbox), not sent. "
			+ "Returns the email as stored.")
	public Email sendEmail(@ToolParam(description = "The recipient's email address") String to,
			@ToolParam(description = "The subject line") String subject,
			@ToolParam(description = "The plain-text body") String body) {
		String recipient = to.strip();
		if (recipient.indexOf('@') <= 0 || recipient.indexOf('@') == recipient.length() - 1) {
			throw new IllegalArgumentException("Not an email address: '" + to + "'");
		}
		if (subject.isBlank()) {
			throw new IllegalArgumentException("subject must not be empty");
		}
		// Microseconds: what the TIMESTAMP column keeps, so that the returned email
		// equals the stored one.
		OffsetDateTime sentAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO outbox (recipient, subject, body, sent_at) VALUES (:to, :subject, :body, :sentAt)")
			.param("to", recipient)
			.param("subject", subject)
			.param("body", body)
			.param("sentAt", sentAt)
			.update(key, "id");
		return new Email(key.getKeyAs(Integer.class), recipient, subject, body, sentAt);
	}

	@Tool(description = "List the emails in the shop's outbox, oldest first.")
	public List<Email> getOutbox() {
		return this.jdbc.sql("SELECT id, recipient AS \"to\", subject, body, sent_at FROM outbox ORDER BY id")
			.query(Email.class)
			.list();
	}

}
