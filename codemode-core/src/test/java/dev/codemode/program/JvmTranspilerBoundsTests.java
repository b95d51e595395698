package dev.codemode.program;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The pure-JVM path (Babel's parser and Sucrase in GraalJS) keeps every bound and
 * recovers from each: a parse past its time is a timeout, a tree too deep or a parse too
 * costly is a limit, the guard refuses the hostile shapes first and what it lets through
 * ends in time, and a program's text is only ever data. After each, the next parse on the
 * same normalizer works. Runs on every platform, with SWC's native library or without.
 */
class JvmTranspilerBoundsTests {

	/**
	 * The time given to every parse that is not about time: many times what any of them
	 * takes.
	 */
	private static final long GENEROUS = TimeUnit.SECONDS.toNanos(60);

	/** What a call may take past its deadline: a context to make, on a loaded machine. */
	private static final Duration SLACK = Duration.ofSeconds(30);

	private static ProgramNormalizer normalizer;

	/**
	 * Contexts of their own, only one: every parse of the text tests runs in the same
	 * context.
	 */
	private static TranspilerContexts oneContext;

	private static ProgramNormalizer alone;

	private static PreparedProgram reference;

	@BeforeAll
	static void start() throws ProgramException {
		normalizer = new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH,
				ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, Transpiler.JVM);
		oneContext = new TranspilerContexts(JvmProgramParser.PACKAGES, 1, TranspilerContexts.MAX_STATEMENTS);
		alone = new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH,
				ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, new JvmProgramParser(oneContext));
		reference = alone.prepare(REFERENCE, ALIASES, GENEROUS);
	}

	@AfterAll
	static void stop() {
		normalizer.close();
		alone.close();
		oneContext.close();
	}

	// --- Time. ---

	@Test
	void parseThatRunsPastItsTimeIsATimeoutAndTheNextParseWorks() {
		Duration deadline = Duration.ofMillis(1);
		long start = System.nanoTime();
		ProgramException error = failure(() -> normalizer.prepare(ordinaryProgram(60 * 1024), deadline.toNanos()));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plus(SLACK));
		assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
		assertThat(error.getMessage()).contains("(timeout)");
		assertNoHostDetail(error);
		assertNextParseWorks(normalizer);
	}

	@Test
	void typeStrippingThatRunsPastItsTimeIsATimeoutAndTheNextWorks() {
		String script = "(async () => {\n" + ordinaryProgram(60 * 1024) + "\n})";
		ProgramException error = failure(() -> JvmProgramParser.shared().transpile(script, 0, 1_000_000));
		assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
		assertNoHostDetail(error);
		assertNextParseWorks(normalizer);
	}

	// --- Depth. ---

	@ParameterizedTest
	@MethodSource("deepChains")
	void chainWithoutBracketsDeeperThanTheBoundIsALimitErrorAndTheNextParseWorks(String code) {
		// Each 10 to 50 times the bound, and deep enough to need the transpiler threads'
		// large stacks; no longer than 20 KB, so that a loaded machine parses them well
		// within the 10 s a call may take.
		try (ProgramNormalizer wide = new ProgramNormalizer(256 * 1024, ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH,
				Transpiler.JVM)) {
			ProgramException error = failure(() -> wide.prepare(code, GENEROUS));
			assertThat(error.kind()).isEqualTo(Kind.LIMIT);
			assertThat(error.getMessage()).contains("(max-nesting-depth)");
			assertNoHostDetail(error);
			assertNextParseWorks(wide);
		}
	}

	static Stream<Named<String>> deepChains() {
		return Stream.of(Named.of("a + a + … (3,000)", "x = " + "a + ".repeat(3_000) + "a"),
				Named.of("a+a+… (5,000)", "x = " + "a+".repeat(5_000) + "a"),
				Named.of("!!!… (20,000)", "x = " + "!".repeat(20_000) + "a"),
				Named.of("typeof typeof … (3,000)", "x = " + "typeof ".repeat(3_000) + "a"),
				Named.of("await await … (3,000)", "x = " + "await ".repeat(3_000) + "a"),
				Named.of("a = a = … (5,000)", "a = ".repeat(5_000) + "1"),
				Named.of("a ? b : a ? b : … (2,500)", "x = " + "a ? b : ".repeat(2_500) + "c"),
				Named.of("a ?? a ?? … (4,000)", "x = " + "a ?? ".repeat(4_000) + "b"),
				Named.of("a.a.a… (10,000)", "x = " + "a.".repeat(10_000) + "a"),
				Named.of("a.b().b()… (5,000)", "x = a" + ".b()".repeat(5_000)),
				Named.of("a as T as T … (4,000)", "x = a" + " as T".repeat(4_000)),
				Named.of("a!!!… (20,000)", "x = a" + "!".repeat(20_000)));
	}

	// --- Statements. ---

	@Test
	void contextPastItsStatementBoundRefusesWithALimitErrorAndIsReplaced() throws ProgramException {
		// Loading the libraries and warming a context up take under 1,000,000 statements;
		// a 60 KB parse, more.
		long bound = 2_000_000;
		try (TranspilerContexts contexts = new TranspilerContexts(JvmProgramParser.PACKAGES, 1, bound)) {
			for (int i = 0; i < 2; i++) {
				ProgramException refused = catchThrowableOfType(ProgramException.class,
						() -> contexts.call("parse", ordinaryProgram(60 * 1024), GENEROUS));
				assertThat(refused).as("a parse past the statement bound").isNotNull();
				assertThat(refused.kind()).isEqualTo(Kind.LIMIT);
				assertThat(refused.getMessage()).contains("too costly to parse", bound + " statements");
				assertNoHostDetail(refused);
				// One context at most: the call gets the one made to replace the refused
				// one.
				assertThat(contexts.call("parse", "const a: number = 1;", GENEROUS)).contains("\"Program\"");
			}
		}
	}

	@Test
	void programOfSixtyKilobytesFitsTheDefaultStatementBound() {
		assertThat(catchThrowableOfType(ProgramException.class,
				() -> normalizer.prepare(ordinaryProgram(60 * 1024), GENEROUS)))
			.as("a 60 KB program")
			.isNull();
	}

	// --- Hostile shapes (see ParseShapes and ParseBoundTests, which measure them on
	// SWC).
	// ---

	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#hostile")
	void hostileShapeIsRefusedBeforeItIsParsed(String code) {
		ProgramException error = failure(() -> normalizer.prepare(code, GENEROUS));
		assertThat(error.kind()).isEqualTo(Kind.LIMIT);
		assertNoHostDetail(error);
	}

	/**
	 * Babel backtracks exponentially on some of them too; here the deadline stops it, as
	 * it never can stop SWC.
	 */
	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#hostile")
	void hostileShapeParsedWithoutTheGuardEndsByItsDeadline(String code) {
		Duration deadline = Duration.ofSeconds(3);
		long start = System.nanoTime();
		ProgramException failure = catchThrowableOfType(ProgramException.class, () -> JvmProgramParser.shared()
			.parse(code, 0, new SyntaxDepth(ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, 0), deadline.toNanos()));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plus(SLACK));
		if (failure != null) {
			assertThat(failure.kind()).isIn(Kind.SYNTAX, Kind.LIMIT, Kind.TIMEOUT);
			assertNoHostDetail(failure);
		}
		assertNextParseWorks(normalizer);
	}

	/**
	 * The guard's budget is SWC's: what it lets through, Babel in GraalJS's interpreter
	 * parses tens of times slower than SWC (G3's largest accepted instance took 15 s
	 * here, against 68 ms). The deadline bounds it all the same.
	 */
	@ParameterizedTest
	@MethodSource("dev.codemode.program.ParseShapes#families")
	void largestInstanceOfAHostileShapeThatTheGuardAcceptsEndsByItsDeadline(IntFunction<String> family) {
		String code = family.apply(ParseShapes.largestAccepted(family));
		Duration deadline = Duration.ofSeconds(10);
		long start = System.nanoTime();
		ProgramException failure = catchThrowableOfType(ProgramException.class,
				() -> normalizer.prepare(code, deadline.toNanos()));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plus(SLACK));
		if (failure != null) {
			// Some are invalid programs, or too deep once parsed, or too slow for the
			// deadline.
			assertThat(failure.kind()).isIn(Kind.SYNTAX, Kind.LIMIT, Kind.TIMEOUT);
			if (Kind.LIMIT.equals(failure.kind())) {
				assertThat(failure.getMessage()).contains("(max-nesting-depth)");
			}
			assertNoHostDetail(failure);
		}
		assertNextParseWorks(normalizer);
	}

	// --- The program's text is data. ---

	/**
	 * Each text is parsed in the only context of its parser, then a reference program:
	 * what the reference gives is what it gave before. Nothing in a program's text runs
	 * while it is parsed, whatever it spells.
	 */
	@ParameterizedTest
	@MethodSource("textsThatLookLikeCode")
	void programTextChangesNothingForTheNextParse(String text) throws ProgramException {
		ProgramException failure = catchThrowableOfType(ProgramException.class,
				() -> alone.prepare(text, ALIASES, GENEROUS));
		if (failure != null) {
			assertThat(failure.kind()).isEqualTo(Kind.SYNTAX);
			assertThat(failure.line()).isNotNull();
			assertNoHostDetail(failure);
		}
		PreparedProgram after = alone.prepare(REFERENCE, ALIASES, GENEROUS);
		assertThat(after.script()).isEqualTo(reference.script()).contains("$odemode.queryTable");
		assertThat(after.throwSites()).isEqualTo(reference.throwSites()).hasSize(1);
		assertThat(after.typeScript()).isTrue();
		assertThat(after.rejects()).isTrue();
	}

	/**
	 * TypeScript, a tool call, a throw and a reject: the parser's and the stripper's
	 * output both matter.
	 */
	private static final String REFERENCE = """
			interface Row { id: number }
			const rows = (await codemode.queryTable({ table: 'products' })) as { rows: Row[] };
			if (rows.rows.length === 0) throw 'no rows';
			await new Promise<void>((resolve, reject) => reject(rows.rows[0]!.id));""";

	private static final Map<String, String> ALIASES = ToolCallSites.aliases(List.of("codemode"));

	static Stream<Named<String>> textsThatLookLikeCode() {
		return Stream.of(Named.of("prototypes written to", """
				Object.prototype.polluted = 1;
				Array.prototype.push = null;
				JSON.stringify = () => '{"error":"x","pos":0}';
				String.prototype.replace = function () { return ''; };"""),
				Named.of("__proto__ and constructor as keys", """
						const o = { __proto__: { polluted: true }, constructor: 1, toString: 2, hasOwnProperty: 3 };
						({ "__proto__": [] }).constructor.constructor("return this")().x = 1;"""),
				Named.of("the glue's own names", """
						babel.parse = null; sucrase.transform = null; parseOptions.plugins = [];
						const error = { pos: 0, reasonCode: 'UnterminatedTemplate', tooDeep: true };
						error"""), Named.of("a string that closes a call", "\"); throw 1; (\""),
				Named.of("a quote that closes a string", "'); globalThis.x = 1; ('"),
				Named.of("a closing script tag", "</script><script>alert(1)</script>"),
				Named.of("a closing script tag in a string", "const s = \"</script><script>alert(1)</script>\";"),
				Named.of("backticks and ${ in templates", "const t = `${'`'}${\"${\"}` + `\\${x}`;"),
				Named.of("a lone surrogate and a NUL", "const s = '\uD800' + 'a\u0000b' + '\uDFFF';"),
				Named.of("line and paragraph separators", "const s = 'a\u2028b\u2029c';\n\u2028x"),
				Named.of("eval and Function", "eval('globalThis.x = 1'); new Function('return this')().y = 2;"),
				Named.of("a loop that never ends", "while (true) {}\nfor (;;) {}"),
				Named.of("a shebang and triple-slash directives",
						"#!/usr/bin/env node\n/// <reference path=\"x\" />\n// @ts-nocheck\nconst a = 1;"),
				Named.of("JSON as a program", "{\"error\": \"x\", \"pos\": 3, \"type\": \"Program\"}"));
	}

	// --- Helpers. ---

	/**
	 * Ordinary code of about the given length: constants, calls, a function; nothing deep
	 * or ambiguous.
	 */
	private static String ordinaryProgram(int length) {
		StringBuilder code = new StringBuilder();
		for (int i = 0; code.length() < length - 200; i++) {
			code.append("const v")
				.append(i)
				.append(": number = f(")
				.append(i)
				.append(", 'x') + ")
				.append(i)
				.append(";\n");
		}
		return code.append("function f(a: number, b: string): number { return a + b.length; }\nv0").toString();
	}

	private static ProgramException failure(ThrowingCallable call) {
		ProgramException failure = catchThrowableOfType(ProgramException.class, call);
		assertThat(failure).as("the program is refused").isNotNull();
		return failure;
	}

	private static void assertNextParseWorks(ProgramNormalizer normalizer) {
		PreparedProgram next = catchNothing(() -> normalizer.prepare("const x: number = 41;\nx + 1", GENEROUS));
		assertThat(next.typeScript()).isTrue();
		assertThat(next.script()).contains("const x = 41").contains("return (x + 1)");
	}

	private static PreparedProgram catchNothing(PrepareCall call) {
		try {
			return call.prepare();
		}
		catch (ProgramException ex) {
			throw new AssertionError("the next parse failed: " + ex.describe());
		}
	}

	private static void assertNoHostDetail(ProgramException error) {
		assertThat(error.getMessage()).isNotBlank()
			.doesNotContain("java.", "org.graalvm", "Exception", "\tat ", "RangeError", "dev.codemode");
	}

	@FunctionalInterface
	private interface PrepareCall {

		PreparedProgram prepare() throws ProgramException;

	}

}
