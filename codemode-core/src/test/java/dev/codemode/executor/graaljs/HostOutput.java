package dev.codemode.executor.graaljs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} while a hostile program runs, so
 * that a test can assert that nothing the sandbox did reached the host's streams
 * (DESIGN.md: the library writes only through SLF4J).
 * <p>
 * What the logging backend writes (the tests have no logging configuration, so SLF4J's
 * backend logs to the console) is the library writing through SLF4J, and is not counted:
 * an execution thread that is retired, or a worker JVM that is stopped, is logged, at
 * whatever moment it happens.
 */
final class HostOutput implements AutoCloseable {

	private static final StackWalker STACK = StackWalker.getInstance();

	private final PrintStream originalOut = System.out;

	private final PrintStream originalErr = System.err;

	private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

	private HostOutput() {
		PrintStream capture = new PrintStream(new NotLogging(this.captured), true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(capture);
	}

	static HostOutput capture() {
		return new HostOutput();
	}

	/**
	 * @return what was written to either stream so far, other than by the logging backend
	 */
	String text() {
		synchronized (this.captured) {
			return this.captured.toString(StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
	}

	/** Keeps what is written other than by the logging backend. */
	private static final class NotLogging extends OutputStream {

		private final ByteArrayOutputStream target;

		NotLogging(ByteArrayOutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) {
			if (!fromLogging()) {
				this.target.write(b);
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			if (!fromLogging()) {
				this.target.write(bytes, offset, length);
			}
		}

		private static boolean fromLogging() {
			return STACK
				.walk((frames) -> frames.anyMatch((frame) -> frame.getClassName().startsWith("ch.qos.logback.")));
		}

	}

}
