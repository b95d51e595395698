package dev.codemode.executor.process;

import java.io.IOException;

/**
 * The other side broke the protocol: a line too long, a line that is no message, or a
 * message out of place. The application stops a worker that does this.
 */
final class ProtocolException extends IOException {

	private static final long serialVersionUID = 1L;

	ProtocolException(String message) {
		super(message);
	}

}
