package dev.codemode.executor.graaljs;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * The tool executor as one execution sees it: each tool call started on it may also be
 * run by the execution's own thread when that thread would otherwise wait for it. A tool
 * that returns at once then completes without two thread hand-offs (to a tool thread and
 * back); the calls a program starts together ({@code Promise.all}) are still all handed
 * to the tool threads, so they still overlap. Whichever thread claims a call first runs
 * it, and the other skips it.
 */
final class ClaimableToolStarts implements Executor {

	private final Executor toolExecutor;

	private final Deque<Claim> started = new ConcurrentLinkedDeque<>();

	ClaimableToolStarts(Executor toolExecutor) {
		this.toolExecutor = toolExecutor;
	}

	@Override
	public void execute(Runnable task) {
		Claim claim = new Claim(task);
		this.started.addLast(claim);
		try {
			this.toolExecutor.execute(claim);
		}
		catch (RejectedExecutionException ex) {
			this.started.remove(claim);
			throw ex;
		}
	}

	/**
	 * Runs, on the calling thread, the latest call that no tool thread has started yet:
	 * the one the program awaits, as a rule.
	 * @return whether a call ran
	 */
	boolean runLatestHere() {
		Claim claim;
		while ((claim = this.started.pollLast()) != null) {
			if (claim.claim()) {
				claim.runHere();
				return true;
			}
		}
		return false;
	}

	/**
	 * A call either thread may run. The tool executor may ask to hear when the
	 * execution's thread took it ({@link #onTakenElsewhere}): {@link ToolThreads} then
	 * stops counting it as a call that waits for a thread, so that the pool does not grow
	 * for calls it will only skip.
	 */
	static final class Claim extends AtomicBoolean implements Runnable {

		private final Runnable task;

		private volatile @Nullable Runnable takenElsewhere;

		Claim(Runnable task) {
			this.task = task;
		}

		boolean claim() {
			return compareAndSet(false, true);
		}

		void onTakenElsewhere(Runnable listener) {
			this.takenElsewhere = listener;
		}

		private void runHere() {
			Runnable listener = this.takenElsewhere;
			if (listener != null) {
				listener.run();
			}
			this.task.run();
		}

		@Override
		public void run() {
			if (claim()) {
				this.task.run();
			}
		}

	}

}
