package dev.codemode.demo.recording;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeTool;

/**
 * One execution of a program: its code, each tool call it made, and its outcome.
 * <p>
 * Thread-safe: the tool calls of one program may run at the same time
 * ({@code Promise.all}), each on its own thread.
 */
public final class RecordedExecution implements CodeModeListener.Execution {

	private final String code;

	private final long startNanos = System.nanoTime();

	private final AtomicInteger sequence = new AtomicInteger();

	private final List<RecordedToolCall> toolCalls = new CopyOnWriteArrayList<>();

	private volatile ExecutionResult result;

	private volatile String output;

	RecordedExecution(String code) {
		this.code = code;
	}

	@Override
	public CodeModeListener.ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
		int number = this.sequence.incrementAndGet();
		long started = System.nanoTime();
		return (output,
				failure) -> this.toolCalls.add(new RecordedToolCall(number, tool.namespace(), tool.name(), inputJson,
						output, (failure != null) ? describe(failure) : null,
						Duration.ofNanos(started - this.startNanos), Duration.ofNanos(System.nanoTime() - started)));
	}

	@Override
	public void executionFinished(ExecutionResult result) {
		this.result = result;
	}

	void output(String output) {
		this.output = output;
	}

	/**
	 * @return the program as it was written, or {@code null} when the tool's input held
	 * none
	 */
	public String code() {
		return this.code;
	}

	/**
	 * @return the tool calls that reached a tool, in the order they started
	 */
	public List<RecordedToolCall> toolCalls() {
		return this.toolCalls.stream().sorted(Comparator.comparingInt(RecordedToolCall::number)).toList();
	}

	/**
	 * @return the outcome, or {@code null} while the program runs
	 */
	public ExecutionResult result() {
		return this.result;
	}

	/**
	 * @return the JSON that the tool answered, or {@code null} when it has not been kept
	 */
	public String output() {
		return this.output;
	}

	private static String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

}
