package dev.codemode.executor.graaljs;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.internal.CodeModeThreads;

/**
 * The executor's own threads for tool calls, named {@code codemode-tool-N}, daemon, and
 * created without the inheritable thread-locals of whoever made them (one caller's
 * context must never reach another's tools).
 * <p>
 * Fair share: an execution runs at most {@code maxToolCallsInFlight} calls at once (the
 * rest wait in its own queue) and at most {@code maxConcurrentExecutions} executions run
 * at once, so the platform pool has
 * {@code maxConcurrentExecutions × maxToolCallsInFlight} threads: every call an execution
 * may start gets a thread at once, and no execution waits for another's calls. Threads
 * are created when a call finds none idle, and end after {@value #IDLE_SECONDS} s without
 * work. With virtual threads (JDK 21+), every call gets a new virtual thread and the same
 * per-execution bound applies.
 * <p>
 * A call that ignores the interrupt it gets when its execution ends keeps its thread
 * until it returns; while such calls hold threads, later calls may wait for one (never
 * beyond their execution's timeout).
 * <p>
 * Public for the process executor, whose tool calls run in the application too; not an
 * API of its own.
 */
public final class ToolThreads implements Executor, AutoCloseable {

	static final String NAME_PREFIX = "codemode-tool-";

	static final long IDLE_SECONDS = 60;

	private static final Logger logger = LoggerFactory.getLogger(ToolThreads.class);

	private final ExecutorService threads;

	private final AtomicInteger busy;

	private final int maxThreads;

	private ToolThreads(ExecutorService threads, AtomicInteger busy, int maxThreads) {
		this.threads = threads;
		this.busy = busy;
		this.maxThreads = maxThreads;
	}

	/**
	 * @return the tool threads the options ask for: virtual when asked and available,
	 * else a bounded pool
	 */
	public static ToolThreads of(GraalJsExecutorOptions options) {
		if (options.virtualToolThreads()) {
			ThreadFactory factory = virtualThreadFactory();
			if (factory != null) {
				return new ToolThreads(threadPerTask(factory), new AtomicInteger(), Integer.MAX_VALUE);
			}
			logger.warn("Virtual threads need JDK 21 or later; tool calls run on a pool of platform threads");
		}
		long size = (long) options.maxConcurrentExecutions() * options.maxToolCallsInFlight();
		return platform((int) Math.min(size, Integer.MAX_VALUE));
	}

	/**
	 * A pool of at most {@code maxThreads} platform threads, created when a call finds
	 * none idle.
	 */
	static ToolThreads platform(int maxThreads) {
		AtomicInteger busy = new AtomicInteger();
		GrowFirstQueue queue = new GrowFirstQueue(busy);
		AtomicInteger counter = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, IDLE_SECONDS, TimeUnit.SECONDS, queue,
				// No inheritable thread-locals (issue 10).
				(task) -> CodeModeThreads.newThread(NAME_PREFIX + counter.incrementAndGet(), 0, task),
				(task, executor) -> {
					// The pool reached its size between the queue's check and the
					// thread's creation: wait for one.
					if (executor.isShutdown()) {
						throw new RejectedExecutionException("the tool threads are shut down");
					}
					queue.force(task);
				});
		queue.pool = pool;
		return new ToolThreads(pool, busy, maxThreads);
	}

	@Override
	public void execute(Runnable task) {
		this.busy.incrementAndGet();
		AtomicBoolean counted = new AtomicBoolean(true);
		Runnable uncount = () -> {
			if (counted.compareAndSet(true, false)) {
				this.busy.decrementAndGet();
			}
		};
		if (task instanceof ClaimableToolStarts.Claim claim) {
			// Run by the execution's own thread: no thread of this pool is needed for it.
			claim.onTakenElsewhere(uncount);
		}
		try {
			this.threads.execute(() -> {
				try {
					task.run();
				}
				finally {
					uncount.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			uncount.run();
			throw ex;
		}
	}

	/**
	 * @return the calls submitted and not yet finished: running, or waiting for a thread
	 */
	int busy() {
		return this.busy.get();
	}

	/**
	 * @return the most threads this runs calls on at once ({@link Integer#MAX_VALUE} for
	 * virtual threads)
	 */
	int maxThreads() {
		return this.maxThreads;
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

	/**
	 * {@code Thread.ofVirtual().name("codemode-tool-", 1).inheritInheritableThreadLocals(false).factory()},
	 * called reflectively because this library is compiled for Java 17.
	 * @return the factory, or {@code null} before JDK 21
	 */
	static @Nullable ThreadFactory virtualThreadFactory() {
		if (Runtime.version().feature() < 21) {
			return null;
		}
		try {
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, NAME_PREFIX, 1L);
			builder = builderType.getMethod("inheritInheritableThreadLocals", boolean.class).invoke(builder, false);
			return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Virtual threads are not available", ex);
			return null;
		}
	}

	private static ExecutorService threadPerTask(ThreadFactory factory) {
		try {
			Method method = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
			return (ExecutorService) method.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("JDK 21's Executors.newThreadPerTaskExecutor is missing", ex);
		}
	}

	/**
	 * The queue of the platform pool: a new call goes to an idle thread when there is
	 * one, else to a new thread while the pool is below its size, and waits only when
	 * every thread is busy. (A plain {@link ThreadPoolExecutor} either queues before it
	 * grows, or makes a thread per call up to its core size even when others are idle.)
	 */
	private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

		private static final long serialVersionUID = 1L;

		private transient @Nullable ThreadPoolExecutor pool;

		private final transient AtomicInteger busy;

		GrowFirstQueue(AtomicInteger busy) {
			this.busy = busy;
		}

		@Override
		public boolean offer(Runnable task) {
			ThreadPoolExecutor executor = this.pool;
			if (executor != null && this.busy.get() > executor.getPoolSize()
					&& executor.getPoolSize() < executor.getMaximumPoolSize()) {
				// No idle thread: refuse, so that the pool makes one.
				return false;
			}
			return super.offer(task);
		}

		void force(Runnable task) {
			super.offer(task);
		}

	}

}
