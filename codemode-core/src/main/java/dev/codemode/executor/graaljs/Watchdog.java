package dev.codemode.executor.graaljs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.codemode.internal.CodeModeThreads;

/**
 * Enforces what the community edition of GraalJS cannot: wall-clock time, CPU time and
 * allocation per execution, and heap pressure. One daemon thread looks at every running
 * execution a hundred times a second and cancels the ones over a limit with
 * {@code Context.close(true)}.
 */
final class Watchdog implements AutoCloseable {

	private static final long PERIOD_MILLIS = 10;

	/**
	 * Above this share of the maximum heap, executions that allocate heavily are stopped.
	 */
	private static final double HEAP_PRESSURE = 0.90;

	/**
	 * Under heap pressure, an execution that allocated more than this is taken as the
	 * cause.
	 */
	private static final long HEAVY_ALLOCATION = 32L * 1024 * 1024;

	private final Set<Execution> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler;

	private final com.sun.management.@Nullable ThreadMXBean threads;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	Watchdog() {
		java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
		this.threads = (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported())
				? sun : null;
		if (this.threads != null && !this.threads.isThreadAllocatedMemoryEnabled()) {
			this.threads.setThreadAllocatedMemoryEnabled(true);
		}
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor((task) -> CodeModeThreads.newThread("codemode-watchdog", 0, task));
		this.scheduler.scheduleWithFixedDelay(this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
	}

	void watch(Execution execution) {
		this.running.add(execution);
	}

	void release(Execution execution) {
		this.running.remove(execution);
	}

	/**
	 * @return bytes the thread has allocated so far, or -1 where the JVM cannot tell
	 */
	long allocatedBytes(Thread thread) {
		return (this.threads != null) ? this.threads.getThreadAllocatedBytes(thread.getId()) : -1;
	}

	/**
	 * @return CPU nanoseconds the thread has used so far, or -1 where the JVM cannot tell
	 */
	long cpuTime(Thread thread) {
		return (this.threads != null && this.threads.isThreadCpuTimeSupported())
				? this.threads.getThreadCpuTime(thread.getId()) : -1;
	}

	private void check() {
		// A scheduled task that throws is never run again, and then nothing would end a
		// runaway program: an
		// OutOfMemoryError caused by a memory bomb can strike this thread as well as any
		// other.
		try {
			if (this.running.isEmpty()) {
				return;
			}
			long now = System.nanoTime();
			boolean heapPressure = heapPressure();
			for (Execution execution : this.running) {
				try {
					execution.checkLimits(now, heapPressure, HEAVY_ALLOCATION);
				}
				catch (RuntimeException ex) {
					// One failed check must not skip the others; the next round tries
					// again.
				}
			}
		}
		catch (Throwable ex) {
			// Keep watching; the next round comes in PERIOD_MILLIS.
		}
	}

	private boolean heapPressure() {
		MemoryUsage heap = this.memory.getHeapMemoryUsage();
		long max = (heap.getMax() > 0) ? heap.getMax() : heap.getCommitted();
		return heap.getUsed() > max * HEAP_PRESSURE;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
