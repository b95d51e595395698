package dev.codemode.boot.observation;

import dev.codemode.executor.ExecutionResult;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a {@link CodeModeObservationDocumentation#EXECUTION} observation: the
 * program, and its result once the execution is over.
 */
public class CodeModeExecutionObservationContext extends Observation.Context {

	private final @Nullable String code;

	private @Nullable ExecutionResult result;

	/**
	 * @param code the program as the model wrote it, or {@code null} when the input held
	 * none
	 */
	public CodeModeExecutionObservationContext(@Nullable String code) {
		this.code = code;
	}

	/**
	 * @return the program as the model wrote it, or {@code null} when the input held none
	 */
	public @Nullable String getCode() {
		return this.code;
	}

	/**
	 * @return the outcome, or {@code null} while the execution runs
	 */
	public @Nullable ExecutionResult getResult() {
		return this.result;
	}

	/**
	 * @param result the outcome
	 */
	public void setResult(ExecutionResult result) {
		this.result = result;
	}

}
