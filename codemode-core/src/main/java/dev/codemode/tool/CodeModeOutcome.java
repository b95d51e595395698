package dev.codemode.tool;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.codemode.approval.RefusedCall;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

/**
 * What one run of the {@code codemode} tool did, as data: what
 * {@link CodeModeToolCallback#execute(String, org.springframework.ai.chat.model.ToolContext)}
 * returns. {@link #toJson()} is the tool's answer to the model, exactly what
 * {@link CodeModeToolCallback#call(String, org.springframework.ai.chat.model.ToolContext)}
 * returns: the contract's {@code result}, {@code logs}, {@code error} and
 * {@code refused}, never the tool calls.
 *
 * @param code the program as it was run, or {@code null} when the tool's input held none
 * @param resultJson the program's return value as JSON, or {@code null} when it returned
 * nothing or failed
 * @param logs console output, one entry per console call, in order
 * @param error why the run failed (kind, message, line and column where known), or
 * {@code null} when it succeeded
 * @param refused the calls that did not run because they were not approved, in the order
 * they were refused
 * @param toolCalls each call that reached its tool, in the order they started; calls
 * refused, rejected for their input or never started are not here
 * @param duration the wall-clock time of the execution, as the executor measured it
 */
public record CodeModeOutcome(@Nullable String code, @Nullable String resultJson, List<String> logs,
		@Nullable ExecutionError error, List<RefusedCall> refused, List<ToolCall> toolCalls, Duration duration) {

	public CodeModeOutcome {
		logs = (logs != null) ? List.copyOf(logs) : List.of();
		refused = (refused != null) ? List.copyOf(refused) : List.of();
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		duration = (duration != null) ? duration : Duration.ZERO;
	}

	static CodeModeOutcome of(@Nullable String code, ExecutionResult result, List<RefusedCall> refused,
			List<ToolCall> toolCalls) {
		return new CodeModeOutcome(code, result.resultJson(), result.logs(), result.error(), refused, toolCalls,
				result.duration());
	}

	/**
	 * @return whether the program ran to its end without an error
	 */
	public boolean succeeded() {
		return this.error == null;
	}

	/**
	 * @return the contract's JSON, as the model reads it: {@code result}, {@code logs},
	 * {@code error} when it failed, and {@code refused} when a call was not approved
	 */
	public String toJson() {
		return ContractJson.write(this);
	}

	/**
	 * One call a program made of a tool, which reached the tool.
	 *
	 * @param namespace the global object the tool is on, e.g. {@code codemode}
	 * @param identifier the tool's name as programs call it, e.g. {@code getWeather}
	 * @param inputJson the program's argument as JSON, as the tool received it
	 * @param output what the tool returned, before any MCP unwrapping, or {@code null}
	 * when it failed
	 * @param error the tool's error message, or {@code null} when it returned
	 * @param startedAfter when the call started, counted from the start of the run
	 * @param duration how long the tool ran
	 */
	public record ToolCall(String namespace, String identifier, String inputJson, @Nullable String output,
			@Nullable String error, Duration startedAfter, Duration duration) {

		/**
		 * @return the name the program called, e.g. {@code codemode.getWeather}
		 */
		public String qualifiedName() {
			return this.namespace + "." + this.identifier;
		}

	}

}
