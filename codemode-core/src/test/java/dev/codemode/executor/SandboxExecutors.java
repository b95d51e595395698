package dev.codemode.executor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerOptions;

/**
 * The executors that the sandbox suites share, one of each per test JVM, each started on
 * first use and warmed up: starting an engine costs seconds, and a worker JVM more.
 * <p>
 * Both isolations have the same options (the corpus's timeout T, everything else
 * default), with eval off, and a second executor with {@code allowEval} for the rows'
 * eval variants. In process mode that makes two pools, since a worker's options are fixed
 * when it starts: two workers for the default options and one for eval, so a test JVM
 * never runs more than three worker JVMs for the suites. The pools are closed when the
 * JVM exits.
 */
public final class SandboxExecutors {

	/** The corpus's T: the configured timeout. */
	public static final Duration T = Duration.ofSeconds(3);

	private static final int WARM_UP_ROUNDS = 3;

	private static final List<String> WARM_UP = List.of("""
			async () => {
			  const [a, b] = await Promise.all([codemode.echo({ n: 1 }), codemode.echo({ n: 2 })]);
			  console.log(a);
			  return a.n + b.n;
			}""", "const n: number = (await codemode.echo({ n: 1 })).n;\nreturn n",
			"try { await codemode.fail({}) } catch (e) { return e.message }", "throw new Error('warm-up')", "const = 1",
			"await codemode.nope({})");

	private static @Nullable ProcessCodeExecutor workers;

	private static @Nullable ProcessCodeExecutor evalWorkers;

	private SandboxExecutors() {
	}

	/**
	 * @return the corpus's options: timeout T, everything else default
	 */
	public static GraalJsExecutorOptions.Builder options() {
		return GraalJsExecutorOptions.builder().timeout(T);
	}

	/**
	 * @param isolation where programs run
	 * @return the shared executor with the default options (eval off)
	 */
	public static CodeExecutor executor(Isolation isolation) {
		return (isolation == Isolation.PROCESS) ? workers() : InProcess.DEFAULT;
	}

	/**
	 * @param isolation where programs run
	 * @return the shared executor of the {@code codemode.allow-eval=true} variants
	 */
	public static CodeExecutor evalExecutor(Isolation isolation) {
		return (isolation == Isolation.PROCESS) ? evalWorkers() : InProcess.EVAL;
	}

	/**
	 * @return the pool of two workers with the default options, started and warmed up on
	 * first use
	 */
	public static synchronized ProcessCodeExecutor workers() {
		if (workers == null) {
			workers = process(options().build(), 2);
		}
		return workers;
	}

	private static synchronized ProcessCodeExecutor evalWorkers() {
		if (evalWorkers == null) {
			evalWorkers = process(options().allowEval(true).build(), 1);
		}
		return evalWorkers;
	}

	/**
	 * @return the shared in-process executor with the default options
	 */
	public static GraalJsCodeExecutor inProcess() {
		return InProcess.DEFAULT;
	}

	/**
	 * @param executor one of the shared executors
	 * @return the options it runs programs with
	 */
	public static GraalJsExecutorOptions optionsOf(CodeExecutor executor) {
		if (executor instanceof ProcessCodeExecutor process) {
			return process.options();
		}
		return ((GraalJsCodeExecutor) executor).options();
	}

	private static GraalJsCodeExecutor inProcess(GraalJsExecutorOptions options) {
		GraalJsCodeExecutor executor = new GraalJsCodeExecutor(options);
		executor.warmUp();
		return executor;
	}

	/**
	 * Starts a pool; one that failed to start is closed, and the next call tries again.
	 */
	private static ProcessCodeExecutor process(GraalJsExecutorOptions options, int count) {
		ProcessCodeExecutor executor = new ProcessCodeExecutor(options, WorkerOptions.builder().count(count).build());
		if (!executor.warmUp()) {
			executor.close();
			throw new IllegalStateException("the test's worker JVMs did not start"
					+ (Thread.currentThread().isInterrupted() ? " (interrupted)" : "") + ": " + executor.workers());
		}
		Runtime.getRuntime().addShutdownHook(new Thread(executor::close, "codemode-test-workers-close"));
		// A worker's own warm-up runs one program; the paths the suites take (tool calls
		// that cross the boundary, errors) are cold in a fresh JVM, and its first
		// executions take up to seconds on a loaded machine. The in-process executor is
		// warm from the suites that ran before; the workers are warmed here.
		warmUp(executor, WARM_UP_ROUNDS, WARM_UP.size());
		return executor;
	}

	/**
	 * Runs the warm-up programs on every worker of a pool (it hands out the worker that
	 * waited longest, so each round goes round the pool).
	 * @param executor the pool
	 * @param rounds how many times each worker runs them
	 * @param programs how many of the warm-up programs
	 * @return {@code true}
	 */
	public static boolean warmUp(ProcessCodeExecutor executor, int rounds, int programs) {
		List<ToolNamespace> tools = List.of(ToolNamespace.of(Map.of("echo", (input) -> input, "fail", (input) -> {
			throw new IllegalStateException("warm-up");
		})));
		for (int round = 0; round < rounds * executor.workerOptions().count(); round++) {
			for (String program : WARM_UP.subList(0, Math.min(programs, WARM_UP.size()))) {
				executor.execute(program, tools);
			}
		}
		return true;
	}

	private static final class InProcess {

		static final GraalJsCodeExecutor DEFAULT = inProcess(options().build());

		static final GraalJsCodeExecutor EVAL = inProcess(options().allowEval(true).build());

	}

}
