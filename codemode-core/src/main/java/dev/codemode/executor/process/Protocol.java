package dev.codemode.executor.process;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bounds of the protocol. A line is one JSON message; its strings are escaped, and in
 * UTF-8 one character takes at most 6 bytes once escaped (a control character becomes a
 * six-character escape), so each bound is 6 bytes per character of the largest payload a
 * message may carry, plus room for the rest of the message.
 * <p>
 * Worker to application (what a hostile worker could send): the larger of a tool input
 * ({@link #MAX_TOOL_INPUT_CHARS}, which the sandbox already refuses beyond) and a result
 * with its logs ({@code maxResultChars + maxConsoleChars}), so about 7 MB with the
 * defaults. The application holds at most one such line at a time per worker.
 * <p>
 * Application to worker: the larger of a tool output ({@link #MAX_TOOL_OUTPUT_CHARS},
 * beyond which the application fails the call instead of sending it) and the program
 * ({@code maxCodeLength}), so about 25 MB with the defaults.
 */
final class Protocol {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The largest tool input a sandbox sends, in characters (as in-process). */
	static final int MAX_TOOL_INPUT_CHARS = 1_000_000;

	/**
	 * The largest tool output the application sends to a worker, in characters; a larger
	 * output fails the call with a message that says so.
	 */
	static final int MAX_TOOL_OUTPUT_CHARS = 4_000_000;

	/**
	 * The longest first line a worker reads, in bytes: the {@code hello}, whose size is
	 * mostly {@code env}.
	 */
	static final int MAX_HELLO_BYTES = 4 << 20;

	/** Room for everything in a message but its largest payload. */
	private static final int ENVELOPE_BYTES = 1 << 20;

	private static final int BYTES_PER_CHAR = 6;

	private Protocol() {
	}

	/**
	 * @return the longest line the application accepts from a worker, in bytes
	 */
	static int maxWorkerLineBytes(WorkerExecutorOptions options) {
		long payload = Math.max(MAX_TOOL_INPUT_CHARS, (long) options.maxResultChars() + options.maxConsoleChars());
		return bytes(payload);
	}

	/**
	 * @return the longest line a worker accepts from the application, in bytes
	 */
	static int maxApplicationLineBytes(WorkerExecutorOptions options) {
		long payload = Math.max(MAX_TOOL_OUTPUT_CHARS, options.maxCodeLength());
		return bytes(payload);
	}

	private static int bytes(long chars) {
		return (int) Math.min(Integer.MAX_VALUE - 8, BYTES_PER_CHAR * chars + ENVELOPE_BYTES);
	}

}
