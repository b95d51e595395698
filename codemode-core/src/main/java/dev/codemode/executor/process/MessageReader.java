package dev.codemode.executor.process;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link Message}s, one JSON object per line, each line at most
 * {@code maxLineBytes} long (see {@link Protocol} for the bounds each side uses). Not
 * thread-safe: one thread reads.
 */
final class MessageReader {

	private final LineReader lines;

	private final JsonMapper json;

	MessageReader(InputStream in, int maxLineBytes) {
		this.lines = new LineReader(in, maxLineBytes);
		this.json = Protocol.JSON;
	}

	/**
	 * @param maxLineBytes the bound of the lines read from now on
	 */
	void maxLineBytes(int maxLineBytes) {
		this.lines.maxLineBytes(maxLineBytes);
	}

	/**
	 * @return the next message, or {@code null} at the end of the stream
	 * @throws ProtocolException when a line is too long or is not a message
	 * @throws IOException when the stream fails
	 */
	@Nullable Message read() throws IOException {
		byte[] line;
		try {
			line = this.lines.readLine();
		}
		catch (LineReader.LineTooLongException ex) {
			throw new ProtocolException(ex.getMessage());
		}
		if (line == null) {
			return null;
		}
		try {
			return this.json.readValue(line, Message.class);
		}
		catch (JacksonException ex) {
			// The line itself may hold anything: only its size is named.
			throw new ProtocolException("a line of " + line.length + " bytes is not a message: "
					+ ex.getOriginalMessage().lines().findFirst().orElse(""));
		}
	}

}
