package dev.codemode.executor.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.internal.CodeModeThreads;

/**
 * Reads a worker's stderr on a thread of its own, so that the worker never blocks on a
 * full pipe: each line (cut to {@value #MAX_LINE_BYTES} bytes) is logged at DEBUG, and
 * the last {@value #TAIL_LINES} are kept to explain a crash, which the {@link Worker}
 * logs once at WARN. Nothing of a worker reaches the application's own stderr.
 */
final class WorkerStderr {

	private static final Logger logger = LoggerFactory.getLogger(WorkerStderr.class);

	static final int MAX_LINE_BYTES = 8192;

	static final int TAIL_LINES = 40;

	private final Deque<String> tail = new ArrayDeque<>();

	private final Thread thread;

	private volatile boolean outOfMemory;

	WorkerStderr(InputStream stderr, String name) {
		this.thread = CodeModeThreads.newThread(name + "-stderr", 0, () -> read(stderr, name));
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void read(InputStream stderr, String name) {
		LineReader lines = new LineReader(stderr, MAX_LINE_BYTES);
		try (stderr) {
			byte[] bytes;
			while ((bytes = lines.readLineCut()) != null) {
				String line = new String(bytes, StandardCharsets.UTF_8);
				if (line.contains("OutOfMemoryError")) {
					this.outOfMemory = true;
				}
				logger.debug("{}: {}", name, line);
				synchronized (this.tail) {
					if (this.tail.size() == TAIL_LINES) {
						this.tail.removeFirst();
					}
					this.tail.addLast(line);
				}
			}
		}
		catch (IOException ex) {
			// The worker is gone.
		}
	}

	/**
	 * Waits until the worker's stderr has ended (it has exited), at most {@code millis}.
	 */
	void awaitEnd(long millis) {
		try {
			this.thread.join(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @return whether the worker said that its heap ran out
	 */
	boolean outOfMemory() {
		return this.outOfMemory;
	}

	/**
	 * @return the last lines, oldest first
	 */
	List<String> tail() {
		synchronized (this.tail) {
			return List.copyOf(this.tail);
		}
	}

}
