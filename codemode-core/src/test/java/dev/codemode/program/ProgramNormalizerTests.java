package dev.codemode.program;

import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.internal.SandboxEngines;
import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The normalizer alone, on both parsers (SWC where its library loads, and the pure-JVM
 * path): each program shape becomes a script whose value is a function giving the
 * program's result, the script's lines and columns map back to the model's text, and each
 * refusal is a {@link ProgramException} of its kind, at the model's line.
 */
class ProgramNormalizerTests {

	private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(60);

	private static final List<Transpiler> PATHS = List.of(Transpiler.AUTO, Transpiler.JVM);

	private static final ProgramNormalizer[] normalizers = new ProgramNormalizer[PATHS.size()];

	private static Engine engine;

	@BeforeAll
	static void start() {
		for (int i = 0; i < normalizers.length; i++) {
			normalizers[i] = new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH, 40, PATHS.get(i));
		}
		engine = SandboxEngines.constrained("program-normalizer-tests");
	}

	@AfterAll
	static void stop() {
		for (ProgramNormalizer normalizer : normalizers) {
			normalizer.close();
		}
		engine.close();
	}

	static Stream<Arguments> shapes() {
		return Stream.of(Arguments.of("an async arrow function", "async () => { return 1 + 1; }", "2"),
				Arguments.of("a plain arrow function", "() => 'x'", "\"x\""),
				Arguments.of("a function declaration, called", "function main() { return [1, 2]; }", "[1,2]"),
				Arguments.of("export default of a function", "export default async () => 3", "3"),
				Arguments.of("export default of a value", "export default { a: 1 }", "{\"a\":1}"),
				Arguments.of("bare statements, the last expression is the result", "const a = 2;\na * 21", "42"),
				Arguments.of("a function after helpers, called with them in scope",
						"const base = 40;\nconst add = (n) => base + n;\nasync () => add(2)", "42"),
				Arguments.of("a program that ends with the function it declares",
						"const x = 5;\nconst main = async () => x;", "5"),
				Arguments.of("stray semicolons after the function", "async () => 7;;", "7"),
				Arguments.of("a fenced program", "```js\nconst a = 1;\na + 1\n```", "2"),
				Arguments.of("a fenced TypeScript program",
						"```ts\ninterface T { x: number }\nconst t: T = { x: 1 };\nt.x + 1\n```", "2"),
				Arguments.of("TypeScript with an enum and a generic",
						"enum E { A = 3 }\nfunction id<T>(v: T): T { return v; }\nid<number>(E.A)", "3"),
				Arguments.of("a blank program", "  \n", "undefined"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void eachShapeBecomesAFunctionThatGivesTheProgramsResult(String name, String code, String json)
			throws ProgramException {
		for (ProgramNormalizer normalizer : normalizers) {
			assertThat(run(normalizer.prepare(code, TIMEOUT))).as(normalizer.transpiler()).isEqualTo(json);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void plainJavaScriptRunsAsWrittenAndTypeScriptIsTranspiled(Transpiler path) throws ProgramException {
		ProgramNormalizer normalizer = normalizer(path);
		PreparedProgram javaScript = normalizer.prepare("const a = [1, 2];\na.map((n) => n * 2)", TIMEOUT);
		assertThat(javaScript.typeScript()).isFalse();
		assertThat(javaScript.script()).contains("const a = [1, 2];").contains("a.map((n) => n * 2)");
		PreparedProgram typeScript = normalizer.prepare("const a: number[] = [1, 2];\na.map((n: number) => n * 2)",
				TIMEOUT);
		assertThat(typeScript.typeScript()).isTrue();
		assertThat(typeScript.script()).doesNotContain(": number");
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aLineOfTheScriptMapsToTheModelsLineAndColumn(Transpiler path) throws ProgramException {
		assertModelsPosition(normalizer(path).prepare("const a = 1;\nconst b = missing + a;\nb", TIMEOUT), "missing", 2,
				11);
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void theColumnsOfTheResultExpressionAreTheModelsDespiteTheInsertedReturn(Transpiler path) throws ProgramException {
		assertModelsPosition(normalizer(path).prepare("const a = 1;\na + missing", TIMEOUT), "missing", 2, 5);
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void theFenceLineCountsAsTheModelsFirstLine(Transpiler path) throws ProgramException {
		assertModelsPosition(normalizer(path).prepare("```js\nconst a = 1;\nnull.x\n```", TIMEOUT), "null.x", 3, 1);
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aLineOfTranspiledTypeScriptMapsToTheModelsLine(Transpiler path) throws ProgramException {
		PreparedProgram program = normalizer(path)
			.prepare("interface A { x: number }\nconst a: A = { x: 1 };\nconst b: number = a.x + missing;\nb", TIMEOUT);
		int offset = program.script().indexOf("missing");
		assertThat(offset).as("missing in the script:\n%s", program.script()).isNotNegative();
		assertThat(program.lines().originalLine(new TextLines(program.script()).line(offset))).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void throwSitesAreFoundAtTheModelsLines(Transpiler path) throws ProgramException {
		PreparedProgram program = normalizer(path)
			.prepare("const a = 1;\nif (a) {\n  throw 'no rows';\n}\nthrow new Error('x');", TIMEOUT);
		assertThat(program.throwSites()).containsExactly(new ThrowSite(3, 3, "s:no rows"), new ThrowSite(5, 1, null));
		assertThat(program.throwSiteOf(ThrowSite.literal("no rows"))).contains(new ThrowSite(3, 3, "s:no rows"));
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aProgramTooLongIsALimitWithoutAPosition(Transpiler path) {
		ProgramNormalizer small = new ProgramNormalizer(10, ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, path);
		ProgramException refused = refusal(small, "const a = 12345;");
		assertThat(refused.kind()).isEqualTo(Kind.LIMIT);
		assertThat(refused.getMessage()).contains("16 characters", "the limit is 10", "(max-code-length)");
		assertThat(refused.line()).isNull();
		assertThat(refused.column()).isNull();
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aModuleIsASyntaxErrorAtItsImport(Transpiler path) {
		ProgramException refused = refusal(normalizer(path), "const a = 1;\nimport fs from 'fs';\nfs");
		assertThat(refused.kind()).isEqualTo(Kind.SYNTAX);
		assertThat(refused.getMessage()).startsWith("import and export are not available");
		assertThat(refused.line()).isEqualTo(2);
		assertThat(refused.column()).isEqualTo(1);
		assertThat(refused.describe()).isEqualTo("SYNTAX: " + refused.getMessage() + " (line 2, column 1)");
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aSyntaxErrorIsAtTheModelsLineFenceIncluded(Transpiler path) {
		ProgramException plain = refusal(normalizer(path), "const a = 1;\nconst = 2;");
		assertThat(plain.kind()).isEqualTo(Kind.SYNTAX);
		assertThat(plain.line()).isEqualTo(2);
		assertThat(plain.column()).isPositive();
		ProgramException fenced = refusal(normalizer(path), "```js\nconst a = 1;\nconst = 2;\n```");
		assertThat(fenced.kind()).isEqualTo(Kind.SYNTAX);
		assertThat(fenced.line()).isEqualTo(3);
		assertThat(fenced.column()).isEqualTo(plain.column());
	}

	@ParameterizedTest
	@EnumSource(names = { "AUTO", "JVM" })
	void aProgramNestedTooDeeplyIsALimitAtItsLine(Transpiler path) {
		String deep = "const a = 1;\nconst b = " + "[".repeat(45) + "1" + "]".repeat(45) + ";\nb";
		ProgramException refused = refusal(normalizer(path), deep);
		assertThat(refused.kind()).isEqualTo(Kind.LIMIT);
		assertThat(refused.getMessage()).contains("deeper than 40 levels", "(max-nesting-depth)");
		assertThat(refused.line()).isEqualTo(2);
	}

	private static ProgramNormalizer normalizer(Transpiler path) {
		return normalizers[PATHS.indexOf(path)];
	}

	private static ProgramException refusal(ProgramNormalizer normalizer, String code) {
		ProgramException refused = catchThrowableOfType(ProgramException.class,
				() -> normalizer.prepare(code, TIMEOUT));
		assertThat(refused).as("the refusal of %s on %s", code, normalizer.transpiler()).isNotNull();
		return refused;
	}

	/**
	 * Runs a prepared script as the executor does: its value is a function, called with
	 * no arguments; the result is what JSON makes of the value its promise settles to.
	 */
	private static String run(PreparedProgram program) {
		try (Context context = Context.newBuilder("js")
			.engine(engine)
			.sandbox(SandboxPolicy.CONSTRAINED)
			.out(OutputStream.nullOutputStream())
			.err(OutputStream.nullOutputStream())
			.build()) {
			Value main = context.eval(Source.create("js", program.script()));
			assertThat(main.canExecute()).as("the script's value is a function:\n%s", program.script()).isTrue();
			context.getBindings("js").putMember("settled", main.execute());
			context.eval("js", "Promise.resolve(settled).then((v) => { globalThis.out = String(JSON.stringify(v)); },"
					+ " (e) => { globalThis.out = 'threw ' + e; });");
			return context.eval("js", "globalThis.out").asString();
		}
	}

	/**
	 * Where a text first stands in the script (as GraalJS counts) maps to the model's
	 * line and column.
	 */
	private static void assertModelsPosition(PreparedProgram program, String text, int line, Integer column) {
		int offset = program.script().indexOf(text);
		assertThat(offset).as("%s in the script:\n%s", text, program.script()).isNotNegative();
		TextLines lines = new TextLines(program.script());
		int scriptLine = lines.line(offset);
		assertThat(program.lines().originalLine(scriptLine)).as("line of %s", text).isEqualTo(line);
		assertThat(program.lines().originalColumn(scriptLine, lines.column(offset))).as("column of %s", text)
			.isEqualTo(column);
	}

}
