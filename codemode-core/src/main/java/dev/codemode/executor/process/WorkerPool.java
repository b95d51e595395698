package dev.codemode.executor.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.internal.CodeModeThreads;

/**
 * A fixed number of {@link Worker}s, one execution at a time each. An execution waits for
 * a free worker at most its timeout, and at most {@code maxWaiting} executions wait (more
 * get a {@code LimitError} at once). A worker that died is replaced in the background, on
 * one starter thread, so that no execution waits for a JVM to start unless every worker
 * is gone; repeated start failures back off.
 */
final class WorkerPool implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WorkerPool.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final WorkerSettings settings;

	private final int size;

	private final int maxWaiting;

	private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();

	private final Set<Worker> all = ConcurrentHashMap.newKeySet();

	private final Semaphore waiting;

	private final ExecutorService starter = Executors
		.newSingleThreadExecutor(CodeModeThreads.factory("codemode-worker-starter-", 0));

	private final AtomicInteger busy = new AtomicInteger();

	private final AtomicLong restarts = new AtomicLong();

	private final AtomicInteger startFailures = new AtomicInteger();

	private final Map<String, AtomicLong> killed = new ConcurrentHashMap<>();

	private volatile boolean closed;

	private volatile @Nullable String lastStartFailure;

	private volatile @Nullable String transpiler;

	/**
	 * Starts the workers in the background.
	 * @param settings how each worker is started, and how many
	 */
	WorkerPool(WorkerSettings settings) {
		this.settings = settings;
		this.size = settings.workers().count();
		this.maxWaiting = settings.workers().maxWaiting();
		this.waiting = new Semaphore(this.maxWaiting);
		for (int i = 0; i < this.size; i++) {
			startOne(false);
		}
	}

	/**
	 * Runs one program on a free worker; never throws for anything the program does.
	 */
	ExecutionResult execute(String code, List<ToolNamespace> namespaces) {
		Duration timeout = this.settings.executorOptions().timeout();
		if (this.closed) {
			return ExecutionResult.failed(new ExecutionError(Worker.CRASH, "the sandbox processes are shut down"));
		}
		String cannotStart = cannotStart();
		if (cannotStart != null) {
			return ExecutionResult.failed(new ExecutionError(Worker.CRASH, cannotStart));
		}
		if (!this.waiting.tryAcquire()) {
			return ExecutionResult.failed(new ExecutionError(ExecutionError.LIMIT,
					"too many programs are waiting for a sandbox process (" + this.maxWaiting + " may wait, "
							+ this.size + " run at once: codemode.executor.worker.count); try again shortly"));
		}
		Worker worker;
		try {
			worker = lease(System.nanoTime() + timeout.toNanos());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExecutionResult.failed(new ExecutionError(ExecutionError.TIMEOUT, "the execution was interrupted"));
		}
		finally {
			this.waiting.release();
		}
		if (worker == null) {
			cannotStart = cannotStart();
			return ExecutionResult.failed((cannotStart != null) ? new ExecutionError(Worker.CRASH, cannotStart)
					: new ExecutionError(ExecutionError.TIMEOUT,
							"no sandbox process became free within the timeout (timeout): all " + this.size
									+ " are busy or starting (codemode.executor.worker.count)"));
		}
		this.busy.incrementAndGet();
		try {
			return worker.execute(code, namespaces);
		}
		finally {
			this.busy.decrementAndGet();
			giveBack(worker);
		}
	}

	/**
	 * @return why no execution can run, when no worker lives and the last start failed
	 */
	private @Nullable String cannotStart() {
		String failure = this.lastStartFailure;
		if (failure == null || !this.all.isEmpty()) {
			return null;
		}
		return "no sandbox process could be started, so the program did not run: " + failure;
	}

	/**
	 * Waits until every worker is ready, or the start timeout passed.
	 * @return whether every worker is ready
	 */
	boolean awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + this.settings.startTimeout().toNanos();
		while (alive() < this.size && !this.closed) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(20);
		}
		return !this.closed;
	}

	/**
	 * @return a live worker, or {@code null} when none became free by the deadline; a
	 * worker that died while idle is replaced, not handed out
	 */
	private @Nullable Worker lease(long deadlineNanos) throws InterruptedException {
		while (true) {
			Worker worker = this.idle.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (worker == null || worker.alive()) {
				return worker;
			}
			giveBack(worker);
		}
	}

	private void giveBack(Worker worker) {
		if (worker.alive() && !this.closed) {
			this.idle.add(worker);
			return;
		}
		this.all.remove(worker);
		if (this.closed) {
			worker.close();
			return;
		}
		Worker.Death death = worker.deathCause();
		String cause = (death != null) ? death.cause() : Worker.Death.CRASH.cause();
		this.killed.computeIfAbsent(cause, (key) -> new AtomicLong()).incrementAndGet();
		worker.close();
		startOne(true);
	}

	private void startOne(boolean replacement) {
		try {
			this.starter.execute(() -> {
				int failures = this.startFailures.get();
				if (failures > 0) {
					// Backoff: a worker that cannot start (bad class path, missing java)
					// must not become a crash loop.
					long millis = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 10));
					sleep(millis);
				}
				if (this.closed) {
					return;
				}
				try {
					Worker worker = Worker.start(this.settings);
					this.startFailures.set(0);
					this.lastStartFailure = null;
					this.transpiler = worker.transpiler();
					this.all.add(worker);
					if (replacement) {
						this.restarts.incrementAndGet();
					}
					this.idle.add(worker);
					if (this.closed) {
						close();
					}
				}
				catch (IOException ex) {
					if (this.closed) {
						// Stopped by the pool's close, not a failure.
						return;
					}
					this.startFailures.incrementAndGet();
					this.lastStartFailure = ex.getMessage();
					logger.warn("A sandbox worker could not be started: {}", ex.getMessage());
					startOne(replacement);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Closed meanwhile.
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @return the pool's counters now
	 */
	WorkerStatistics statistics() {
		return new WorkerStatistics(this.size, alive(), busy(), waiting(), restarts(), killed(), this.lastStartFailure);
	}

	/**
	 * @return what parses programs and strips their types in the workers, or {@code null}
	 * before the first worker is ready
	 */
	@Nullable String transpiler() {
		return this.transpiler;
	}

	/**
	 * @return workers alive now, busy or idle
	 */
	int alive() {
		return (int) this.all.stream().filter(Worker::alive).count();
	}

	/**
	 * @return executions waiting for a free worker now
	 */
	int waiting() {
		return this.maxWaiting - this.waiting.availablePermits();
	}

	/**
	 * @return workers running an execution now
	 */
	int busy() {
		return this.busy.get();
	}

	/**
	 * @return workers started to replace one that died
	 */
	long restarts() {
		return this.restarts.get();
	}

	/**
	 * @return workers that died, by cause: {@code timeout}, {@code heap}, {@code crash},
	 * {@code protocol}, {@code interrupted}
	 */
	Map<String, Long> killed() {
		Map<String, Long> counts = new TreeMap<>();
		this.killed.forEach((cause, count) -> counts.put(cause, count.get()));
		return counts;
	}

	@Override
	public void close() {
		this.closed = true;
		this.starter.shutdownNow();
		for (Worker worker : this.all) {
			worker.close();
		}
		this.all.clear();
		this.idle.clear();
	}

}
