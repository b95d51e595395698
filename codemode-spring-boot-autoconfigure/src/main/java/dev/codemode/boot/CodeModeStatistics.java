package dev.codemode.boot;

import java.util.concurrent.atomic.LongAdder;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeTool;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ToolContext;

/**
 * Counts what the {@code codemode} tool does since the application started: executions,
 * failed executions, timeouts, limit hits, truncations, and the tool calls that programs
 * made. Shown by the {@code codemode} Actuator endpoint and, with Micrometer, published
 * as counters.
 */
public final class CodeModeStatistics implements CodeModeListener {

	private final LongAdder executions = new LongAdder();

	private final LongAdder failedExecutions = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder limitHits = new LongAdder();

	private final LongAdder truncations = new LongAdder();

	private final LongAdder toolCalls = new LongAdder();

	private final LongAdder failedToolCalls = new LongAdder();

	private final Execution execution = new Execution() {

		@Override
		public ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
			CodeModeStatistics.this.toolCalls.increment();
			return CodeModeStatistics.this.toolCall;
		}

		@Override
		public void executionFinished(ExecutionResult result) {
			if (result.truncated()) {
				CodeModeStatistics.this.truncations.increment();
			}
			ExecutionError error = result.error();
			if (error != null) {
				CodeModeStatistics.this.failedExecutions.increment();
				if (ExecutionError.TIMEOUT.equals(error.kind())) {
					CodeModeStatistics.this.timeouts.increment();
				}
				else if (ExecutionError.LIMIT.equals(error.kind())) {
					CodeModeStatistics.this.limitHits.increment();
				}
			}
		}

	};

	private final ToolCall toolCall = (output, failure) -> {
		if (failure != null) {
			this.failedToolCalls.increment();
		}
	};

	@Override
	public Execution executionStarted(@Nullable String code, @Nullable ToolContext toolContext) {
		this.executions.increment();
		return this.execution;
	}

	/**
	 * @return how many times the tool was called
	 */
	public long getExecutions() {
		return this.executions.sum();
	}

	/**
	 * @return how many executions ended with an error, whatever its kind
	 */
	public long getFailedExecutions() {
		return this.failedExecutions.sum();
	}

	/**
	 * @return how many executions ran past their timeout
	 */
	public long getTimeouts() {
		return this.timeouts.sum();
	}

	/**
	 * @return how many executions ended at a limit other than the timeout
	 */
	public long getLimitHits() {
		return this.limitHits.sum();
	}

	/**
	 * @return how many executions had their console output or result cut to its limit
	 */
	public long getTruncations() {
		return this.truncations.sum();
	}

	/**
	 * @return how many tool calls programs made
	 */
	public long getToolCalls() {
		return this.toolCalls.sum();
	}

	/**
	 * @return how many of those tool calls failed
	 */
	public long getFailedToolCalls() {
		return this.failedToolCalls.sum();
	}

}
