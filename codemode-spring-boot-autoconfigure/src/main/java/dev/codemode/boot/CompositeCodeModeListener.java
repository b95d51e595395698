package dev.codemode.boot;

import java.util.ArrayList;
import java.util.List;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeTool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.model.ToolContext;

/**
 * All {@link CodeModeListener} beans as one. A listener that throws is logged and
 * skipped, so that observing never changes what the model gets.
 */
public final class CompositeCodeModeListener implements CodeModeListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeCodeModeListener.class);

	private final List<CodeModeListener> listeners;

	private CompositeCodeModeListener(List<CodeModeListener> listeners) {
		this.listeners = listeners;
	}

	/**
	 * @param listeners the listeners, in order
	 * @return one listener that calls them all, or {@link CodeModeListener#NOOP} when
	 * there are none
	 */
	public static CodeModeListener of(List<CodeModeListener> listeners) {
		return listeners.isEmpty() ? CodeModeListener.NOOP : new CompositeCodeModeListener(List.copyOf(listeners));
	}

	@Override
	public Execution executionStarted(@Nullable String code, @Nullable ToolContext toolContext) {
		List<Execution> executions = new ArrayList<>(this.listeners.size());
		for (CodeModeListener listener : this.listeners) {
			try {
				executions.add(listener.executionStarted(code, toolContext));
			}
			catch (RuntimeException ex) {
				logger.warn("CodeModeListener {} failed at the start of an execution", listener, ex);
			}
		}
		return new CompositeExecution(executions);
	}

	private record CompositeExecution(List<Execution> executions) implements Execution {

		@Override
		public ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
			List<ToolCall> calls = new ArrayList<>(this.executions.size());
			for (Execution execution : this.executions) {
				try {
					calls.add(execution.toolCallStarted(tool, inputJson));
				}
				catch (RuntimeException ex) {
					logger.warn("CodeModeListener {} failed at the start of a tool call", execution, ex);
				}
			}
			return new CompositeToolCall(calls);
		}

		@Override
		public void executionFinished(ExecutionResult result) {
			// Ended in reverse order, so that nested scopes close before the scopes that
			// enclose them.
			for (int i = this.executions.size() - 1; i >= 0; i--) {
				try {
					this.executions.get(i).executionFinished(result);
				}
				catch (RuntimeException ex) {
					logger.warn("CodeModeListener {} failed at the end of an execution", this.executions.get(i), ex);
				}
			}
		}

	}

	private record CompositeToolCall(List<ToolCall> calls) implements ToolCall {

		@Override
		public void toolCallFinished(@Nullable String output, @Nullable Throwable failure) {
			for (int i = this.calls.size() - 1; i >= 0; i--) {
				try {
					this.calls.get(i).toolCallFinished(output, failure);
				}
				catch (RuntimeException ex) {
					logger.warn("CodeModeListener {} failed at the end of a tool call", this.calls.get(i), ex);
				}
			}
		}

	}

}
