package dev.codemode.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The normalizer's cache of prepared programs: a repeat is not parsed again, an entry is
 * found by the full text and the aliases only, the bounds evict, and only what the same
 * code always gets is kept.
 */
class PreparedProgramsTests {

	private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(60);

	private static final Map<String, String> ALIASES = ToolCallSites.aliases(List.of("codemode"));

	private static final ProgramParser SHARED = Transpilers.parser(Transpiler.AUTO);

	@AfterAll
	static void stop() {
		SHARED.close();
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aRepeatIsTheSameProgramWithoutParsingAgain(Transpiler path) throws ProgramException {
		try (CountingParser parser = new CountingParser(Transpilers.parser(path));
				ProgramNormalizer normalizer = new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH,
						ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, parser, 8)) {
			String typeScript = "const n: number = await codemode.add({ a: 1 });\nn";
			PreparedProgram first = normalizer.prepare(typeScript, ALIASES, TIMEOUT);
			assertThat(parser.parses.get()).isOne();
			assertThat(parser.transpiles.get()).isOne();
			PreparedProgram again = normalizer.prepare(new String(typeScript.toCharArray()), ALIASES, TIMEOUT);
			assertThat(again).isEqualTo(first);
			assertThat(again.script()).contains("$odemode.add");
			assertThat(parser.parses.get()).isOne();
			assertThat(parser.transpiles.get()).isOne();
		}
	}

	@Test
	void otherAliasesOrAnotherTextMiss() throws ProgramException {
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 8)) {
			String code = "await codemode.add({ a: 1 })";
			PreparedProgram aliased = normalizer.prepare(code, ALIASES, TIMEOUT);
			PreparedProgram plain = normalizer.prepare(code, Map.of(), TIMEOUT);
			normalizer.prepare(code + " ", ALIASES, TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(3);
			assertThat(aliased.script()).contains("$odemode.add");
			assertThat(plain.script()).contains("codemode.add").doesNotContain("$odemode");
			// Each is kept under its own key.
			assertThat(normalizer.prepare(code, Map.of(), TIMEOUT)).isEqualTo(plain);
			assertThat(normalizer.prepare(code, ALIASES, TIMEOUT)).isEqualTo(aliased);
			assertThat(parser.parses.get()).isEqualTo(3);
		}
	}

	@Test
	void programsOfTheSameHashNeverShareAnEntry() throws ProgramException {
		// "Aa" and "BB" have the same String.hashCode, and so do these two programs.
		String first = "const Aa = 1; Aa";
		String second = "const BB = 1; BB";
		assertThat(first.hashCode()).isEqualTo(second.hashCode());
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 8)) {
			PreparedProgram one = normalizer.prepare(first, Map.of(), TIMEOUT);
			PreparedProgram two = normalizer.prepare(second, Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(2);
			assertThat(one.script()).contains("Aa").doesNotContain("BB");
			assertThat(two.script()).contains("BB").doesNotContain("Aa");
			assertThat(normalizer.prepare(first, Map.of(), TIMEOUT)).isSameAs(one);
			assertThat(normalizer.prepare(second, Map.of(), TIMEOUT)).isSameAs(two);
		}
	}

	@Test
	void theLeastRecentlyUsedProgramIsEvictedPastTheEntryBound() throws ProgramException {
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 2)) {
			normalizer.prepare("1", Map.of(), TIMEOUT);
			normalizer.prepare("2", Map.of(), TIMEOUT);
			// A hit makes "1" the most recently used: "2" goes when "3" comes.
			normalizer.prepare("1", Map.of(), TIMEOUT);
			normalizer.prepare("3", Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(3);
			normalizer.prepare("1", Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(3);
			normalizer.prepare("2", Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(4);
		}
	}

	@Test
	void theCharacterBoundEvictsAndSkipsProgramsTooLargeToKeep() throws ProgramException {
		PreparedPrograms programs = new PreparedPrograms(100, 4_000);
		try (CountingParser parser = new CountingParser(SHARED);
				ProgramNormalizer normalizer = new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH,
						ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, parser, programs)) {
			// Each takes about 2 × 300 characters (code and script): six fit, the seventh
			// evicts.
			for (int i = 0; i < 10; i++) {
				normalizer.prepare(padded(i, 300), Map.of(), TIMEOUT);
				assertThat(programs.chars()).isLessThanOrEqualTo(4_000);
			}
			assertThat(programs.size()).isBetween(5, 7);
			normalizer.prepare(padded(9, 300), Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(10);
			normalizer.prepare(padded(0, 300), Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(11);
			// Past a quarter of the budget, a program is prepared but not kept.
			String large = padded(42, 1_500);
			normalizer.prepare(large, Map.of(), TIMEOUT);
			normalizer.prepare(large, Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(13);
		}
	}

	@Test
	void aSyntaxErrorFailsOnEveryRepeatWithTheSameErrorWithoutParsingAgain() {
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 8)) {
			String broken = "const a = 1;\nconst = 2;";
			ProgramException first = catchThrowableOfType(ProgramException.class,
					() -> normalizer.prepare(broken, Map.of(), TIMEOUT));
			ProgramException second = catchThrowableOfType(ProgramException.class,
					() -> normalizer.prepare(broken, Map.of(), TIMEOUT));
			assertThat(first.kind()).isEqualTo(Kind.SYNTAX);
			assertThat(second).isNotSameAs(first);
			assertThat(second.describe()).isEqualTo(first.describe());
			assertThat(second.line()).isEqualTo(2);
			assertThat(parser.parses.get()).isOne();
		}
	}

	@Test
	void limitsAreNeverKept() {
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 8)) {
			String deep = "x = " + "[".repeat(1000) + "]".repeat(1000);
			for (int i = 0; i < 2; i++) {
				ProgramException refused = catchThrowableOfType(ProgramException.class,
						() -> normalizer.prepare(deep, Map.of(), TIMEOUT));
				assertThat(refused.kind()).isEqualTo(Kind.LIMIT);
			}
			PreparedPrograms programs = new PreparedPrograms(8, 10_000);
			programs.keep("x", Map.of(), ProgramException.limit("the parser is busy"));
			programs.keep("y", Map.of(), ProgramException.timeout("too slow"));
			assertThat(programs.size()).isZero();
		}
	}

	@Test
	void aZeroSizeKeepsNothing() throws ProgramException {
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 0)) {
			normalizer.prepare("1 + 1", Map.of(), TIMEOUT);
			normalizer.prepare("1 + 1", Map.of(), TIMEOUT);
			assertThat(parser.parses.get()).isEqualTo(2);
		}
	}

	@Test
	void manyThreadsGetEachTheirOwnProgram() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try (CountingParser parser = new CountingParser(SHARED); ProgramNormalizer normalizer = cached(parser, 16)) {
			List<Future<Boolean>> outcomes = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				int n = i % 40;
				String code = (n % 2 == 0) ? "const v" + n + " = " + n + ";\nv" + n
						: "const v" + n + ": number = " + n + ";\nv" + n;
				outcomes.add(threads.submit(() -> {
					PreparedProgram program = normalizer.prepare(code, ALIASES, TIMEOUT);
					return program.script().contains("v" + n + " = " + n) && program.typeScript() == (n % 2 == 1);
				}));
			}
			for (Future<Boolean> outcome : outcomes) {
				assertThat(outcome.get(120, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(parser.parses.get()).isBetween(40, 400);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static ProgramNormalizer cached(ProgramParser parser, int size) {
		return new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH,
				ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, parser, size);
	}

	private static String padded(int n, int length) {
		String head = "// " + n + "\n";
		return head + " ".repeat(length - head.length() - 2) + n;
	}

	/** Counts the calls into a real parser; closing it leaves the shared parser open. */
	private static final class CountingParser extends ForwardingParser {

		final AtomicInteger parses = new AtomicInteger();

		final AtomicInteger transpiles = new AtomicInteger();

		private final boolean shared;

		CountingParser(ProgramParser parser) {
			super(parser);
			this.shared = parser == SHARED;
		}

		@Override
		public SyntaxNode parse(String code, int lineShift, SyntaxDepth depth, long timeoutNanos)
				throws ProgramException {
			this.parses.incrementAndGet();
			return super.parse(code, lineShift, depth, timeoutNanos);
		}

		@Override
		public Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
			this.transpiles.incrementAndGet();
			return super.transpile(script, lineShift, timeoutNanos);
		}

		@Override
		public void close() {
			if (!this.shared) {
				super.close();
			}
		}

	}

}
