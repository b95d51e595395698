package dev.codemode.tool;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.core.task.TaskDecorator;

import dev.codemode.executor.ToolCallException;

/**
 * The context of one caller of the {@code codemode} tool, captured on the calling thread,
 * restored wherever the caller's tools, approvals and listeners run. See
 * {@link CallerContextPropagation}.
 */
final class CallerContext {

	private final ContextSnapshot snapshot;

	private final ContextView reactorContext;

	private final @Nullable TaskDecorator taskDecorator;

	CallerContext(ContextSnapshot snapshot, ContextView reactorContext, @Nullable TaskDecorator taskDecorator) {
		this.snapshot = snapshot;
		this.reactorContext = reactorContext;
		this.taskDecorator = taskDecorator;
	}

	/**
	 * Runs work on the current thread in the caller's context: every registered
	 * thread-local set to the caller's value or cleared, and the caller's Reactor context
	 * in {@link ToolCallReactiveContextHolder}; afterwards the thread gets back what it
	 * held.
	 */
	<T> T restored(Callable<T> work) throws Exception {
		ContextView previous = ToolCallReactiveContextHolder.getContext();
		try (ContextSnapshot.Scope scope = this.snapshot.setThreadLocals()) {
			holdReactorContext(this.reactorContext);
			try {
				return work.call();
			}
			finally {
				holdReactorContext(previous);
			}
		}
	}

	/**
	 * Runs work on the current thread through the application's task decorator, if any.
	 * Called where the caller's context is {@linkplain #restored restored}, so that what
	 * the decorator captures is the caller's.
	 */
	<T> T decorated(Supplier<T> work) {
		if (this.taskDecorator == null) {
			return work.get();
		}
		Outcome<T> outcome = new Outcome<>(work);
		Runnable task = this.taskDecorator.decorate(outcome);
		try {
			task.run();
		}
		catch (RuntimeException | Error ex) {
			outcome.rethrowFailure();
			throw ex;
		}
		outcome.rethrowFailure();
		if (!outcome.ran) {
			throw new ToolCallException("the tool did not run: the application's TaskDecorator did not run it");
		}
		return outcome.value;
	}

	private static void holdReactorContext(@Nullable ContextView context) {
		if (context == null || context.isEmpty()) {
			ToolCallReactiveContextHolder.clearContext();
		}
		else {
			ToolCallReactiveContextHolder.setContext(context);
		}
	}

	/**
	 * The work as a {@link Runnable} for a task decorator, keeping its value or failure
	 * for the caller.
	 */
	private static final class Outcome<T> implements Runnable {

		private final Supplier<T> work;

		private volatile boolean ran;

		private volatile @Nullable T value;

		private volatile @Nullable Throwable failure;

		Outcome(Supplier<T> work) {
			this.work = work;
		}

		@Override
		public void run() {
			this.ran = true;
			try {
				this.value = this.work.get();
			}
			catch (RuntimeException | Error ex) {
				// Kept, and thrown again by decorated(), even if the decorator swallows
				// it.
				this.failure = ex;
				throw ex;
			}
		}

		void rethrowFailure() {
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (this.failure instanceof Error error) {
				throw error;
			}
		}

	}

}
