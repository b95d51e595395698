package dev.codemode.boot.observation;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the GraalJS executor's retired threads: stuck now (a gauge) and since startup
 * (a counter).
 */
public final class CodeModeExecutorMeterBinder implements MeterBinder {

	private final GraalJsCodeExecutor executor;

	/**
	 * @param executor the executor whose retired threads to measure
	 */
	public CodeModeExecutorMeterBinder(GraalJsCodeExecutor executor) {
		this.executor = executor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("codemode.executor.threads.retired", this.executor, GraalJsCodeExecutor::retiredThreads)
			.description("Execution threads stuck now past their timeout in work the engine could not stop")
			.register(registry);
		FunctionCounter
			.builder("codemode.executor.threads.retired.total", this.executor, GraalJsCodeExecutor::retiredThreadsTotal)
			.description("Execution threads retired since startup")
			.register(registry);
	}

}
