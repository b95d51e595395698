package dev.codemode.boot;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.internal.CodeModeThreads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Warms the executor up in the background once the context's singletons exist, so that
 * the first program does not pay for it: the GraalJS engine (about half a second), or the
 * worker JVMs of a {@link ProcessCodeExecutor} (seconds). Startup does not wait for it.
 * Closing the context waits briefly for the GraalJS engine's warm-up, so that the
 * executor is not closed under it, and stops the wait for worker JVMs at once.
 */
public final class CodeModeWarmUp implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CodeModeWarmUp.class);

	private static final long JOIN_MILLIS = 5_000;

	private final Runnable warmUp;

	private final boolean interruptOnClose;

	private volatile @Nullable Thread thread;

	private CodeModeWarmUp(Runnable warmUp, boolean interruptOnClose) {
		this.warmUp = warmUp;
		this.interruptOnClose = interruptOnClose;
	}

	/**
	 * @param executor the executor whose engine to start
	 * @return a warm-up that runs a first program
	 */
	public static CodeModeWarmUp of(GraalJsCodeExecutor executor) {
		return new CodeModeWarmUp(executor::warmUp, false);
	}

	/**
	 * @param executor the executor whose workers to wait for
	 * @return a warm-up that waits until every worker is ready (the workers start
	 * themselves), and warns when they are not within their start timeout
	 */
	public static CodeModeWarmUp of(ProcessCodeExecutor executor) {
		return new CodeModeWarmUp(() -> {
			if (!executor.warmUp() && !Thread.currentThread().isInterrupted()) {
				logger
					.warn("Not every code mode worker JVM was ready within {} (codemode.executor.worker.start-timeout);"
							+ " executions wait for a free one", executor.workerOptions().startTimeout());
			}
		}, true);
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
			if (this.interruptOnClose) {
				thread.interrupt();
			}
			thread.join(JOIN_MILLIS);
		}
	}

}
