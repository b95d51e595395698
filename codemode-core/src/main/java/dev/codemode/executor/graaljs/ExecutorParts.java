package dev.codemode.executor.graaljs;

import java.util.concurrent.Executor;

import dev.codemode.program.ProgramNormalizer;

/**
 * What the executions of one {@link GraalJsCodeExecutor} share; the executor makes them
 * and closes them.
 *
 * @param options the limits and switches
 * @param normalizer prepares each program
 * @param contexts fresh contexts with the sandbox runtime in them
 * @param watchdog watches time, CPU and allocation
 * @param toolExecutor where tools run
 * @param cancellations where a context is closed from outside its thread, so that the
 * watchdog never waits for a guest thread to leave
 */
record ExecutorParts(GraalJsExecutorOptions options, ProgramNormalizer normalizer, ContextPool contexts,
		Watchdog watchdog, Executor toolExecutor, Executor cancellations) {

}
