package dev.codemode.executor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One tool as a program sees it: JSON in, JSON (or a plain string) out.
 * <p>
 * Implement {@link #call(String)} for a blocking tool; the executor runs it on its tool
 * threads so that {@code Promise.all} really runs tools in parallel. A tool that is
 * asynchronous by nature overrides {@link #callAsync(String, Executor)} instead. A
 * failure's message reaches the program as the message of a JavaScript {@code Error}; its
 * class and stack trace never do, so keep secrets out of exception messages.
 * <p>
 * A call still running when its execution ends (the program returned, timed out, hit a
 * limit or was cancelled) is cancelled: the thread running a blocking
 * {@link #call(String)} is interrupted. A tool that waits (I/O, a lock, a sleep) should
 * let {@link InterruptedException} (or an interrupted I/O channel) end it, so that its
 * thread is free for the next execution; a tool that ignores interruption keeps its
 * thread until it returns.
 */
@FunctionalInterface
public interface ToolFunction {

	/**
	 * Invoke the tool.
	 * @param inputJson the program's argument, serialized as JSON ({@code null} becomes
	 * {@code "null"})
	 * @return the result: JSON, which the program receives parsed, or any other text,
	 * which it receives as a string
	 * @throws Exception when the tool fails; the message is what the program and the
	 * model see
	 * @throws InterruptedException when the call was cancelled while it waited
	 */
	String call(String inputJson) throws Exception;

	/**
	 * Invoke the tool without blocking the program's thread. The default runs
	 * {@link #call(String)} on {@code executor} and returns a {@link CompletableFuture}
	 * whose {@code cancel(true)} interrupts the thread running it (a call cancelled
	 * before it started never runs). The executor cancels the calls still running when
	 * their execution ends.
	 * <p>
	 * An override should return a stage whose {@code toCompletableFuture().cancel(true)}
	 * stops the work as far as it can, so that nothing of an ended execution keeps
	 * running.
	 * @param inputJson the argument as JSON
	 * @param executor the executor's threads for tool calls
	 * @return the eventual result
	 */
	default CompletionStage<String> callAsync(String inputJson, Executor executor) {
		return InterruptibleToolCall.start(this, inputJson, executor);
	}

}
