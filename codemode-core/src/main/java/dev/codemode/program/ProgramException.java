package dev.codemode.program;

import dev.codemode.executor.ExecutionError;

/**
 * A program that cannot be prepared for execution: too large, not JavaScript or
 * TypeScript, a module.
 */
public class ProgramException extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient ExecutionError error;

	ProgramException(ExecutionError error) {
		super(error.describe(), null, false, false);
		this.error = error;
	}

	/**
	 * @return the error to report to the model
	 */
	public ExecutionError error() {
		return this.error;
	}

}
