package dev.codemode.demo.recording;

import java.time.Duration;

/**
 * One tool call made by a program.
 *
 * @param number the call's place in the order the calls started, from 1
 * @param namespace the global object the tool is on in programs, e.g. {@code codemode}
 * @param tool the tool's name
 * @param input the program's argument, as JSON
 * @param output what the tool returned (usually JSON), or {@code null} when it failed
 * @param error the tool's error message, or {@code null} when it returned
 * @param startedAfter when the call started, counted from the start of the execution
 * @param duration how long the tool ran
 */
public record RecordedToolCall(int number, String namespace, String tool, String input, String output, String error,
		Duration startedAfter, Duration duration) {
}
