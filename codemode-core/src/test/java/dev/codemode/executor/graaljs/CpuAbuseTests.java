package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Attack corpus, section C: abuse of CPU and time. */
@BothIsolations
class CpuAbuseTests extends SandboxTestSupport {

	static Stream<Arguments> runawayPrograms() {
		return Stream.of(arguments("C1", "while(true){}", T.plusSeconds(1), false),
				arguments("C2", "for(;;){}", T.plusSeconds(1), false),
				// Each turn allocates a promise: the allocation budget may end it first
				// on a fast machine.
				arguments("C4", "const p=Promise.resolve(); const loop=()=>p.then(loop); loop()", T.plusSeconds(1),
						true),
				arguments("C7", "[3,1,2].sort(() => { for(;;){} })", T.plusSeconds(1), false),
				// The backreference forces the backtracking regex engine; cancellation
				// must reach it.
				arguments("C8", "/^(a+)+\\1!$/.test('a'.repeat(32)+'b')", T.plusSeconds(2), false));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("runawayPrograms")
	void runawayProgramEndsAtTheTimeout(String row, String code, Duration bound, boolean allocates) {
		// With the defaults no other limit can fire first on any machine: there is no
		// statement limit, and the
		// CPU-time limit (10 s) is longer than T, while a thread never gets more CPU time
		// than wall-clock time.
		ExecutionResult result = attack(code, bound);
		if (allocates && ExecutionError.LIMIT.equals(result.error().kind())) {
			// Or the heap protection, where the heap is smaller than the allocation
			// budget
			// (a worker JVM's, in process mode).
			assertThat(result.error().message()).containsAnyOf("(max-allocated-bytes)", "(heap protection)");
		}
		else {
			assertError(result, ExecutionError.TIMEOUT, "(timeout)");
		}
		assertJavaFree(result);
	}

	@Test
	@InProcessOnly("builds an executor with a 4 s timeout")
	void noLimitTheUserDidNotSetCutsARunawayLoopBeforeTheTimeout() {
		// G10: the class of outcome on any machine: the timeout, never earlier, never a
		// bare "cancelled".
		Duration timeout = Duration.ofSeconds(4);
		GraalJsCodeExecutor executor = started(options().timeout(timeout).build());
		try {
			long start = System.nanoTime();
			ExecutionResult result = attack(executor, "while (true) {}", timeout.plusSeconds(1));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
			assertError(result, ExecutionError.TIMEOUT, "timeout of 4 s (timeout)");
		}
		finally {
			executor.close();
		}
	}

	@Test
	@InProcessOnly("builds an executor with max-statements")
	void statementLimitThatTheUserSetNamesItself() {
		GraalJsCodeExecutor executor = started(
				options().timeout(Duration.ofSeconds(30)).maxStatements(1_000_000).build());
		try {
			ExecutionResult result = attack(executor, "while (true) {}", Duration.ofSeconds(31));
			assertError(result, ExecutionError.LIMIT, "1000000 statements (max-statements)");
			assertThat(result.error().message()).doesNotContain("cancelled");
		}
		finally {
			executor.close();
		}
	}

	@Test
	@InProcessOnly("builds an executor with max-cpu-time")
	void cpuTimeLimitNamesItself() {
		GraalJsCodeExecutor executor = started(
				options().timeout(Duration.ofSeconds(30)).maxCpuTime(Duration.ofMillis(500)).build());
		try {
			ExecutionResult result = attack(executor, "for (;;) {}", Duration.ofSeconds(31));
			assertError(result, ExecutionError.LIMIT, "500 ms of CPU time (max-cpu-time)");
		}
		finally {
			executor.close();
		}
	}

	@Test
	void stringDoublingThroughBuiltinsEndsWithinTheTimeout() {
		// C14: either it finishes (no result) or a time or allocation limit ends it.
		ExecutionResult result = attack("let s='a'; for(let i=0;i<25;i++) s=s.replace(/a/g,'aa')", T.plusSeconds(1));
		if (result.error() != null) {
			assertEndedAtALimit(result);
		}
		else {
			assertThat(result.resultJson()).isNull();
		}
	}

	@Test
	void deepRecursionIsAGuestRangeError() {
		ExecutionResult result = attack("(function r(){ return r()+1 })()", T);
		assertError(result, "RangeError");
		assertThat(result.error().message()).containsIgnoringCase("call stack");
		assertJavaFree(result);
	}

	@Test
	void evalOfDeeplyNestedSourceIsRefusedByDefault() {
		assertError(attack("eval('['.repeat(1e6))", T.plusSeconds(1)), "EvalError");
	}

	@Test
	void evalOfDeeplyNestedSourceIsAGuestErrorWhenAllowed() {
		ExecutionResult result = attackWithEval("eval('['.repeat(1e6))", T.plusSeconds(1));
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isIn("RangeError", "SyntaxError");
		assertJavaFree(result);
	}

	@Test
	void deeplyNestedProgramIsRefusedWithinTheTimeout() {
		// C11: the normalizer and the transpiler parse the submitted code before the
		// engine does.
		ExecutionResult result = attack("[".repeat(50_000), T);
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isIn("SyntaxError", ExecutionError.LIMIT);
		assertJavaFree(result);
	}

	@Test
	void hugeProgramIsRefusedBeforeAnythingParsesIt() {
		// C13: 5 MB of one literal. Parsing cannot be interrupted, so the size cap must
		// come first.
		String code = "return '" + "x".repeat(5 * 1024 * 1024) + "'";
		ExecutionResult result = attack(code, ONE_SECOND);
		assertError(result, ExecutionError.LIMIT, "65536", "max-code-length");
		assertThat(result.error().message()).contains("too long");
	}

	@Test
	void atomicsWaitCannotBlockTheThread() {
		ExecutionResult result = attack("Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0, 5000)",
				ONE_SECOND);
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isIn("TypeError", "ReferenceError");
		assertResult(attack("[typeof Atomics, typeof SharedArrayBuffer]", ONE_SECOND),
				"[\"undefined\", \"undefined\"]");
	}

	/**
	 * "Ends at the timeout": an error naming the time limit, or another limit that fired
	 * first.
	 */
	static void assertEndedAtALimit(ExecutionResult result) {
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isIn(ExecutionError.TIMEOUT, ExecutionError.LIMIT);
		assertThat(result.error().message()).containsAnyOf("(timeout)", "(max-statements)", "(max-cpu-time)",
				"(max-allocated-bytes)", "(heap protection)");
		assertJavaFree(result);
	}

}
