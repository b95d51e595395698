package dev.codemode.executor.process;

import java.time.Duration;
import java.util.Map;

import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.program.Transpiler;

/**
 * The part of {@link GraalJsExecutorOptions} that a worker needs, as plain JSON values.
 * The tool executor stays in the application (tools run there); a worker runs one
 * execution at a time.
 *
 * @param timeoutMillis wall-clock limit of one execution
 * @param maxCpuTimeMillis CPU-time limit of one execution
 * @param maxStatements statement limit, 0 for none
 * @param maxAllocatedBytes allocation budget of one execution
 * @param maxCodeLength longest program
 * @param maxNestingDepth deepest syntax tree
 * @param maxToolCalls tool calls per execution
 * @param maxToolCallsInFlight tool calls of one execution at once
 * @param maxConsoleChars console characters kept
 * @param maxResultChars result characters kept
 * @param allowEval whether {@code eval} works
 * @param env the sandbox's {@code process.env}
 * @param transpiler the transpiler's name
 * @param programCacheSize prepared programs kept for repeats
 */
record WorkerExecutorOptions(long timeoutMillis, long maxCpuTimeMillis, long maxStatements, long maxAllocatedBytes,
		int maxCodeLength, int maxNestingDepth, int maxToolCalls, int maxToolCallsInFlight, int maxConsoleChars,
		int maxResultChars, boolean allowEval, Map<String, String> env, String transpiler, int programCacheSize) {

	WorkerExecutorOptions {
		env = Map.copyOf(env);
	}

	static WorkerExecutorOptions of(GraalJsExecutorOptions options) {
		return new WorkerExecutorOptions(options.timeout().toMillis(), options.maxCpuTime().toMillis(),
				options.maxStatements(), options.maxAllocatedBytes(), options.maxCodeLength(),
				options.maxNestingDepth(), options.maxToolCalls(), options.maxToolCallsInFlight(),
				options.maxConsoleChars(), options.maxResultChars(), options.allowEval(), options.env(),
				options.transpiler().name(), options.programCacheSize());
	}

	/**
	 * @return the options of the worker's own executor: one execution at a time
	 */
	GraalJsExecutorOptions toExecutorOptions() {
		return GraalJsExecutorOptions.builder()
			.timeout(Duration.ofMillis(this.timeoutMillis))
			.maxCpuTime(Duration.ofMillis(this.maxCpuTimeMillis))
			.maxStatements(this.maxStatements)
			.maxAllocatedBytes(this.maxAllocatedBytes)
			.maxCodeLength(this.maxCodeLength)
			.maxNestingDepth(this.maxNestingDepth)
			.maxToolCalls(this.maxToolCalls)
			.maxToolCallsInFlight(this.maxToolCallsInFlight)
			.maxConsoleChars(this.maxConsoleChars)
			.maxResultChars(this.maxResultChars)
			.maxConcurrentExecutions(1)
			.allowEval(this.allowEval)
			.env(this.env)
			.transpiler(Transpiler.valueOf(this.transpiler))
			.programCacheSize(this.programCacheSize)
			.build();
	}

}
