package dev.codemode.demo.web;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.codemode.demo.recording.RecordedExecution;

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

	static ExecutionView of(RecordedExecution execution) {
		Duration duration = (execution.result() != null) ? execution.result().duration() : null;
		return new ExecutionView(execution.code(), execution.output(),
				execution.toolCalls().stream().map(ToolCallView::of).toList(),
				(duration != null) ? ToolCallView.millis(duration) : null);
	}

}
