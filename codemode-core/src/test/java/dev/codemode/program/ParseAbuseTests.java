package dev.codemode.program;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** Attack corpus row G3, through the executor: a quadratic native parse. */
class ParseAbuseTests {

	/** The corpus's T. */
	private static final Duration T = Duration.ofSeconds(3);

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private static GraalJsCodeExecutor executor;

	@BeforeAll
	static void start() {
		executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(T).build());
		executor.warmUp();
	}

	@AfterAll
	static void stop() {
		executor.close();
	}

	@Test
	void g3EndsWithALimitErrorWithinTheTimeout() {
		long start = System.nanoTime();
		ExecutionResult result = executor.execute(ParseShapes.G3, List.of());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(T.plus(ONE_SECOND));
		assertThat(result.error().kind()).isEqualTo(ExecutionError.LIMIT);
		assertThat(result.error().message()).contains("too ambiguous to parse in bounded time");
		assertThat(result.error().line()).isEqualTo(1);
	}

	@Test
	void twoG3ProgramsAtOnceDelayNoOtherExecution() {
		ExecutorService callers = Executors.newFixedThreadPool(3);
		try {
			CompletableFuture<ExecutionResult> first = CompletableFuture
				.supplyAsync(() -> executor.execute(ParseShapes.G3, List.of()), callers);
			CompletableFuture<ExecutionResult> second = CompletableFuture
				.supplyAsync(() -> executor.execute(ParseShapes.G3, List.of()), callers);
			long start = System.nanoTime();
			ExecutionResult ordinary = CompletableFuture
				.supplyAsync(() -> executor.execute("const xs: number[] = [1, 2, 3];\nreturn xs.map((x) => x * 2);",
						List.of()), callers)
				.join();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("within the ordinary program's own timeout")
				.isLessThanOrEqualTo(T);
			assertThat(ordinary.error()).isNull();
			assertThat(ordinary.resultJson()).isEqualTo("[2,4,6]");
			assertThat(first.join().error().kind()).isEqualTo(ExecutionError.LIMIT);
			assertThat(second.join().error().kind()).isEqualTo(ExecutionError.LIMIT);
		}
		finally {
			callers.shutdownNow();
		}
	}

}
