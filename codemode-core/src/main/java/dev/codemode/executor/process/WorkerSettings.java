package dev.codemode.executor.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

/**
 * How a {@link Worker} is started and what its executor may do.
 *
 * @param executorOptions the limits of the GraalJS executor in the worker; its
 * {@code toolExecutor} is where the application runs the worker's tool calls
 * ({@code null}: threads of the worker's own, one per call in flight)
 * @param workers the worker JVMs' count, heap, options and waits
 */
record WorkerSettings(GraalJsExecutorOptions executorOptions, WorkerOptions workers) {

	WorkerSettings {
		Objects.requireNonNull(executorOptions, "executorOptions");
		Objects.requireNonNull(workers, "workers");
	}

	static WorkerSettings of(GraalJsExecutorOptions executorOptions) {
		return new WorkerSettings(executorOptions, WorkerOptions.defaults());
	}

	WorkerSettings withWorkers(WorkerOptions workers) {
		return new WorkerSettings(this.executorOptions, workers);
	}

	@Nullable Executor toolExecutor() {
		return this.executorOptions.toolExecutor();
	}

	long maxHeapBytes() {
		return this.workers.maxHeapBytes();
	}

	List<String> jvmArgs() {
		return this.workers.jvmArgs();
	}

	Duration grace() {
		return this.workers.grace();
	}

	Duration startTimeout() {
		return this.workers.startTimeout();
	}

	String maxHeapText() {
		return this.workers.maxHeapText();
	}

}
