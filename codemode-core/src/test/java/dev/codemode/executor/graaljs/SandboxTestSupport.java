package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.Parameter;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.Isolation;
import dev.codemode.executor.SandboxExecutors;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.process.ProcessCodeExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every corpus test does around a hostile program: run it with the fixture tools
 * while the host's stdout and stderr are watched, bound its duration, then check that the
 * JVM is healthy: the next execution on the same executor returns 2 within a second and
 * no thread is left running guest code.
 * <p>
 * The executors are shared by all test classes in the JVM (starting an engine and warming
 * it up costs seconds on an interpreter-only JVM, a worker JVM more); an executor that
 * needs other limits is built by the test that needs it, in this JVM.
 * <p>
 * A subclass marked {@link dev.codemode.executor.BothIsolations} runs once per
 * {@link Isolation}: {@link #executor()} is then the in-process executor or the pool of
 * worker JVMs, with the same options, and the assertions are the same.
 */
abstract class SandboxTestSupport {

	/** The corpus's T: the configured timeout. */
	static final Duration T = SandboxExecutors.T;

	static final Duration ONE_SECOND = Duration.ofSeconds(1);

	/** A fresh set of fixture tools (and counters) for every test method. */
	final Fixtures fixtures = new Fixtures();

	/** Where programs run; set by the class template, in-process in a plain class. */
	@Parameter
	Isolation isolation;

	static GraalJsExecutorOptions.Builder options() {
		return SandboxExecutors.options();
	}

	Isolation isolation() {
		return (this.isolation != null) ? this.isolation : Isolation.IN_PROCESS;
	}

	/**
	 * @return the executor under test with the default configuration (eval off), timeout
	 * T
	 */
	CodeExecutor executor() {
		return SandboxExecutors.executor(isolation());
	}

	/**
	 * @return the executor of the rows' {@code codemode.allow-eval=true} variants
	 */
	CodeExecutor evalExecutor() {
		return SandboxExecutors.evalExecutor(isolation());
	}

	/**
	 * @return the options of the executor under test
	 */
	GraalJsExecutorOptions executorOptions() {
		return SandboxExecutors.optionsOf(executor());
	}

	/**
	 * Starts an executor and runs its first execution, which pays for the engine's
	 * warm-up.
	 */
	static GraalJsCodeExecutor started(GraalJsExecutorOptions options) {
		GraalJsCodeExecutor executor = new GraalJsCodeExecutor(options);
		executor.warmUp();
		return executor;
	}

	ExecutionResult attack(String code, Duration bound) {
		return attack(executor(), code, bound);
	}

	ExecutionResult attackWithEval(String code, Duration bound) {
		return attack(evalExecutor(), code, bound);
	}

	/**
	 * Runs a hostile program and checks everything the corpus asks of every row: the call
	 * returns (never throws) within {@code bound}, nothing reaches the host's streams,
	 * and the JVM is healthy afterwards.
	 */
	ExecutionResult attack(CodeExecutor executor, String code, Duration bound) {
		ExecutionResult result;
		long elapsed;
		String hostOutput;
		try (HostOutput output = HostOutput.capture()) {
			long start = System.nanoTime();
			result = executor.execute(code, this.fixtures.tools());
			elapsed = System.nanoTime() - start;
			assertHealthy(executor);
			hostOutput = output.text();
		}
		assertThat(result).isNotNull();
		assertThat(Duration.ofNanos(elapsed)).as("duration of %s", code).isLessThanOrEqualTo(bound);
		assertThat(hostOutput).as("output on the host's stdout/stderr").isEmpty();
		return result;
	}

	/** Runs a program that is not under attack: no health checks, just the outcome. */
	ExecutionResult run(String code) {
		return executor().execute(code, this.fixtures.tools());
	}

	/**
	 * The corpus's "JVM healthy": the next execution runs at once, and nothing runs a
	 * program any more. In process mode the next execution runs once per worker (the pool
	 * hands out the worker that waited longest), so that the worker that ran the attack
	 * runs one too.
	 */
	static void assertHealthy(CodeExecutor executor) {
		int nextExecutions = (executor instanceof ProcessCodeExecutor process) ? process.workers().count() : 1;
		for (int i = 0; i < nextExecutions; i++) {
			long start = System.nanoTime();
			ExecutionResult next = executor.execute("async () => 1 + 1",
					List.of(ToolNamespace.of(Map.of("echo", (input) -> input))));
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.as("duration of the next execution (%s, error %s)", describe(executor), next.error())
				.isLessThanOrEqualTo(ONE_SECOND);
			assertThat(next.error()).as("error of the next execution").isNull();
			assertThat(next.resultJson()).as("result of the next execution").isEqualTo("2");
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (running(executor) > 0 && System.nanoTime() < deadline) {
			sleep(10);
		}
		assertThat(running(executor)).as("threads or workers still running guest code").isZero();
	}

	private static String describe(CodeExecutor executor) {
		return (executor instanceof ProcessCodeExecutor process) ? process.workers().toString() : "in-process";
	}

	/** Executions still running guest code: on this JVM's threads, or in workers. */
	private static int running(CodeExecutor executor) {
		if (executor instanceof ProcessCodeExecutor process) {
			return process.workers().busy();
		}
		return ((GraalJsCodeExecutor) executor).activeExecutions();
	}

	static void assertError(ExecutionResult result, String kind, String... fragments) {
		assertThat(result.error()).as("error of %s", result).isNotNull();
		assertThat(result.error().kind()).as("kind of %s", result.error()).isEqualTo(kind);
		if (fragments.length > 0) {
			assertThat(result.error().message()).contains(fragments);
		}
	}

	static void assertResult(ExecutionResult result, String expectedJson) {
		assertThat(result.error()).as("error").isNull();
		assertThat(result.resultJson()).as("result").isNotNull();
		assertThat(Fixtures.JSON.readTree(result.resultJson())).isEqualTo(Fixtures.JSON.readTree(expectedJson));
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
