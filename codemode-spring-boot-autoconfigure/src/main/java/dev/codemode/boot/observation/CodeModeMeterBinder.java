package dev.codemode.boot.observation;

import java.util.function.ToDoubleFunction;

import dev.codemode.boot.CodeModeStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Publishes {@link CodeModeStatistics} as Micrometer counters. */
public final class CodeModeMeterBinder implements MeterBinder {

	private final CodeModeStatistics statistics;

	/**
	 * @param statistics the counters to register
	 */
	public CodeModeMeterBinder(CodeModeStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "codemode.executions", "Programs run by the codemode tool",
				CodeModeStatistics::getExecutions);
		counter(registry, "codemode.executions.failed", "Programs that ended with an error",
				CodeModeStatistics::getFailedExecutions);
		counter(registry, "codemode.executions.timeouts", "Programs that ran past the timeout",
				CodeModeStatistics::getTimeouts);
		counter(registry, "codemode.executions.limit.hits", "Programs that ended at a limit other than the timeout",
				CodeModeStatistics::getLimitHits);
		counter(registry, "codemode.executions.truncated", "Programs whose console output or result was cut",
				CodeModeStatistics::getTruncations);
		counter(registry, "codemode.tool.calls", "Tool calls made by programs", CodeModeStatistics::getToolCalls);
		counter(registry, "codemode.tool.calls.failed", "Tool calls made by programs that failed",
				CodeModeStatistics::getFailedToolCalls);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<CodeModeStatistics> count) {
		FunctionCounter.builder(name, this.statistics, count).description(description).register(registry);
	}

}
