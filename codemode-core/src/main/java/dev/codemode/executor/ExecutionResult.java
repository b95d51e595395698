package dev.codemode.executor;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one execution.
 *
 * @param resultJson the program's return value as JSON, or {@code null} when it returned
 * nothing
 * @param logs console output, one entry per call, in order (possibly ending with a
 * truncation marker)
 * @param error why the execution failed, or {@code null} when it succeeded
 * @param duration wall-clock time of the execution
 * @param toolCalls how many tool calls the program made
 * @param truncated whether the console output or the result was cut to its limit
 */
public record ExecutionResult(@Nullable String resultJson, List<String> logs, @Nullable ExecutionError error,
		Duration duration, int toolCalls, boolean truncated) {

	public ExecutionResult {
		logs = (logs != null) ? List.copyOf(logs) : List.of();
	}

	/**
	 * A result with nothing cut.
	 * @param resultJson the return value as JSON, or {@code null}
	 * @param logs console output
	 * @param error why it failed, or {@code null}
	 * @param duration wall-clock time
	 * @param toolCalls tool calls made
	 */
	public ExecutionResult(@Nullable String resultJson, List<String> logs, @Nullable ExecutionError error,
			Duration duration, int toolCalls) {
		this(resultJson, logs, error, duration, toolCalls, false);
	}

	/**
	 * A failed execution that ran no program, e.g. because the input was rejected.
	 * @param error the error
	 * @return the result
	 */
	public static ExecutionResult failed(ExecutionError error) {
		return new ExecutionResult(null, List.of(), error, Duration.ZERO, 0);
	}

	/**
	 * @return whether the execution succeeded
	 */
	public boolean succeeded() {
		return error == null;
	}

}
