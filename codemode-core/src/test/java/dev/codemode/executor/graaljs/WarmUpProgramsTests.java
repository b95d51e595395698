package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up programs run on the real executor and each ends as it should: a program
 * that failed otherwise would warm the wrong paths without anyone noticing.
 */
class WarmUpProgramsTests {

	private static GraalJsCodeExecutor executor;

	@BeforeAll
	static void start() {
		executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
	}

	@AfterAll
	static void stop() {
		executor.close();
	}

	@Test
	void everyWarmUpProgramEndsAsExpected() {
		assertThat(WarmUpPrograms.run(executor, 1)).isEmpty();
	}

	@Test
	void theExecutorsWarmUpRunsEveryRoundAndSucceeds() {
		AtomicInteger executions = new AtomicInteger();
		List<String> unexpected = WarmUpPrograms.run((code, namespaces) -> {
			executions.incrementAndGet();
			return executor.execute(code, namespaces);
		}, 2);
		assertThat(unexpected).isEmpty();
		assertThat(executions.get() % 2).isZero();
		assertThat(executions.get() / 2).isGreaterThanOrEqualTo(8);
		assertThat(executor.warmUp()).isTrue();
	}

	@Test
	void aSecondTimeoutStopsTheWarmUpWithOneLineThatSaysSo() {
		AtomicInteger executions = new AtomicInteger();
		List<String> unexpected = WarmUpPrograms.run((code, namespaces) -> {
			executions.incrementAndGet();
			return ExecutionResult.failed(new ExecutionError(ExecutionError.TIMEOUT, "too slow\nhere"));
		}, WarmUpPrograms.ROUNDS);
		assertThat(executions).hasValue(2);
		assertThat(unexpected).singleElement().asString().contains("timeout").doesNotContain("\n");
	}

	@Test
	void aProgramThatEndsOtherwiseIsReported() {
		List<String> unexpected = WarmUpPrograms.run(
				(code, namespaces) -> new ExecutionResult("42", List.of(), null, Duration.ZERO, 0),
				WarmUpPrograms.ROUNDS);
		assertThat(unexpected).isNotEmpty()
			.allSatisfy((problem) -> assertThat(problem).startsWith("expected ")
				.contains("got the result 42")
				.doesNotContain("\n"));
	}

}
