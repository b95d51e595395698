package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack corpus, section D: abuse of memory and size. The memory bombs (D1, D2, D4, D5)
 * also run in a JVM with a 512 MiB heap, in {@link LowHeapMemoryAbuseTests}.
 */
@BothIsolations
class MemoryAbuseTests extends SandboxTestSupport {

	static final Duration BOUND = T.plusSeconds(1);

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "'x'.repeat(2**30)", "let s='x'; for(let i=0;i<40;i++) s+=s", "new Uint8Array(2**31)" })
	void oversizedValueIsARangeErrorOrHitsTheBudget(String code) {
		MemoryBombs.assertRefused(attack(code, BOUND));
	}

	@Test
	void unboundedHeapGrowthEndsAtALimit() {
		MemoryBombs.assertHeapGrowthEndsAtALimit(this, executor());
	}

	@Test
	void consoleFloodIsCappedAsItHappens() {
		int cap = executorOptions().maxConsoleChars();
		ExecutionResult result = attack("for(let i=0;i<1e6;i++) console.log('spam '+i)", BOUND);
		// Ends normally on a fast machine, or at the timeout, or at the allocation budget
		// (each line allocates): the
		// classes of outcome that hold at any machine speed. Never the statement counter,
		// which is off by default.
		if (result.error() != null) {
			if (ExecutionError.LIMIT.equals(result.error().kind())) {
				assertThat(result.error().message()).contains("(max-allocated-bytes)");
			}
			else {
				assertThat(result.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
			}
		}
		List<String> logs = result.logs();
		assertThat(logs).startsWith("spam 0", "spam 1", "spam 2");
		List<String> kept = logs.subList(0, logs.size() - 1);
		for (int i = 0; i < kept.size() - 1; i++) {
			assertThat(kept.get(i)).isEqualTo("spam " + i);
		}
		assertThat(kept.stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(cap);
		assertThat(logs.get(logs.size() - 1))
			.containsPattern(Pattern.compile("truncated: \\d+ more characters in \\d+ line"))
			.contains(String.valueOf(cap));
	}

	@Test
	void deepNestingInGuestStringifyIsARangeError() {
		assertError(attack("let o={}; for(let i=0;i<1e5;i++) o={o}; JSON.stringify(o)", BOUND), "RangeError");
	}

	@Test
	void deeplyNestedResultNamesTheNestingLimit() {
		ExecutionResult result = attack("let o={}; for(let i=0;i<1e5;i++) o={o}; o", BOUND);
		assertError(result, ExecutionError.RESULT);
		assertThat(result.error().message()).containsAnyOf("nest", "depth", "deep");
		assertJavaFree(result);
	}

	@Test
	void nonJsonResultsMapDeterministically() {
		for (int run = 0; run < 2; run++) {
			assertThat(attack("return undefined", BOUND).resultJson()).isNull();
			// DESIGN (execution semantics): a function that was never called is an error
			// that says so, every time,
			// and it does not show the function.
			ExecutionResult function = attack("return function secret(){}", BOUND);
			assertError(function, ExecutionError.RESULT, "the program's value is a function");
			assertThat(function.error().message()).doesNotContain("secret");
			assertThat(function.resultJson()).isNull();
			ExecutionResult symbol = attack("return Symbol('x')", BOUND);
			assertThat(symbol.error()).isNull();
			assertThat(symbol.resultJson()).isIn(null, "\"Symbol(x)\"");
			ExecutionResult bigInt = attack("return 10n**30n", BOUND);
			if (bigInt.error() != null) {
				assertError(bigInt, ExecutionError.RESULT, "BigInt");
			}
			else {
				assertThat(bigInt.resultJson()).isEqualTo("\"1000000000000000000000000000000\"");
			}
		}
	}

	@Test
	@InProcessOnly("builds an executor with max-tool-calls 20 and 4 in flight")
	void toolCallsAreCappedInTotalAndInFlight() {
		// D13 with M = 20 calls per execution and at most 4 in flight.
		try (GraalJsCodeExecutor small = started(options().maxToolCalls(20).maxToolCallsInFlight(4).build())) {
			ExecutionResult result = attack(small,
					"await Promise.all(Array.from({length:10000}, () => codemode.slowTool({})))", BOUND);
			assertError(result, ExecutionError.LIMIT, "max-tool-calls", "20");
			assertThat(this.fixtures.slowCalls.get()).isLessThanOrEqualTo(20);
			// The limit cancels the calls in flight, which may end before a tool thread
			// starts them: the cap is what holds.
			assertThat(this.fixtures.slowPeak.get()).isBetween(0, 4);
			assertThat(result.toolCalls()).isEqualTo(20);
		}
	}

	@Test
	@InProcessOnly("builds an executor with max-tool-calls 3")
	void exactlyTheToolCallLimitIsAllowed() {
		try (GraalJsCodeExecutor small = started(options().maxToolCalls(3).maxToolCallsInFlight(2).build())) {
			ExecutionResult result = attack(small,
					"const r = []; for (let i = 0; i < 3; i++) r.push(await codemode.echo({ i })); return r", BOUND);
			assertResult(result, "[{\"i\":0},{\"i\":1},{\"i\":2}]");
			ExecutionResult over = attack(small, "for (let i = 0; i < 4; i++) await codemode.echo({ i })", BOUND);
			assertError(over, ExecutionError.LIMIT, "max-tool-calls");
			assertThat(this.fixtures.echoCalls).hasValue(6);
		}
	}

}
