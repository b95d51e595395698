package dev.codemode.tool;

import dev.codemode.executor.ExecutionResult;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;

/**
 * Observes what the {@code codemode} tool does: each execution of a program and each tool
 * call the program makes.
 * <p>
 * The shape is a chain of scopes rather than flat events, so that an implementation can
 * keep per-call state (a Micrometer {@code Observation} and its scope, a start time)
 * without a map keyed by anything: the object returned by one callback receives the
 * callbacks that end it. The threading rules below are part of the contract, because
 * observation scopes are thread-bound:
 * <ul>
 * <li>{@link #executionStarted} and {@link Execution#executionFinished} are called on the
 * thread that called the {@code codemode} tool, once each, in that order, for every call
 * of the tool (also when its input is rejected before any program runs).</li>
 * <li>{@link Execution#toolCallStarted} and {@link ToolCall#toolCallFinished} are called
 * on the thread that runs the tool, immediately around the tool's
 * {@code ToolCallback.call}, once each, in that order, in the caller's context (see
 * {@link CallerContextPropagation}) and inside the application's task decorator. Tool
 * calls of one execution may run concurrently (a program's {@code Promise.all}), so an
 * {@link Execution} must be thread-safe. Calls that never reach a tool (an unknown tool,
 * a call over the limit) are not reported here; they show in the execution's result.</li>
 * </ul>
 * Every method of the listener and of {@link Execution} has a no-op default. An
 * implementation should not throw; the {@code codemode} tool logs and ignores whatever a
 * listener throws, and the model never sees it.
 */
public interface CodeModeListener {

	/** A listener that does nothing. */
	CodeModeListener NOOP = new CodeModeListener() {
	};

	/**
	 * An execution begins.
	 * @param code the program as the model wrote it, or {@code null} when the input held
	 * none
	 * @param toolContext the tool context of the outer call, or {@code null}
	 * @return what observes this execution's tool calls and end, never {@code null}
	 */
	default Execution executionStarted(@Nullable String code, @Nullable ToolContext toolContext) {
		return Execution.NOOP;
	}

	/** One execution, from its start to its end. */
	interface Execution {

		/** An execution observer that does nothing. */
		Execution NOOP = new Execution() {
		};

		/**
		 * The program calls a tool; the tool is about to run on the current thread.
		 * @param tool the tool, with its namespace
		 * @param inputJson the program's argument as JSON
		 * @return what observes the end of this tool call, never {@code null}
		 */
		default ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
			return ToolCall.NOOP;
		}

		/**
		 * The execution ended, whatever the outcome; called before the result is
		 * serialized for the model.
		 * @param result the outcome
		 */
		default void executionFinished(ExecutionResult result) {
		}

	}

	/** One tool call made by a program. */
	@FunctionalInterface
	interface ToolCall {

		/** A tool call observer that does nothing. */
		ToolCall NOOP = (output, failure) -> {
		};

		/**
		 * The tool returned or threw.
		 * @param output what the tool returned, or {@code null} when it threw
		 * @param failure what the tool threw, or {@code null} when it returned
		 */
		void toolCallFinished(@Nullable String output, @Nullable Throwable failure);

	}

}
