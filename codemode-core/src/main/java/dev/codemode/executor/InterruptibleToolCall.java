package dev.codemode.executor;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * A tool call on a thread of an {@link Executor} whose {@link #cancel(boolean)
 * cancel(true)} interrupts that thread, which {@link CompletableFuture#supplyAsync} does
 * not do: the executor cancels every call still running when its execution ends, and a
 * cancelled call must give its thread back.
 * <p>
 * The work runs as a {@link FutureTask}, which delivers the interrupt only while the call
 * runs, never to whatever the thread runs next; a call cancelled before it started never
 * runs.
 */
final class InterruptibleToolCall extends CompletableFuture<String> {

	private final FutureTask<String> task;

	private InterruptibleToolCall(ToolFunction function, String inputJson) {
		this.task = new FutureTask<>(() -> function.call(inputJson)) {
			@Override
			protected void done() {
				settle();
			}
		};
	}

	/**
	 * Starts {@code function.call(inputJson)} on {@code executor}.
	 * @return the call; a rejected start is a failed call
	 */
	static CompletableFuture<String> start(ToolFunction function, String inputJson, Executor executor) {
		InterruptibleToolCall call = new InterruptibleToolCall(function, inputJson);
		try {
			executor.execute(call.task);
		}
		catch (RejectedExecutionException ex) {
			call.task.cancel(false);
			call.completeExceptionally(
					new ToolCallException("the tool could not be started: its threads are busy " + "or shut down", ex));
		}
		return call;
	}

	private void settle() {
		if (this.task.isCancelled()) {
			super.cancel(false);
			return;
		}
		try {
			complete(this.task.get());
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			completeExceptionally((cause instanceof Exception && !(cause instanceof RuntimeException))
					? new ToolCallException(cause.getMessage(), cause) : cause);
		}
		catch (InterruptedException | CancellationException ex) {
			// Not reached: done() runs once the task has completed.
			completeExceptionally(ex);
		}
	}

	/**
	 * Cancels the call; with {@code mayInterruptIfRunning}, the thread running it is
	 * interrupted.
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		this.task.cancel(mayInterruptIfRunning);
		return cancelled;
	}

}
