package dev.codemode.boot;

import java.time.Duration;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.internal.CodeModeThreads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Warms the executor up in the background once the context's singletons exist, so that
 * the first program does not pay for it: the GraalJS engine and a set of programs run
 * until the JVM has compiled their paths, or the worker JVMs of a
 * {@link ProcessCodeExecutor} (each warmed up the same way, its tools called back in the
 * application). The warm-up runs beside the rest of the startup (the web server's, say).
 * <p>
 * When it {@linkplain #waitingBeforeReadiness waits before readiness}, the
 * {@link ApplicationStartedEvent} (which Spring Boot publishes after the context's
 * refresh and before the runners and {@link ReadinessState#ACCEPTING_TRAFFIC}) waits for
 * the warm-up to end, at most a bound, after which it warns and lets the application
 * start. Closing the context stops the warm-up (the program running ends, no further one
 * starts) and waits briefly for it, so that the executor is not closed under it.
 */
public final class CodeModeWarmUp
		implements SmartInitializingSingleton, ApplicationListener<ApplicationStartedEvent>, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CodeModeWarmUp.class);

	private static final long JOIN_MILLIS = 5_000;

	/** The longest wait for an in-process warm-up before readiness. */
	static final Duration IN_PROCESS_BOUND = Duration.ofSeconds(60);

	/** Past the workers' start timeout, so that their own warning comes first. */
	private static final Duration PROCESS_MARGIN = Duration.ofSeconds(5);

	private final Runnable warmUp;

	private final @Nullable Duration waitBeforeReadiness;

	private volatile @Nullable Thread thread;

	private CodeModeWarmUp(Runnable warmUp, @Nullable Duration waitBeforeReadiness) {
		this.warmUp = warmUp;
		this.waitBeforeReadiness = waitBeforeReadiness;
	}

	/**
	 * @param executor the executor whose engine to start
	 * @param beforeReadiness whether readiness waits for the warm-up, at most a minute
	 * @return a warm-up that runs the executor's warm-up programs
	 */
	public static CodeModeWarmUp of(GraalJsCodeExecutor executor, boolean beforeReadiness) {
		return new CodeModeWarmUp(() -> {
			if (!executor.warmUp()) {
				logger.warn("A code mode warm-up program did not end as expected (see above); the first executions"
						+ " may be slower");
			}
		}, beforeReadiness ? IN_PROCESS_BOUND : null);
	}

	/**
	 * @param executor the executor whose workers to wait for
	 * @param beforeReadiness whether readiness waits for the warm-up, at most the
	 * workers' start timeout
	 * @return a warm-up that waits until every worker is ready (the workers start and
	 * warm themselves up), and warns when they are not within their start timeout
	 */
	public static CodeModeWarmUp of(ProcessCodeExecutor executor, boolean beforeReadiness) {
		return new CodeModeWarmUp(() -> {
			if (!executor.warmUp() && !Thread.currentThread().isInterrupted()) {
				logger
					.warn("Not every code mode worker JVM was ready within {} (codemode.executor.worker.start-timeout);"
							+ " executions wait for a free one", executor.workerOptions().startTimeout());
			}
		}, beforeReadiness ? executor.workerOptions().startTimeout().plus(PROCESS_MARGIN) : null);
	}

	@Override
	public void afterSingletonsInstantiated() {
		// Inherits nothing from the thread that starts the application (issue 10).
		Thread thread = CodeModeThreads.newThread("codemode-warm-up", 0, this::warmUp);
		this.thread = thread;
		thread.start();
	}

	private void warmUp() {
		long start = System.nanoTime();
		try {
			this.warmUp.run();
			logger.debug("Code mode executor warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
		}
		catch (RuntimeException ex) {
			logger.warn("Code mode executor warm-up failed; the first execution will start the engine", ex);
		}
	}

	/**
	 * Waits for the warm-up before Spring Boot reports readiness, when so configured.
	 * @param event the application's start, after the refresh and before the runners
	 */
	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		Duration bound = this.waitBeforeReadiness;
		Thread thread = this.thread;
		if (bound == null || thread == null) {
			return;
		}
		discoverTools(event);
		try {
			thread.join(bound.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (thread.isAlive()) {
			logger.warn("Code mode's warm-up did not end within {}; the application reports readiness without it"
					+ " (codemode.warm-up-before-readiness)", bound);
		}
	}

	/**
	 * Builds the {@code codemode} tool now (it discovers the application's tools and
	 * writes its description on first use), beside the warm-up, rather than in the first
	 * call: every bean exists by the started event.
	 */
	private static void discoverTools(ApplicationStartedEvent event) {
		try {
			event.getApplicationContext()
				.getBeanProvider(LazyCodeModeToolCallback.class)
				.orderedStream()
				.forEach(LazyCodeModeToolCallback::getCallback);
		}
		catch (RuntimeException ex) {
			logger.warn("Code mode could not discover the application's tools before readiness; the first call will"
					+ " try again", ex);
		}
	}

	/**
	 * @return how long readiness waits for the warm-up at most, or {@code null} when it
	 * does not wait
	 */
	public @Nullable Duration waitingBeforeReadiness() {
		return this.waitBeforeReadiness;
	}

	/**
	 * @return whether the warm-up is over (or never started)
	 */
	public boolean isDone() {
		Thread thread = this.thread;
		return thread == null || !thread.isAlive();
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
			thread.join(JOIN_MILLIS);
		}
	}

}
