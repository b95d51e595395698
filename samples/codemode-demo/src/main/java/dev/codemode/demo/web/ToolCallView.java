package dev.codemode.demo.web;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonRawValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.tool.CodeModeOutcome;

/**
 * One tool call made by a program.
 *
 * @param number its place in the order the calls started, from 1
 * @param tool the name the program called, e.g. {@code codemode.getWeather}
 * @param input the program's argument
 * @param output what the tool returned (JSON as JSON, anything else as a string), or
 * {@code null} when it failed
 * @param error the tool's error, or {@code null} when it returned
 * @param startedAtMillis when the call started, counted from the start of the program:
 * calls made together with {@code Promise.all} start together
 * @param durationMillis how long the tool ran
 */
public record ToolCallView(int number, String tool, @JsonRawValue String input, @JsonRawValue String output,
		String error, double startedAtMillis, double durationMillis) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ToolCallView of(int number, CodeModeOutcome.ToolCall call) {
		return new ToolCallView(number, call.qualifiedName(), asJson(call.inputJson()), asJson(call.output()),
				call.error(), millis(call.startedAfter()), millis(call.duration()));
	}

	/**
	 * Milliseconds with two decimals: the demo's tools answer in well under a
	 * millisecond.
	 */
	static double millis(Duration duration) {
		return Math.round(duration.toNanos() / 10_000.0) / 100.0;
	}

	/**
	 * The text itself when it is JSON, else the text as a JSON string, so that the
	 * response stays valid JSON.
	 */
	private static String asJson(String text) {
		if (text == null) {
			return null;
		}
		try {
			JSON.readTree(text);
			return text;
		}
		catch (JacksonException ex) {
			return JSON.writeValueAsString(text);
		}
	}

}
