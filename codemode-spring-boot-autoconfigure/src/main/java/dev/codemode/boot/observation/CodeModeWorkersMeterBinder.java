package dev.codemode.boot.observation;

import java.util.function.ToDoubleFunction;

import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the worker JVMs of a {@link ProcessCodeExecutor}: alive, busy and waiting
 * executions now (gauges), restarts and workers killed by cause since startup (counters,
 * one per cause of {@link WorkerStatistics#KILL_CAUSES}, so that each exists from the
 * start).
 */
public final class CodeModeWorkersMeterBinder implements MeterBinder {

	private final ProcessCodeExecutor executor;

	/**
	 * @param executor the executor whose workers to measure
	 */
	public CodeModeWorkersMeterBinder(ProcessCodeExecutor executor) {
		this.executor = executor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "codemode.executor.workers.alive", "Worker JVMs running now, busy or idle",
				WorkerStatistics::alive);
		gauge(registry, "codemode.executor.workers.busy", "Worker JVMs running an execution now",
				WorkerStatistics::busy);
		gauge(registry, "codemode.executor.workers.waiting", "Executions waiting for a free worker JVM now",
				WorkerStatistics::waiting);
		FunctionCounter
			.builder("codemode.executor.workers.restarts", this.executor, (executor) -> executor.workers().restarts())
			.description("Worker JVMs started to replace one that died")
			.register(registry);
		for (String cause : WorkerStatistics.KILL_CAUSES) {
			FunctionCounter
				.builder("codemode.executor.workers.killed", this.executor,
						(executor) -> executor.workers().killedByCause().get(cause))
				.description("Worker JVMs that died, by cause")
				.tag("cause", cause)
				.register(registry);
		}
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<WorkerStatistics> value) {
		Gauge.builder(name, this.executor, (executor) -> value.applyAsDouble(executor.workers()))
			.description(description)
			.register(registry);
	}

}
