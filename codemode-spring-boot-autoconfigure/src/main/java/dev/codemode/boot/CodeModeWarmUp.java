package dev.codemode.boot;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.internal.CodeModeThreads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Starts the GraalJS engine in the background once the context's singletons exist, so
 * that the first program does not pay for it (about half a second). Startup does not wait
 * for it; closing the context does, briefly, so that the executor is not closed under a
 * warm-up in progress.
 */
public final class CodeModeWarmUp implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(CodeModeWarmUp.class);

	private static final long JOIN_MILLIS = 5_000;

	private final GraalJsCodeExecutor executor;

	private volatile @Nullable Thread thread;

	/**
	 * @param executor the executor whose engine to start
	 */
	public CodeModeWarmUp(GraalJsCodeExecutor executor) {
		this.executor = executor;
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
			this.executor.warmUp();
			logger.debug("Code mode executor warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
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
			thread.join(JOIN_MILLIS);
		}
	}

}
