package dev.codemode.boot.actuate;

import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerStatistics;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The worker JVMs of a {@link ProcessCodeExecutor}: UP while at least one is alive; DOWN
 * when none is and the last attempt to start one failed (the {@code lastStartFailure}
 * detail says why; executions then fail at once); UNKNOWN while none is alive yet and
 * none failed to start (the first workers, or replacements, are starting). The details
 * are the workers' counters.
 */
public class CodeModeWorkersHealthIndicator extends AbstractHealthIndicator {

	private final ProcessCodeExecutor executor;

	/**
	 * @param executor the executor whose workers are watched
	 */
	public CodeModeWorkersHealthIndicator(ProcessCodeExecutor executor) {
		super("Code mode health check failed");
		this.executor = executor;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		WorkerStatistics workers = this.executor.workers();
		if (workers.alive() > 0) {
			builder.up();
		}
		else if (workers.lastStartFailure() != null) {
			builder.down().withDetail("lastStartFailure", workers.lastStartFailure());
		}
		else {
			builder.unknown();
		}
		builder.withDetail("count", workers.count())
			.withDetail("alive", workers.alive())
			.withDetail("busy", workers.busy())
			.withDetail("waiting", workers.waiting())
			.withDetail("restarts", workers.restarts())
			.withDetail("killed", workers.killedByCause());
	}

}
