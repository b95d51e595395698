package dev.codemode.executor.graaljs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} while a hostile program runs, so
 * that a test can assert that nothing the sandbox did reached the host's streams
 * (DESIGN.md: the library writes only through SLF4J).
 */
final class HostOutput implements AutoCloseable {

	private final PrintStream originalOut = System.out;

	private final PrintStream originalErr = System.err;

	private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

	private HostOutput() {
		PrintStream capture = new PrintStream(this.captured, true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(capture);
	}

	static HostOutput capture() {
		return new HostOutput();
	}

	/**
	 * @return what was written to either stream so far
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

}
