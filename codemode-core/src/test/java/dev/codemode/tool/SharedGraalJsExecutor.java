package dev.codemode.tool;

import java.time.Duration;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

/**
 * One warm GraalJS executor for the end-to-end tests of the callback: an engine takes
 * seconds to start, and these tests need nothing of it but that it runs programs. It
 * lives as long as the test JVM.
 */
final class SharedGraalJsExecutor {

	private static final GraalJsCodeExecutor EXECUTOR = start();

	private SharedGraalJsExecutor() {
	}

	static GraalJsCodeExecutor get() {
		return EXECUTOR;
	}

	private static GraalJsCodeExecutor start() {
		GraalJsCodeExecutor executor = new GraalJsCodeExecutor(
				GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
		executor.warmUp();
		return executor;
	}

}
