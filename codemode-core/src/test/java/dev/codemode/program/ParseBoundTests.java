package dev.codemode.program;

import java.time.Duration;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The whole path with SWC itself: what the guard refuses ends at once with its error,
 * what it accepts parses in bounded time, and ordinary programs are untouched.
 */
class ParseBoundTests {

	/** The corpus's T. */
	private static final Duration T = Duration.ofSeconds(3);

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private static final ProgramNormalizer normalizer = new ProgramNormalizer();

	@AfterAll
	static void close() {
		assertThat(normalizer.retiredParserThreads()).as("parses that overran during these tests").isZero();
		normalizer.close();
	}

	@Test
	void g3EndsWithALimitErrorWithinTheTimeout() {
		Outcome outcome = prepare(ParseShapes.G3);
		assertThat(outcome.elapsed()).isLessThanOrEqualTo(T.plus(ONE_SECOND));
		assertThat(outcome.error().kind()).isEqualTo(Kind.LIMIT);
		assertThat(outcome.error().getMessage()).contains("too ambiguous to parse");
		assertThat(outcome.error().line()).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#hostile")
	void eachWorstShapeGetsItsErrorWithinTheTimeout(String code) {
		Outcome outcome = prepare(code);
		assertThat(outcome.elapsed()).isLessThanOrEqualTo(T.plus(ONE_SECOND));
		assertThat(outcome.error()).isNotNull();
		assertThat(outcome.error().kind()).isEqualTo(Kind.LIMIT);
	}

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#families")
	void theLargestAcceptedInstanceOfEachShapeParsesWithinTheTimeout(IntFunction<String> family) {
		String code = family.apply(ParseShapes.largestAccepted(family));
		Outcome outcome = prepare(code);
		assertThat(outcome.elapsed()).isLessThanOrEqualTo(T.plus(ONE_SECOND));
		if (outcome.error() != null) {
			// Some of these are invalid programs, or too deep once parsed: never out of
			// time.
			assertThat(outcome.error().kind()).isIn(Kind.SYNTAX, Kind.LIMIT);
			if (Kind.LIMIT.equals(outcome.error().kind())) {
				assertThat(outcome.error().getMessage()).contains("(max-nesting-depth)");
			}
		}
	}

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#ordinary")
	void ordinaryProgramsStillParse(String code) {
		assertThatNoException().isThrownBy(() -> normalizer.prepare(code, T.toNanos()));
	}

	@ParameterizedTest
	@MethodSource("corpus")
	void theCorpusOfModelProgramsIsNeitherRefusedNorTimedOut(String code) {
		Outcome outcome = prepare(code);
		if (outcome.error() != null) {
			assertThat(outcome.error().kind()).isNotIn(Kind.LIMIT, Kind.TIMEOUT);
		}
	}

	/**
	 * SWC's parser recovers from these and accepts them, then swc4j 2.0.0 panics while
	 * exporting the tree, in native code that cannot unwind: the JVM aborts. Each must be
	 * a syntax error with its place, and this JVM must live.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "x = [...super + 1]", "f(...super<b>(a))", "x = [...import < b]", "x = [...await in b]",
			"new f(...await instanceof yield)", "new f(...#x . <b>(c))", "x = [...static ?. > a ?.(1)]",
			"new f(...() => 1 . ** super instanceof new.target)", "x = [...static . <T>a (1)]",
			"new f(...async satisfies ** class {} in of)" })
	void codeThatSwcRecoversFromIsASyntaxErrorNotACrash(String code) {
		Outcome outcome = prepare("const ok = 1;\n" + code);
		assertThat(outcome.error()).isNotNull();
		assertThat(outcome.error().kind()).isEqualTo(Kind.SYNTAX);
		assertThat(outcome.error().line()).isEqualTo(2);
		assertThat(outcome.error().column()).isPositive();
	}

	static Stream<Named<String>> corpus() {
		return ParseShapes.corpus().stream().map((code) -> Named.of(code.lines().findFirst().orElse(""), code));
	}

	private static Outcome prepare(String code) {
		long start = System.nanoTime();
		ProgramException failure = catchThrowableOfType(ProgramException.class,
				() -> normalizer.prepare(code, T.toNanos()));
		return new Outcome(failure, Duration.ofNanos(System.nanoTime() - start));
	}

	private record Outcome(ProgramException error, Duration elapsed) {
	}

}
