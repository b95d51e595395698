package dev.codemode.executor.process;

import java.io.IOException;
import java.io.OutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@link Message}s, one JSON object per line; thread-safe, a message is written
 * and flushed whole. A message longer than {@code maxLineBytes} is refused before
 * anything is written, so that the other side's bound is never hit by this side.
 */
final class MessageWriter {

	private final OutputStream out;

	private final int maxLineBytes;

	private final JsonMapper json = Protocol.JSON;

	MessageWriter(OutputStream out, int maxLineBytes) {
		this.out = out;
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * @param message the message
	 * @throws LineReader.LineTooLongException when its JSON is longer than the bound;
	 * nothing was written
	 * @throws IOException when the stream fails
	 */
	void write(Message message) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(message);
		if (bytes.length > this.maxLineBytes) {
			throw new LineReader.LineTooLongException(this.maxLineBytes);
		}
		synchronized (this) {
			this.out.write(bytes);
			this.out.write('\n');
			this.out.flush();
		}
	}

	/** Closes the stream: the other side reads its end. */
	void close() {
		synchronized (this) {
			try {
				this.out.close();
			}
			catch (IOException ex) {
				// Already gone.
			}
		}
	}

}
