package dev.codemode.executor;

import org.jspecify.annotations.Nullable;

/**
 * A tool failure whose message is meant for the program and the model, e.g. an input that
 * does not match the tool's schema. Any exception a tool throws is reported by its
 * message; this one exists so that wrappers can say exactly what the model should read.
 */
public class ToolCallException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ToolCallException(String message) {
		super(message);
	}

	public ToolCallException(@Nullable String message, Throwable cause) {
		super(message, cause);
	}

}
