package dev.codemode.executor;

import org.jspecify.annotations.Nullable;

/**
 * Why an execution failed, in terms a model can act on.
 *
 * @param kind what went wrong: a JavaScript error name ({@code SyntaxError},
 * {@code ReferenceError}, {@code TypeError}, …) or one of the executor's own kinds
 * ({@link #TIMEOUT}, {@link #LIMIT}, …)
 * @param message the message, never a Java class name or stack trace
 * @param line the 1-based line in the program as the model wrote it, or {@code null} when
 * unknown
 * @param column the 1-based column, or {@code null} when unknown
 */
public record ExecutionError(String kind, String message, @Nullable Integer line, @Nullable Integer column) {

	/** The execution ran past its wall-clock timeout. */
	public static final String TIMEOUT = "TimeoutError";

	/**
	 * A limit other than time was hit (code size, tool calls, memory, CPU, statements,
	 * nesting).
	 */
	public static final String LIMIT = "LimitError";

	/** A tool failed and the program did not catch it. */
	public static final String TOOL = "ToolError";

	/** The program called a tool that does not exist. */
	public static final String UNKNOWN_TOOL = "UnknownToolError";

	/** The value the program returned has no JSON form. */
	public static final String RESULT = "ResultError";

	/** The tool's input was not a valid request (e.g. no {@code code}). */
	public static final String INPUT = "InputError";

	/** A promise rejected and nothing handled it. */
	public static final String UNHANDLED_REJECTION = "UnhandledRejection";

	public ExecutionError(String kind, String message) {
		this(kind, message, null, null);
	}

	/**
	 * The error as one line for the model, e.g.
	 * {@code ReferenceError: state is not defined (line 2, column 3)}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(kind).append(": ").append(message);
		if (line != null) {
			text.append(" (line ").append(line);
			if (column != null) {
				text.append(", column ").append(column);
			}
			text.append(')');
		}
		return text.toString();
	}

}
