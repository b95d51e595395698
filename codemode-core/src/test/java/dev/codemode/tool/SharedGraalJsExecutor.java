package dev.codemode.tool;

import java.time.Duration;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.Isolation;
import dev.codemode.executor.SandboxExecutors;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

/**
 * One warm GraalJS executor for the end-to-end tests of the callback: an engine takes
 * seconds to start, and these tests need nothing of it but that it runs programs. It
 * lives as long as the test JVM.
 * <p>
 * In process mode they share the sandbox suites' pool of worker JVMs (timeout 3 s rather
 * than 20 s, which their programs need nowhere near): a test JVM starts no more workers
 * for them.
 */
final class SharedGraalJsExecutor {

	private static final GraalJsCodeExecutor EXECUTOR = start();

	private SharedGraalJsExecutor() {
	}

	static GraalJsCodeExecutor get() {
		return EXECUTOR;
	}

	static CodeExecutor get(Isolation isolation) {
		return (isolation == Isolation.PROCESS) ? SandboxExecutors.executor(isolation) : EXECUTOR;
	}

	private static GraalJsCodeExecutor start() {
		GraalJsCodeExecutor executor = new GraalJsCodeExecutor(
				GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
		executor.warmUp();
		return executor;
	}

}
