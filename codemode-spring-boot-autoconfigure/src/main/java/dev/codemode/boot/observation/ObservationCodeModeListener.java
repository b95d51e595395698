package dev.codemode.boot.observation;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeTool;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.observation.DefaultToolCallingObservationConvention;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationConvention;
import org.springframework.ai.tool.observation.ToolCallingObservationDocumentation;

/**
 * Observes each execution as {@code codemode.execution}, a child of the caller's current
 * observation (on a reactive stream, of the one in the Reactor context that Spring AI
 * hands over), and each tool call of a program as Spring AI observes a tool call
 * ({@code spring.ai.tool}), a child of the execution. Tool calls run on other threads
 * than the execution, so their parent is set explicitly rather than taken from the
 * current thread, and their scope is opened there, so that what a tool observes nests
 * under its call.
 */
public final class ObservationCodeModeListener implements CodeModeListener {

	private static final CodeModeExecutionObservationConvention DEFAULT_EXECUTION_CONVENTION = new DefaultCodeModeExecutionObservationConvention();

	private static final ToolCallingObservationConvention DEFAULT_TOOL_CALL_CONVENTION = new DefaultToolCallingObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable CodeModeExecutionObservationConvention executionConvention;

	private final @Nullable ToolCallingObservationConvention toolCallConvention;

	/**
	 * @param registry where observations go
	 * @param executionConvention the convention of executions, or {@code null} for the
	 * default one
	 * @param toolCallConvention the convention of tool calls, or {@code null} for Spring
	 * AI's default one
	 */
	public ObservationCodeModeListener(ObservationRegistry registry,
			@Nullable CodeModeExecutionObservationConvention executionConvention,
			@Nullable ToolCallingObservationConvention toolCallConvention) {
		this.registry = registry;
		this.executionConvention = executionConvention;
		this.toolCallConvention = toolCallConvention;
	}

	@Override
	public Execution executionStarted(@Nullable String code, @Nullable ToolContext toolContext) {
		CodeModeExecutionObservationContext context = new CodeModeExecutionObservationContext(code);
		Observation observation = CodeModeObservationDocumentation.EXECUTION.observation(this.executionConvention,
				DEFAULT_EXECUTION_CONVENTION, () -> context, this.registry);
		if (this.registry.getCurrentObservation() == null) {
			// A caller on a reactive stream keeps its observation in the Reactor context,
			// which Spring AI hands over.
			Observation reactive = ToolCallReactiveContextHolder.getContext()
				.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (reactive != null) {
				observation.parentObservation(reactive);
			}
		}
		observation.start();
		return new ObservedExecution(observation, observation.openScope(), context);
	}

	private final class ObservedExecution implements Execution {

		private final Observation observation;

		private final Observation.Scope scope;

		private final CodeModeExecutionObservationContext context;

		ObservedExecution(Observation observation, Observation.Scope scope,
				CodeModeExecutionObservationContext context) {
			this.observation = observation;
			this.scope = scope;
			this.context = context;
		}

		@Override
		public ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
			ToolCallback callback = tool.callback();
			ToolCallingObservationContext context = ToolCallingObservationContext.builder()
				.toolDefinition(callback.getToolDefinition())
				.toolMetadata(callback.getToolMetadata())
				.toolCallArguments(inputJson)
				.build();
			Observation observation = ToolCallingObservationDocumentation.TOOL_CALL
				.observation(ObservationCodeModeListener.this.toolCallConvention, DEFAULT_TOOL_CALL_CONVENTION,
						() -> context, ObservationCodeModeListener.this.registry)
				.parentObservation(this.observation)
				.start();
			// Opened so that what the tool observes (HTTP calls, queries) nests under
			// this tool call.
			Observation.Scope scope = observation.openScope();
			return (output, failure) -> {
				try {
					if (output != null) {
						context.setToolCallResult(output);
					}
					if (failure != null) {
						observation.error(failure);
					}
				}
				finally {
					scope.close();
					observation.stop();
				}
			};
		}

		@Override
		public void executionFinished(ExecutionResult result) {
			this.context.setResult(result);
			this.scope.close();
			this.observation.stop();
		}

	}

}
