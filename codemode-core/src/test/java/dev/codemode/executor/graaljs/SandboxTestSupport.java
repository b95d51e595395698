package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every corpus test does around a hostile program: run it with the fixture tools
 * while the host's stdout and stderr are watched, bound its duration, then check that the
 * JVM is healthy: the next execution on the same executor returns 2 within a second and
 * no thread is left running guest code.
 * <p>
 * The executors are shared by all test classes in the JVM (starting an engine and warming
 * it up costs seconds on an interpreter-only JVM); an executor that needs other limits is
 * built by the test that needs it.
 */
abstract class SandboxTestSupport {

	/** The corpus's T: the configured timeout. */
	static final Duration T = Duration.ofSeconds(3);

	static final Duration ONE_SECOND = Duration.ofSeconds(1);

	/** A fresh set of fixture tools (and counters) for every test method. */
	final Fixtures fixtures = new Fixtures();

	static GraalJsExecutorOptions.Builder options() {
		return GraalJsExecutorOptions.builder().timeout(T);
	}

	/**
	 * @return the executor with the default configuration (eval off), timeout T
	 */
	static GraalJsCodeExecutor executor() {
		return Shared.DEFAULT;
	}

	/**
	 * @return the executor of the rows' {@code codemode.allow-eval=true} variants
	 */
	static GraalJsCodeExecutor evalExecutor() {
		return Shared.EVAL;
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
	ExecutionResult attack(GraalJsCodeExecutor executor, String code, Duration bound) {
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

	/** The corpus's "JVM healthy". */
	static void assertHealthy(GraalJsCodeExecutor executor) {
		long start = System.nanoTime();
		ExecutionResult next = executor.execute("async () => 1 + 1",
				List.of(ToolNamespace.of(Map.of("echo", (input) -> input))));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("duration of the next execution")
			.isLessThanOrEqualTo(ONE_SECOND);
		assertThat(next.error()).as("error of the next execution").isNull();
		assertThat(next.resultJson()).as("result of the next execution").isEqualTo("2");
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (executor.activeExecutions() > 0 && System.nanoTime() < deadline) {
			sleep(10);
		}
		assertThat(executor.activeExecutions()).as("threads still running guest code").isZero();
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

	private static final class Shared {

		static final GraalJsCodeExecutor DEFAULT = started(options().build());

		static final GraalJsCodeExecutor EVAL = started(options().allowEval(true).build());

	}

}
