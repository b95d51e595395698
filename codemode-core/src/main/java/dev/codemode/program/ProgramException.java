package dev.codemode.program;

import org.jspecify.annotations.Nullable;

/**
 * A program that cannot be prepared for execution: too large, not JavaScript or
 * TypeScript, a module. It carries what the model is told: a {@link Kind}, a message, and
 * the line and column in the program as the model wrote it, where known. The executor
 * turns it into its own error type.
 */
public class ProgramException extends Exception {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final @Nullable Integer line;

	private final @Nullable Integer column;

	/**
	 * @param kind why the program is refused
	 * @param message what the model is told, never a Java class name or stack trace
	 * @param line the 1-based line in the program as the model wrote it, or {@code null}
	 * @param column the 1-based column, or {@code null}
	 */
	public ProgramException(Kind kind, String message, @Nullable Integer line, @Nullable Integer column) {
		// No stack trace: it reports the model's mistake, never the host's.
		super(message, null, false, false);
		this.kind = kind;
		this.line = line;
		this.column = column;
	}

	static ProgramException syntax(String message, @Nullable Integer line, @Nullable Integer column) {
		return new ProgramException(Kind.SYNTAX, message, line, column);
	}

	static ProgramException limit(String message) {
		return new ProgramException(Kind.LIMIT, message, null, null);
	}

	static ProgramException timeout(String message) {
		return new ProgramException(Kind.TIMEOUT, message, null, null);
	}

	/**
	 * @return why the program was refused
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * @return the 1-based line in the program as the model wrote it, or {@code null} when
	 * unknown
	 */
	public @Nullable Integer line() {
		return this.line;
	}

	/**
	 * @return the 1-based column, or {@code null} when unknown
	 */
	public @Nullable Integer column() {
		return this.column;
	}

	/**
	 * @param line the line, or {@code null}
	 * @param column the column, or {@code null}
	 * @return the same refusal at another place
	 */
	ProgramException at(@Nullable Integer line, @Nullable Integer column) {
		return new ProgramException(this.kind, getMessage(), line, column);
	}

	/**
	 * The refusal as one line, e.g. {@code SYNTAX: Unexpected token (line 2, column 3)}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.kind.name()).append(": ").append(getMessage());
		if (this.line != null) {
			text.append(" (line ").append(this.line);
			if (this.column != null) {
				text.append(", column ").append(this.column);
			}
			text.append(')');
		}
		return text.toString();
	}

	/** Why a program cannot be prepared. */
	public enum Kind {

		/** It is not valid JavaScript or TypeScript, or it is a module. */
		SYNTAX,

		/**
		 * It is past a bound: its length, its nesting, what parsing it would cost, or the
		 * parser is suspended or busy.
		 */
		LIMIT,

		/**
		 * It could not be parsed within the execution's time, or parsing was interrupted.
		 */
		TIMEOUT

	}

}
