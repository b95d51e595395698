package dev.codemode.executor.process;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import dev.codemode.executor.ExecutionError;

/**
 * One line of the protocol between the application and a worker JVM: a JSON object whose
 * {@code type} names the record. Only JSON crosses the boundary: tool inputs and outputs,
 * results and logs travel as strings.
 * <p>
 * Application to worker: {@link Hello} (once, first), {@link Execute},
 * {@link ToolResult}. Worker to application: {@link Ready} (once, answering
 * {@code hello}), {@link ToolCall}, {@link Cancel}, {@link Result}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Message.Hello.class, name = "hello"),
		@JsonSubTypes.Type(value = Message.Ready.class, name = "ready"),
		@JsonSubTypes.Type(value = Message.Execute.class, name = "execute"),
		@JsonSubTypes.Type(value = Message.ToolCall.class, name = "toolCall"),
		@JsonSubTypes.Type(value = Message.ToolResult.class, name = "toolResult"),
		@JsonSubTypes.Type(value = Message.Cancel.class, name = "cancel"),
		@JsonSubTypes.Type(value = Message.Result.class, name = "result") })
sealed interface Message {

	/**
	 * The worker's settings: the limits of its GraalJS executor. The values of
	 * {@code env} are the sandbox's {@code process.env}: they travel here, never through
	 * the worker's environment, which is empty.
	 *
	 * @param options the executor's limits and switches
	 */
	record Hello(WorkerExecutorOptions options) implements Message {
	}

	/**
	 * The worker has built its executor and warmed it up.
	 *
	 * @param transpiler what parses programs in the worker, e.g. {@code native (SWC)}
	 * @param pid the worker's process id, for the logs
	 */
	record Ready(String transpiler, long pid) implements Message {
	}

	/**
	 * Run a program.
	 *
	 * @param id the execution's id, unique per worker
	 * @param code the program as the model wrote it
	 * @param namespaces each namespace's tool identifiers, in declaration order
	 */
	record Execute(long id, String code, Map<String, List<String>> namespaces) implements Message {
	}

	/**
	 * The program called a tool: the application runs it.
	 *
	 * @param executionId the execution that called it
	 * @param callId the call's id, unique per worker
	 * @param namespace the namespace
	 * @param identifier the tool's identifier in the namespace
	 * @param inputJson the argument as JSON
	 */
	record ToolCall(long executionId, long callId, String namespace, String identifier,
			String inputJson) implements Message {
	}

	/**
	 * A tool call ended: exactly one of {@code output} and {@code error} is set.
	 *
	 * @param callId the call
	 * @param output the tool's result
	 * @param error the failure's message, as the program sees it
	 */
	record ToolResult(long callId, @Nullable String output, @Nullable String error) implements Message {

		static ToolResult success(long callId, String output) {
			return new ToolResult(callId, output, null);
		}

		static ToolResult failure(long callId, String error) {
			return new ToolResult(callId, null, error);
		}

	}

	/**
	 * The worker no longer needs a call's result (its execution ended): the application
	 * cancels it, which interrupts the tool.
	 *
	 * @param callId the call
	 */
	record Cancel(long callId) implements Message {
	}

	/**
	 * An execution ended.
	 *
	 * @param id the execution
	 * @param resultJson the program's return value as JSON, or {@code null}
	 * @param logs the console output
	 * @param error why it failed, or {@code null}
	 * @param toolCalls the tool calls it made
	 * @param truncated whether the logs or the result were cut
	 */
	record Result(long id, @Nullable String resultJson, List<String> logs, @Nullable Failure error, int toolCalls,
			boolean truncated) implements Message {

		public Result {
			logs = (logs != null) ? List.copyOf(logs) : List.of();
		}

	}

	/**
	 * An {@link ExecutionError} on the wire.
	 *
	 * @param kind the error's kind
	 * @param message its message
	 * @param line the line, or {@code null}
	 * @param column the column, or {@code null}
	 */
	record Failure(String kind, String message, @Nullable Integer line, @Nullable Integer column) {

		static Failure of(ExecutionError error) {
			return new Failure(error.kind(), error.message(), error.line(), error.column());
		}

		ExecutionError toError() {
			return new ExecutionError(this.kind, this.message, this.line, this.column);
		}

	}

}
