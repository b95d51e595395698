package dev.codemode.executor.process;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.graaljs.ToolThreads;

/**
 * A {@link CodeExecutor} that runs each program in a worker JVM of its own pool: the same
 * {@link GraalJsCodeExecutor} with the same options, behind a process boundary that can
 * be killed. Each worker has a hard heap cap; an execution that overruns its timeout by
 * the grace, fills the heap or crashes its worker ends with the contract's error, and the
 * worker is killed and replaced in the background. Normalization and TypeScript stripping
 * run in the worker too.
 * <p>
 * Tools run here, in the application, on the tool executor of the options (or on threads
 * of this executor's own); only JSON crosses the boundary. Workers are started with this
 * JVM's {@code java} and class path (Boot's launcher for a fat jar), an environment
 * emptied of everything that could hold a secret, and none of this JVM's options.
 * <p>
 * An execution waits for a free worker at most its timeout, and at most
 * {@link WorkerOptions#maxWaiting()} executions wait.
 */
public final class ProcessCodeExecutor implements CodeExecutor, AutoCloseable {

	private final GraalJsExecutorOptions options;

	private final WorkerOptions workerOptions;

	private final @Nullable ToolThreads ownToolThreads;

	private final WorkerPool pool;

	/**
	 * Starts the workers in the background; {@link #warmUp()} waits for them.
	 * @param options the limits of the executor inside each worker, and where tools run
	 * @param workerOptions the worker JVMs
	 */
	public ProcessCodeExecutor(GraalJsExecutorOptions options, WorkerOptions workerOptions) {
		this.options = options;
		this.workerOptions = workerOptions;
		GraalJsExecutorOptions withTools = options;
		if (options.toolExecutor() == null) {
			// One execution per worker, so the tool threads are sized for count of them.
			this.ownToolThreads = ToolThreads
				.of(options.toBuilder().maxConcurrentExecutions(workerOptions.count()).build());
			withTools = options.toBuilder().toolExecutor(this.ownToolThreads).build();
		}
		else {
			this.ownToolThreads = null;
		}
		this.pool = new WorkerPool(new WorkerSettings(withTools, workerOptions));
	}

	@Override
	public ExecutionResult execute(String code, List<ToolNamespace> namespaces) {
		return this.pool.execute(code, namespaces);
	}

	@Override
	public String describeLimits() {
		return this.options.describeLimits();
	}

	/**
	 * Waits until every worker has started and warmed up, at most the start timeout.
	 * @return whether every worker is ready
	 */
	public boolean warmUp() {
		try {
			return this.pool.awaitReady();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * @return the workers' counters now
	 */
	public WorkerStatistics workers() {
		return this.pool.statistics();
	}

	/**
	 * @return what parses programs and strips their types in the workers, e.g.
	 * {@code "native (SWC)"}, or {@code null} before the first worker is ready
	 */
	public @Nullable String transpiler() {
		return this.pool.transpiler();
	}

	/**
	 * @return the options of the executor inside each worker
	 */
	public GraalJsExecutorOptions options() {
		return this.options;
	}

	/**
	 * @return the worker JVMs' options
	 */
	public WorkerOptions workerOptions() {
		return this.workerOptions;
	}

	/**
	 * Stops every worker.
	 */
	@Override
	public void close() {
		this.pool.close();
		if (this.ownToolThreads != null) {
			this.ownToolThreads.close();
		}
	}

}
