package dev.codemode.boot.actuate;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN while the GraalJS executor refuses executions because too many of its threads are
 * stuck in work the engine could not stop ({@code codemode.max-retired-threads}); UP
 * otherwise.
 */
public class CodeModeHealthIndicator extends AbstractHealthIndicator {

	private final GraalJsCodeExecutor executor;

	/**
	 * @param executor the executor whose threads are watched
	 */
	public CodeModeHealthIndicator(GraalJsCodeExecutor executor) {
		super("Code mode health check failed");
		this.executor = executor;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.status(this.executor.acceptsExecutions() ? "UP" : "DOWN")
			.withDetail("retiredThreads", this.executor.retiredThreads())
			.withDetail("maxRetiredThreads", this.executor.options().maxRetiredThreads())
			.withDetail("retiredThreadsTotal", this.executor.retiredThreadsTotal());
	}

}
