package dev.codemode.tool;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;

import dev.codemode.approval.RefusedCall;
import dev.codemode.executor.ExecutionResult;

/**
 * What one execution of a program adds to the prebuilt tools: the outer call's tool
 * context and caller context, the listener's view of the execution, the calls refused
 * and, when asked for, a record of each tool call. Thread-safe: a program's tool calls
 * may run at the same time.
 */
final class ExecutionScope {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionScope.class);

	private final @Nullable ToolContext toolContext;

	private final CallerContext caller;

	private final CodeModeListener.Execution observation;

	private final List<RefusedCall> refused = new CopyOnWriteArrayList<>();

	private final @Nullable Queue<CodeModeOutcome.ToolCall> toolCalls;

	private final long startNanos = System.nanoTime();

	private ExecutionScope(@Nullable ToolContext toolContext, CallerContext caller,
			CodeModeListener.Execution observation, boolean recordToolCalls) {
		this.toolContext = toolContext;
		this.caller = caller;
		this.observation = observation;
		this.toolCalls = recordToolCalls ? new ConcurrentLinkedQueue<>() : null;
	}

	/**
	 * Starts an execution and tells the listener.
	 * @param listener the listener
	 * @param code the program, or {@code null} when the input held none
	 * @param toolContext the outer call's tool context, or {@code null}
	 * @param caller the caller's context
	 * @param recordToolCalls whether to keep each tool call for the outcome
	 * @return the execution's scope
	 */
	static ExecutionScope start(CodeModeListener listener, @Nullable String code, @Nullable ToolContext toolContext,
			CallerContext caller, boolean recordToolCalls) {
		CodeModeListener.Execution observation;
		try {
			observation = listener.executionStarted(code, toolContext);
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
			observation = null;
		}
		return new ExecutionScope(toolContext, caller,
				(observation != null) ? observation : CodeModeListener.Execution.NOOP, recordToolCalls);
	}

	@Nullable ToolContext toolContext() {
		return this.toolContext;
	}

	CallerContext caller() {
		return this.caller;
	}

	void refused(RefusedCall call) {
		this.refused.add(call);
	}

	/**
	 * Ends the execution: the listener hears its result, and the outcome gathers the
	 * refused calls and the tool calls kept (in the order they started, none unless asked
	 * for).
	 * @param code the program, or {@code null} when the input held none
	 * @param result what the executor answered
	 * @return the outcome
	 */
	CodeModeOutcome finish(@Nullable String code, ExecutionResult result) {
		try {
			this.observation.executionFinished(result);
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
		}
		List<CodeModeOutcome.ToolCall> calls = (this.toolCalls != null)
				? this.toolCalls.stream().sorted(Comparator.comparing(CodeModeOutcome.ToolCall::startedAfter)).toList()
				: List.of();
		return CodeModeOutcome.of(code, result, List.copyOf(this.refused), calls);
	}

	/**
	 * Runs the tool on the current thread, between the listener's start and end of the
	 * call.
	 * @return what the tool returned
	 */
	String callTool(ToolBinding binding, String input) {
		CodeModeTool tool = binding.tool();
		CodeModeListener.ToolCall call = toolCallStarted(tool, input);
		long started = System.nanoTime();
		String returned;
		try {
			returned = (this.toolContext != null) ? tool.callback().call(input, this.toolContext)
					: tool.callback().call(input);
		}
		catch (RuntimeException ex) {
			record(binding, input, null, (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName(),
					started);
			toolCallFinished(call, null, ex);
			throw ex;
		}
		record(binding, input, returned, null, started);
		toolCallFinished(call, returned, null);
		return returned;
	}

	private void record(ToolBinding binding, String input, @Nullable String output, @Nullable String error,
			long started) {
		if (this.toolCalls != null) {
			long now = System.nanoTime();
			this.toolCalls.add(new CodeModeOutcome.ToolCall(binding.tool().namespace(), binding.identifier(), input,
					output, error, Duration.ofNanos(started - this.startNanos), Duration.ofNanos(now - started)));
		}
	}

	private CodeModeListener.ToolCall toolCallStarted(CodeModeTool tool, String input) {
		try {
			CodeModeListener.ToolCall call = this.observation.toolCallStarted(tool, input);
			return (call != null) ? call : CodeModeListener.ToolCall.NOOP;
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
			return CodeModeListener.ToolCall.NOOP;
		}
	}

	private static void toolCallFinished(CodeModeListener.ToolCall call, @Nullable String output,
			@Nullable Throwable failure) {
		try {
			call.toolCallFinished(output, failure);
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
		}
	}

}
