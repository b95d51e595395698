package dev.codemode.program;

import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The guard alone, without SWC: what it refuses, what it lets through, and that text
 * inside strings, comments, templates and regular expressions does not fool it.
 */
class ParseGuardTests {

	private final ParseGuard guard = new ParseGuard(ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH,
			ParseGuard.DEFAULT_BUDGET);

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#hostile")
	void refusesTheShapesOnWhichSwcTakesMoreThanLinearTime(String code) {
		ProgramException error = refusal(code);
		assertThat(error.kind()).isEqualTo(Kind.LIMIT);
		assertThat(error.getMessage()).containsAnyOf("too ambiguous to parse", "max-nesting-depth");
		assertThat(error.line()).isNotNull();
		assertThat(error.column()).isNotNull();
	}

	@Test
	void theRefusalSaysWhatToSimplifyAndWhere() {
		ProgramException error = refusal("const ok = 1;\n// fine\nx = " + ParseShapes.G3);
		assertThat(error.getMessage()).contains("too ambiguous to parse in bounded time", "token visits",
				"separate statements", "`x as T`");
		assertThat(error.line()).isEqualTo(3);
		assertThat(error.column()).isPositive();
	}

	@Test
	void theLinesOfAFencedProgramAreTheModels() {
		ProgramException error = catchThrowableOfType(ProgramException.class,
				() -> this.guard.check("x = " + "<a>(".repeat(40), 1));
		assertThat(error.line()).isEqualTo(2);
		assertThat(error.column()).isEqualTo(5);
	}

	@Test
	void bracketsPastTheNestingLimitAreRefusedBeforeParsing() {
		ProgramException error = refusal("const a = 1;\nx = " + "(".repeat(401) + "1" + ")".repeat(401));
		assertThat(error.getMessage())
			.isEqualTo("the program nests deeper than 400 levels (max-nesting-depth); flatten it");
		assertThat(error.line()).isEqualTo(2);
		assertThat(error.column()).as("the 401st parenthesis").isEqualTo(5 + 400);
		assertThatNoException().isThrownBy(() -> this.guard.check("x = " + "(".repeat(400) + "1" + ")".repeat(400), 0));
	}

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#hidden")
	void textThatIsNotCodeCostsNothing(String code) {
		assertThat(ParseGuard.work(code)).isLessThan(100);
		assertThatNoException().isThrownBy(() -> this.guard.check(code, 0));
	}

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#ordinary")
	void ordinaryProgramsAreFarBelowTheBudget(String code) {
		assertThatNoException().isThrownBy(() -> this.guard.check(code, 0));
		assertThat(ParseGuard.work(code)).isLessThan(ParseGuard.DEFAULT_BUDGET / 50);
	}

	@ParameterizedTest
	@MethodSource("corpus")
	void theCorpusOfModelProgramsIsFarBelowTheBudget(String code) {
		assertThatNoException().isThrownBy(() -> this.guard.check(code, 0));
		assertThat(ParseGuard.work(code)).isLessThan(ParseGuard.DEFAULT_BUDGET / 100);
	}

	@Test
	void aLargeOrdinaryProgramIsAccepted() {
		// About 60 KB, with 700 comparisons (each a try for SWC): a quarter of the
		// budget.
		String statement = "if (rows[i].price < limit && rows[i].tags.includes('x')) { total += rows[i].price; }\n";
		String code = "let total = 0;\n" + statement.repeat(60_000 / statement.length()) + "return total;";
		assertThat(code.length()).isLessThan(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH);
		assertThat(ParseGuard.work(code)).isLessThan(ParseGuard.DEFAULT_BUDGET / 3);
	}

	@Test
	void theSameTextAsCodeIsRefused() {
		// The counterpart of textThatIsNotCodeCostsNothing: the payload itself is
		// refused.
		assertThat(refusal("x = " + "<a>(".repeat(40) + "a<b,".repeat(200)).kind()).isEqualTo(Kind.LIMIT);
	}

	@Test
	void aDivisionIsNotReadAsARegularExpression() {
		// After a value, '/' divides: what follows is code, and is counted.
		assertThat(refusal("x = a / 2 / " + "<a>(".repeat(40)).kind()).isEqualTo(Kind.LIMIT);
		assertThat(refusal("x = (a) / 2 / " + "<a>(".repeat(40)).kind()).isEqualTo(Kind.LIMIT);
		assertThat(refusal("x = a[0] / 2 / " + "<a>(".repeat(40)).kind()).isEqualTo(Kind.LIMIT);
		assertThat(refusal("x = {}.a / 2 / " + "<a>(".repeat(40)).kind()).isEqualTo(Kind.LIMIT);
		assertThat(refusal("x = a! / 2 / " + "<a>(".repeat(40)).kind()).isEqualTo(Kind.LIMIT);
		assertThat(refusal("x = a++ / 2 / " + "<a>(".repeat(40)).kind()).isEqualTo(Kind.LIMIT);
	}

	@Test
	void theEstimateIsLinearInTheSizeOfOrdinaryCode() {
		String statement = "const v = items.map((x) => x.price < 10 ? x.price : 10);\n";
		long one = ParseGuard.work(statement);
		long many = ParseGuard.work(statement.repeat(100));
		assertThat(many).isEqualTo(100 * one);
	}

	static Stream<Named<String>> corpus() {
		return ParseShapes.corpus().stream().map((code) -> Named.of(code.lines().findFirst().orElse(""), code));
	}

	private ProgramException refusal(String code) {
		ProgramException refused = catchThrowableOfType(ProgramException.class, () -> this.guard.check(code, 0));
		assertThat(refused).as("refusal of %s", code.substring(0, Math.min(60, code.length()))).isNotNull();
		return refused;
	}

}
