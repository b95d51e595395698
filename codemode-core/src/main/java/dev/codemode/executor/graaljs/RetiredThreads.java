package dev.codemode.executor.graaljs;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;

/**
 * Execution threads stuck past their timeout in work the engine cannot stop (a builtin
 * without a safepoint, a computation inside the host's libraries). Each one is retired:
 * the pool grows by one so that capacity is kept, and shrinks again when the thread
 * finally returns. Retired threads are bounded: beyond the bound, executions are refused,
 * so that a program cannot grow threads and CPU use without limit.
 */
final class RetiredThreads {

	private static final Logger logger = LoggerFactory.getLogger(RetiredThreads.class);

	private final ThreadPoolExecutor pool;

	private final int max;

	private int retired;

	private long total;

	RetiredThreads(ThreadPoolExecutor pool, int max) {
		this.pool = pool;
		this.max = max;
	}

	/** A task's state: running, finished, or retired while running. */
	static final class Watch {

		private static final int RUNNING = 0;

		private static final int DONE = 1;

		private static final int RETIRED = 2;

		private final AtomicInteger state = new AtomicInteger(RUNNING);

	}

	/** Called by the task's own thread when it returns, however late. */
	void finished(Watch watch) {
		if (!watch.state.compareAndSet(Watch.RUNNING, Watch.DONE)) {
			returned();
		}
	}

	/**
	 * Called by the caller that gave up waiting for the task.
	 * @param thread the thread that is still busy, named in the log
	 */
	void overran(Watch watch, @Nullable Thread thread) {
		if (!watch.state.compareAndSet(Watch.RUNNING, Watch.RETIRED)) {
			return;
		}
		int now;
		synchronized (this) {
			this.retired++;
			this.total++;
			now = this.retired;
			this.pool.setMaximumPoolSize(this.pool.getMaximumPoolSize() + 1);
			this.pool.setCorePoolSize(this.pool.getCorePoolSize() + 1);
		}
		logger.warn("Execution thread {} is still busy after its execution's timeout, in work the JavaScript engine "
				+ "cannot interrupt; it was retired and replaced ({} retired now, at most {}: "
				+ "codemode.max-retired-threads)", (thread != null) ? thread.getName() : "?", now, this.max);
	}

	private synchronized void returned() {
		this.retired--;
		this.pool.setCorePoolSize(this.pool.getCorePoolSize() - 1);
		this.pool.setMaximumPoolSize(this.pool.getMaximumPoolSize() - 1);
		logger.info("A retired execution thread returned; {} retired now", this.retired);
	}

	/**
	 * @return the error that refuses a new execution, or {@code null} while executions
	 * are accepted
	 */
	synchronized @Nullable ExecutionError refusal() {
		if (this.retired < Math.max(1, this.max)) {
			return null;
		}
		return new ExecutionError(ExecutionError.LIMIT, this.retired + " execution threads are stuck in work the "
				+ "sandbox could not stop, the most it allows (max-retired-threads); new executions are refused until "
				+ "they return. Try again later, with a program that does less work in one builtin call");
	}

	synchronized int current() {
		return this.retired;
	}

	synchronized long total() {
		return this.total;
	}

}
