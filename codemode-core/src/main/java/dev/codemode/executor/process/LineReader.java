package dev.codemode.executor.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Reads newline-terminated lines of bytes without ever holding more than
 * {@code maxLineBytes} of one line: the other side of a pipe cannot make this side
 * allocate without bound by never sending a newline.
 */
final class LineReader {

	private final InputStream in;

	private int maxLineBytes;

	private final byte[] buffer = new byte[8192];

	private int position;

	private int limit;

	/**
	 * @param in the stream
	 * @param maxLineBytes the longest line accepted, in bytes, without its newline
	 */
	LineReader(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * @param maxLineBytes the new bound, for the lines read from now on
	 */
	void maxLineBytes(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	/**
	 * @return the next line without its newline, or {@code null} at the end of the stream
	 * (a last line without a newline is still a line)
	 * @throws LineTooLongException when the line is longer than the bound; nothing more
	 * than the bound was buffered
	 */
	byte @Nullable [] readLine() throws IOException {
		return read(false);
	}

	/**
	 * @return the next line, cut to the bound (the rest of it is skipped), or
	 * {@code null} at the end of the stream
	 */
	byte @Nullable [] readLineCut() throws IOException {
		return read(true);
	}

	private byte @Nullable [] read(boolean cut) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		boolean any = false;
		while (true) {
			if (this.position == this.limit) {
				int read = this.in.read(this.buffer);
				if (read <= 0) {
					this.position = 0;
					this.limit = 0;
					return any ? line.toByteArray() : null;
				}
				this.position = 0;
				this.limit = read;
			}
			any = true;
			int start = this.position;
			while (this.position < this.limit && this.buffer[this.position] != '\n') {
				this.position++;
			}
			int count = this.position - start;
			int room = this.maxLineBytes - line.size();
			if (count > room) {
				if (!cut) {
					throw new LineTooLongException(this.maxLineBytes);
				}
				count = room;
			}
			line.write(this.buffer, start, count);
			if (this.position < this.limit) {
				this.position++;
				return line.toByteArray();
			}
		}
	}

	/** A line longer than the reader's bound. */
	static final class LineTooLongException extends IOException {

		private static final long serialVersionUID = 1L;

		LineTooLongException(int maxLineBytes) {
			super("a line is longer than " + maxLineBytes + " bytes");
		}

	}

}
