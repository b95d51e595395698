package dev.codemode.demo.web;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.codemode.tool.CodeModeOutcome;

/**
 * One run of a program through the {@code codemode} tool.
 *
 * @param code the program
 * @param output exactly what the tool answered, i.e. what the model reads: the contract's
 * JSON with {@code result}, {@code logs} and, when it failed, {@code error}
 * @param toolCalls each call the program made to a tool, in the order they started
 * @param durationMillis how long the program ran
 */
public record ExecutionView(String code, @JsonRawValue String output, List<ToolCallView> toolCalls,
		Double durationMillis) {

	static ExecutionView of(CodeModeOutcome outcome) {
		List<CodeModeOutcome.ToolCall> calls = outcome.toolCalls();
		return new ExecutionView(outcome.code(), outcome.toJson(),
				IntStream.range(0, calls.size()).mapToObj((i) -> ToolCallView.of(i + 1, calls.get(i))).toList(),
				ToolCallView.millis(outcome.duration()));
	}

}
