package dev.codemode.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.commons.support.ReflectionSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ExecutionError;
import dev.codemode.program.ProgramException.Kind;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SWC and the pure-JVM path (Babel's parser and Sucrase) prepare every program alike:
 * both accept it or both refuse it; a refused program gets the same kind of error at the
 * same line (and column where both give one); an accepted one gets the same shape, the
 * same rewritten tool calls, the same throw sites. For JavaScript the script is the same
 * text; for TypeScript it is the same text up to the stripping of types, which each path
 * does its own way.
 * <p>
 * SWC counts columns in code points, Babel and GraalJS in UTF-16 units (as runtime errors
 * report them): SWC's columns are converted before they are compared. The differences
 * that are the parsers' own, not the adapter's, are tests of their own at the end, each
 * asserting what still holds.
 * <p>
 * Runs only where SWC's native library loads: the build's {@code pure-jvm-transpiler} run
 * leaves it off the class path, and this class skips itself there.
 */
class TranspilerParityTests {

	private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

	private static final Map<String, String> ALIASES = ToolCallSites.aliases(List.of("codemode", "github"));

	private static Path swc;

	private static Path jvm;

	private static GraalJsCodeExecutor swcExecutor;

	private static GraalJsCodeExecutor jvmExecutor;

	@BeforeAll
	static void start() {
		assumeTrue(SwcProgramParser.loadFailure() == null, "SWC's native library does not load here");
		swc = new Path(new SwcProgramParser());
		jvm = new Path(JvmProgramParser.shared());
		swcExecutor = executor(Transpiler.NATIVE);
		jvmExecutor = executor(Transpiler.JVM);
	}

	@AfterAll
	static void stop() {
		if (swc != null) {
			swc.normalizer().close();
			swcExecutor.close();
			jvmExecutor.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("normalizeCases")
	void normalizeCaseIsPreparedAlikeOnBothPaths(String code) {
		assertPreparedAlike(code);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("llmCodeSamples")
	void programThatAModelWroteIsPreparedAlikeOnBothPaths(String code) {
		assertPreparedAlike(code);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("programShapes")
	void programShapeIsPreparedAlikeOnBothPaths(String code) {
		assertPreparedAlike(code);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("typeScriptPrograms")
	void typeScriptProgramIsPreparedAlikeOnBothPaths(String code) {
		assertPreparedAlike(code);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("javaScriptPrograms")
	void javaScriptProgramIsPreparedAlikeOnBothPaths(String code) {
		assertPreparedAlike(code);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("syntaxErrors")
	void syntaxErrorIsReportedAlikeOnBothPaths(String code) {
		Outcome onSwc = swc.prepare(code);
		assertThat(onSwc.error()).as("SWC's error for a case that must be one").isNotNull();
		assertPreparedAlike(code);
	}

	/**
	 * max-nesting-depth bounds the depth of the syntax tree, and the two parsers' trees
	 * differ: the JVM path counts levels as SWC's tree has them. At the deepest nesting
	 * SWC accepts, and one level deeper, both paths agree. (Objects with computed keys
	 * are refused at the same depth too, but SWC's error points at the key's {@code [},
	 * which is a node of its own there, and Babel's at the key: a column apart.)
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("nestings")
	void nestingBoundRefusesTheSameProgramsOnBothPaths(IntFunction<String> nesting) {
		int deepest = deepestAcceptedBySwc(nesting);
		assertThat(deepest).as("SWC accepts some nesting and refuses more").isBetween(2, 999);
		assertPreparedAlike(nesting.apply(deepest));
		assertThat(jvm.prepare(nesting.apply(deepest + 1)).error()).as("one level deeper")
			.isNotNull()
			.extracting(ProgramException::kind)
			.isEqualTo(Kind.LIMIT);
		assertPreparedAlike(nesting.apply(deepest + 1));
	}

	@Test
	void everyCaseListIsRead() {
		assertThat(normalizeCases()).hasSizeGreaterThanOrEqualTo(30);
		assertThat(llmCodeSamples()).hasSizeGreaterThanOrEqualTo(10);
		assertThat(programShapes()).hasSizeGreaterThanOrEqualTo(40);
	}

	/** The one comparison of the class. */
	private static void assertPreparedAlike(String code) {
		Outcome onSwc = swc.prepare(code);
		Outcome onJvm = jvm.prepare(code);
		String both = "\nSWC: " + onSwc + "\nJVM: " + onJvm;
		if (onSwc.error() != null || onJvm.error() != null) {
			assertThat(onJvm.error()).as("the JVM path fails where SWC does" + both).isNotNull();
			assertThat(onSwc.error()).as("SWC fails where the JVM path does" + both).isNotNull();
			assertThat(onJvm.error().kind()).as("error kind" + both).isEqualTo(onSwc.error().kind());
			assertThat(onJvm.error().line()).as("error line" + both).isEqualTo(onSwc.error().line());
			if (onSwc.error().column() != null && onJvm.error().column() != null) {
				assertThat(onJvm.error().column()).as("error column" + both)
					.isEqualTo(utf16Column(code, onSwc.error().line(), onSwc.error().column()));
			}
			assertThat(onJvm.error().getMessage()).as("error message" + both)
				.isNotBlank()
				.doesNotContain("java.", "Exception", "\tat ");
			return;
		}
		PreparedProgram expected = onSwc.program();
		PreparedProgram actual = onJvm.program();
		assertThat(actual.typeScript()).as("TypeScript detected" + both).isEqualTo(expected.typeScript());
		assertThat(actual.throwSites()).as("throw sites" + both)
			.isEqualTo(expected.throwSites().stream().map((site) -> inUtf16(code, site)).toList());
		assertThat(actual.rejects()).as("mentions reject" + both).isEqualTo(expected.rejects());
		if (expected.typeScript()) {
			assertThat(onJvm.stripped()).as("script before its types are stripped" + both).isEqualTo(onSwc.stripped());
			Outcome again = jvm.prepare(actual.script());
			assertThat(again.error()).as("the JVM path's script, prepared again" + both).isNull();
			assertThat(again.program().typeScript()).as("the JVM path's script is JavaScript" + both).isFalse();
		}
		else {
			assertThat(actual.script()).as("script" + both).isEqualTo(expected.script());
			assertThat(onJvm.stripped()).as("nothing is transpiled in JavaScript").isNull();
		}
	}

	// --- Cases. ---

	static List<Named<String>> normalizeCases() {
		try (InputStream in = TranspilerParityTests.class.getResourceAsStream("/corpus/normalize-cases.json")) {
			JsonNode cases = JsonMapper.builder().build().readTree(in).get("cases");
			return StreamSupport.stream(cases.spliterator(), false)
				.map((node) -> node.get("input").asString())
				.map((input) -> Named.of(quoted(input), input))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Named<String>> llmCodeSamples() {
		List<String> blocks = ParseShapes.corpus();
		return IntStream.range(0, blocks.size())
			.mapToObj((i) -> Named.of("block " + (i + 1) + ": " + quoted(firstLine(blocks.get(i))), blocks.get(i)))
			.toList();
	}

	/**
	 * The programs of the executor's {@code ProgramShapesTests}, each with its name
	 * there.
	 */
	static List<Named<String>> programShapes() {
		Class<?> test = ReflectionSupport.tryToLoadClass("dev.codemode.executor.graaljs.ProgramShapesTests")
			.getOrThrow(IllegalStateException::new);
		Method shapes = ReflectionSupport.findMethod(test, "shapes").orElseThrow();
		@SuppressWarnings("unchecked")
		Stream<Arguments> arguments = (Stream<Arguments>) ReflectionSupport.invokeMethod(shapes, null);
		return arguments.map(Arguments::get).map((shape) -> Named.of((String) shape[0], (String) shape[1])).toList();
	}

	static Stream<Named<String>> typeScriptPrograms() {
		return Stream.of(program("an interface and a generic function", """
				interface Repo<T> { name: string; items: T[]; readonly owner?: string }
				function first<T>(repo: Repo<T>): T | undefined { return repo.items[0]; }
				const r: Repo<number> = { name: 'r', items: [1, 2] };
				return first<number>(r);"""), program("generic constraints, keyof and mapped types", """
				type Partial2<T> = { [K in keyof T]?: T[K] };
				type Key<T extends object> = keyof T & string;
				function get<T extends object, K extends Key<T>>(o: T, k: K): T[K] { return o[k]; }
				const p: Partial2<{ a: number }> = {};
				get({ a: 1 }, 'a')"""), program("conditional and template literal types", """
				type Unwrap<T> = T extends Promise<infer U> ? U : T;
				type Route = `/${string}`;
				const route: Route = '/x';
				const n: Unwrap<Promise<number>> = 3;
				({ route, n })"""), program("enums, a const enum and a string enum", """
				enum Level { Low = 1, High = 10 }
				const enum Flag { A = 'a', B = 'b' }
				enum Dir { Up, Down }
				return [Level.High, Flag.B, Dir.Down];"""), program("an enum alone", "enum Color { Red, Green }"),
				program("a namespace with an exported function", """
						namespace Util {
						  export const twice = (x: number) => 2 * x;
						  export namespace Inner { export const k = 1; }
						}
						return Util.twice(21) + Util.Inner.k;"""),
				program("as, satisfies, a non-null assertion and an angle-bracket assertion", """
						type Row = { id: number };
						const rows = (await codemode.queryTable({ table: 'products' })) as { rows: Row[] };
						const cfg = { retries: 3 } satisfies Record<string, number>;
						const firstRow = rows.rows[0]!;
						const n = <number>cfg.retries;
						return { firstRow, n, id: rows.rows.at(-1)!.id };"""),
				program("as unknown as, and a tool call under an assertion", """
						const raw = await (codemode as any).listThings({});
						const xs = raw as unknown as string[];
						await (<any>github).create_issue({ title: xs[0]! });"""),
				program("optional parameters, defaults and a this parameter",
						"""
								function greet(name?: string, punct: string = '!'): string { return `hi ${name ?? 'you'}${punct}`; }
								function bound(this: { k: number }, x?: number) { return this.k + (x ?? 0); }
								greet()"""),
				program("a class with private, readonly, protected and parameter properties",
						"""
								class Counter {
								  private count = 0;
								  readonly step: number;
								  protected static created = 0;
								  #secret?: string;
								  declare tag: string;
								  constructor(step: number, public label?: string, private readonly max = 10) { this.step = step; }
								  inc(): this { this.count += this.step; return this; }
								  get value(): number { return this.count; }
								  optional?(): void;
								}
								new Counter(2).inc().inc().value"""),
				program("an abstract class", """
						abstract class Shape {
						  abstract area(): number;
						  protected abstract readonly name: string;
						  describe(): string { return `${this.name}: ${this.area()}`; }
						}
						class Square extends Shape implements Iterable<number> {
						  protected readonly name = 'square';
						  constructor(private side: number) { super(); }
						  area(): number { return this.side ** 2; }
						  override describe(): string { return super.describe(); }
						  *[Symbol.iterator]() { yield this.side; }
						}
						new Square(3).describe()"""), program("declare const codemode, copied from the description", """
						declare const codemode: {
						  getWeather(input: { location: string }): Promise<string>;
						};
						declare function helper(x: number): number;
						const w = await codemode.getWeather({ location: 'Oslo' });
						return w;"""), program("declare global and declare module", """
						declare global { interface Window { x: number } }
						declare module 'lib' { export const v: number; }
						declare let github: any;
						await github.list_pull_requests({ state: 'open' })"""),
				program("function overloads, then a call", """
						function pick(x: string): string;
						function pick(x: number): number;
						function pick(x: any) { return x; }
						pick(3)"""), program("function overloads ending the program", """
						async function main(): Promise<number>;
						async function main(x?: number): Promise<number> { return x ?? 1; }"""),
				program("generic arrows, instantiation expressions and definite assignment", """
						const id = <T,>(x: T): T => x;
						const ident = <T extends unknown>(x: T) => x;
						const idNumber = id<number>;
						let later!: number;
						later = idNumber(2);
						ident(later)"""),
				program("type predicates and assertion functions",
						"""
								function isString(x: unknown): x is string { return typeof x === 'string'; }
								function assertNumber(x: unknown): asserts x is number { if (typeof x !== 'number') throw new TypeError('nan'); }
								const v: unknown = 'a';
								if (isString(v)) { throw 'a string'; }
								assertNumber(1);"""),
				program("optional members and index signatures", """
						interface Opts { a?: number; readonly [key: string]: number | undefined; f?(): void }
						const o: Opts = { a: 1 };
						const f = (x?: number, ...rest: number[]): number => (x ?? 0) + rest.length;
						f(o.a)"""), program("a typed async arrow that calls tools of two namespaces", """
						async (): Promise<{ n: number }> => {
						  const prs = await github.list_pull_requests({ owner: 'o', repo: 'r' }) as any[];
						  const done = await codemode["echo"]({ v: prs.length });
						  return { n: done.v as number };
						}"""), program("a namespace bound by a parameter property, an enum and a type parameter", """
						class A { constructor(private codemode: number, public readonly github = 1) {} }
						enum github { A }
						function f<codemode>(x: codemode) { return x; }
						await codemode.echo({}); await github.x({});"""),
				program("a shadowed namespace in a typed function", """
						function run(codemode: { echo(x: number): number }): number { return codemode.echo(1); }
						const direct = await codemode.echo({ v: 2 });
						return run({ echo: (x: number) => x });"""),
				program("unique symbols, typeof queries and tuples", """
						const key: unique symbol = Symbol('k');
						const tuple: [name: string, age?: number] = ['a'];
						const copy: typeof tuple = [...tuple];
						type Fn = (...args: readonly [number, string]) => void;
						copy.length"""), program("a program in a TypeScript fence", """
						```ts
						interface R { a: number }
						const r: R = { a: 1 };
						throw r.a as number;
						```"""), program("TypeScript that only declares types", """
						interface A { a: number }
						type B = A & { b: string };"""),
				program("import type and import = require", "import type { X } from 'x';\nconst y: X = 1;"),
				program("export = ", "const v = 1;\nexport = v;"));
	}

	static Stream<Named<String>> javaScriptPrograms() {
		return Stream.of(program("throws of every literal kind", """
				if (Math.random() < 0) throw 'no rows';
				if (Math.random() < 0) throw 42;
				if (Math.random() < 0) throw (null);
				if (Math.random() < 0) throw true;
				if (Math.random() < 0) throw -1;
				if (Math.random() < 0) throw 1.5e3;
				if (Math.random() < 0) throw "tab\\tand \\u00e9";
				throw new Error('boom');"""), program("throws nested in functions and classes", """
				class A { m() { throw 'in a method'; } static { } }
				const f = () => { throw 'in an arrow'; };
				function g() { try { throw 'caught'; } catch { throw 'again'; } }
				async () => { f(); }"""), program("a promise rejected by name", """
				const p = new Promise((resolve, reject) => setTimeout(() => reject('late'), 1));
				await p;"""), program("reject as a property name", "const o = { reject: 1 };\nreturn o.reject;"),
				program("tool calls in every form", """
						const a = await codemode.echo({ v: 1 });
						const b = await codemode['echo']({ v: 2 });
						const c = await (codemode).echo({ v: 3 });
						const d = await codemode?.echo({ v: 4 });
						const e = await github.list_issues({});
						const f = codemode.echo;
						return [a, b, c, d, e, typeof codemode.nope, 'echo' in codemode];"""),
				program("a namespace shadowed by a parameter, a variable and a catch binding", """
						const f = (codemode) => codemode.echo(1);
						function g() { const github = { x: () => 1 }; return github.x(); }
						try { await codemode.echo({}); } catch (codemode) { codemode.echo(); }
						f({ echo: (x) => x })"""), program("a namespace shadowed by destructuring and a class", """
						const { codemode: inner } = { codemode: 1 };
						function h({ github }) { return github.x(); }
						class github2 { static github() { return github.y(); } }
						await codemode.echo({})"""),
				program("a namespace bound in a constructor, a getter, a setter and a method",
						"""
								class A { constructor() { const codemode = 1; } get x() { const github = 2; return github; } }
								const o = { get x() { const codemode = 1; return codemode; }, set y(github) {}, m(codemode) {} };
								await codemode.echo({ v: 1 });
								await github.list_issues({});"""),
				program("a namespace bound in a static block, a loop, a label and a named function expression", """
						class B { static { const codemode = 1; } }
						for (const github of []) {}
						label: { const codemode = 2; }
						const f = function github() {};
						await codemode.echo({}); await github.x({});"""),
				program("a program that uses with", "with ({}) { await codemode.echo({}); }"),
				program("a program that mentions eval", "const e = eval;\nawait codemode.echo({});"),
				program("astral characters before a tool call", """
						const s = "😀😀 🚀";
						const t = `${s}𝒳`;
						await codemode.echo({ s, t }); throw '😀';"""),
				program("astral characters before a throw and a call on the same line",
						"const s = '😀😀'; await codemode.echo({ s }); throw '𝒳'; throw s;"),
				program("a CRLF program", "const k = 1;\r\nawait codemode.echo({ k });\r\nthrow 'crlf';\r\n"),
				program("a fence with a CRLF program", "```js\r\nconst k = 1;\r\nthrow k;\r\n```"),
				program("a line separator inside a string", "const s = 'a\u2028b';\nthrow 'after';"),
				program("labels, switch, generators and regular expressions", """
						outer: for (const x of [1, 2]) { switch (x) { case 1: continue outer; default: break outer; } }
						function* gen() { yield* [1, 2]; }
						const re = /a<b>(c)/gu;
						const big = 10n ** 3n;
						[...gen(), re.source, String(big)]"""), program("comparisons that look like type arguments", """
						const a = 1, b = 2, c = 3;
						const x = a < b > c;
						const y = a < (b) > (c);
						[x, y]"""), program("classes with private fields and static blocks", """
						class Box { #v = 1; static #count = 0; static { Box.#count++; } get v() { return this.#v; } }
						new Box().v"""), program("an async generator and for await", """
						async function* items() { yield 1; yield 2; }
						let sum = 0;
						for await (const i of items()) sum += i;
						sum"""), program("optional chaining and nullish assignment", """
						const o = { a: { b: null } };
						o.a.b ??= 3;
						o?.a?.['b'] ?? o.x?.()"""),
				program("a directive that is not the first statement", "const a = 1;\n'not a directive';\n"),
				program("an object literal as the last statement", "({ a: 1, get b() { return 2; } })"),
				program("an empty program in a fence", "```js\n\n```"),
				program("only comments", "// nothing\n/* at all */"));
	}

	static Stream<Named<String>> syntaxErrors() {
		return Stream.of(program("a missing name, line 1", "const = 1;"),
				program("a missing operand, line 2", "const a = 1;\nconst b = a +;\nreturn b;"),
				program("an unclosed parameter list, line 4", "const a = 1;\n\n\nfunction f(a, {\n"),
				program("an unclosed block at the end", "async () => {\n  const x = 1;\n  return x;\n"),
				program("an unclosed call at the end", "await codemode.echo({ v: 1 }\n"),
				program("an unterminated string, line 2", "const a = 1;\nconst s = 'abc;\nreturn s;"),
				program("an unterminated template, line 3", "const a = 1;\nconst b = 2;\nconst s = `abc ${a};\n"),
				program("an unterminated regular expression", "const a = 1;\nconst r = /abc;\n"),
				program("a stray closing brace, line 3", "const a = 1;\nif (a) { a; }\n}\n"),
				program("two operators, line 1", "x = 1 +* 2"),
				program("a keyword as a name", "const a = 1;\nlet if = 2;"),
				program("a number followed by a name", "const a = 1;\nconst b = 3in[a];"),
				program("an invalid hex escape", "const a = 1;\nconst s = '\\x4';"),
				program("an invalid code point escape", "const a = 1;\nconst s = '\\u{zz}';"),
				program("an invalid escape in a template", "const a = 1;\nconst s = `${a}\\u{zz}`;"),
				program("an error after a TypeScript fence", "```ts\nconst a: number = 1;\nconst b = (;\n```"),
				program("an error on the first line of a fence", "```js\nconst = 1;\nreturn 2;\n```"),
				program("an error after a fence with CRLF", "```ts\r\nconst a: number = 1;\r\nconst b = ];\r\n```"),
				program("a type without a name", "const a = 1;\nconst x: = 1;"),
				program("an interface without a name", "const a = 1;\ninterface { a: number }"),
				program("a double comma in parameters", "function f(a: number,, b: string) {}"),
				program("a generic without a closing bracket", "const a = 1;\nfunction f<T(x: T) {}"),
				program("an enum member without a name", "enum E { , }"),
				program("an error after astral characters", "const s = '😀😀';\nconst t = s +;"),
				program("an error after astral characters on its line", "const s = '😀😀'; const t = s +;"),
				program("a program cut short in a function", """
						async () => {
						  const r = await codemode.echo({ v: 1 });
						  return r;
						"""), program("a program cut short in a call", "const r = await codemode.echo({\n  v: 1,\n  "),
				program("a program cut short in an array, then blank lines", "const a = [1,\n  2,\n\n\n"),
				program("a program cut short after a comment", "for (const x of xs) {\n  f(x); // each\n"),
				program("a program cut short after an operator", "const x = 1\nconst y = x +\n\n"),
				program("an enum cut short", "enum E {\n  A,\n"),
				program("a namespace cut short", "namespace N {\n  const a = 1;\n"),
				program("an import in a script", "import x from 'y';\nx"),
				program("a named export", "const a = 1;\nexport const b = 2;"),
				program("an export inside a fence", "```js\nconst a = 1;\nexport { a };\n```"));
	}

	static Stream<Named<IntFunction<String>>> nestings() {
		return Stream.of(nesting("arrays", (n) -> "x = " + "[".repeat(n) + "]".repeat(n)),
				nesting("spread arrays", (n) -> "x = " + "[...".repeat(n) + "a" + "]".repeat(n)),
				nesting("calls", (n) -> "x = " + "f(".repeat(n) + "1" + ")".repeat(n)),
				nesting("new", (n) -> "x = " + "new f(".repeat(n) + "1" + ")".repeat(n)),
				nesting("parentheses", (n) -> "x = " + "(".repeat(n) + "1" + ")".repeat(n)),
				nesting("objects", (n) -> "x = " + "{a:".repeat(n) + "1" + "}".repeat(n)),
				nesting("arrows", (n) -> "x = " + "(() => ".repeat(n) + "1" + ")".repeat(n)),
				nesting("arrows with a block", (n) -> "x = " + "() => {".repeat(n) + "}".repeat(n)),
				nesting("blocks", (n) -> "if (a) {".repeat(n) + "x" + "}".repeat(n)),
				nesting("function declarations", (n) -> "function f(a) {".repeat(n) + "}".repeat(n)),
				nesting("function expressions",
						(n) -> "x = " + "function (a) { return ".repeat(n) + "1" + "}".repeat(n)),
				nesting("default parameters", (n) -> "x = " + "function (a = ".repeat(n) + "1" + ") {}".repeat(n)),
				nesting("arrow default parameters", (n) -> "x = " + "(a = ".repeat(n) + "1" + ") => 1".repeat(n)),
				nesting("constructors",
						(n) -> "x = " + "class { constructor(a) { x = ".repeat(n) + "1" + "}}".repeat(n)),
				nesting("class methods", (n) -> "x = " + "class { m(v) { return ".repeat(n) + "1" + "}}".repeat(n)),
				nesting("object methods", (n) -> "x = " + "{ m(v) { return ".repeat(n) + "1" + "}}".repeat(n)),
				nesting("getters", (n) -> "x = " + "{ get a() { return ".repeat(n) + "1" + "}}".repeat(n)),
				nesting("setters", (n) -> "x = " + "{ set a(v) { x = ".repeat(n) + "1" + "}}".repeat(n)),
				nesting("templates", (n) -> "x = " + "`${".repeat(n) + "1" + "}`".repeat(n)),
				nesting("conditionals", (n) -> "x = " + "a ? (".repeat(n) + "b" + ") : c".repeat(n)),
				nesting("destructuring", (n) -> "const " + "{ a: ".repeat(n) + "b" + " }".repeat(n) + " = x;"),
				nesting("unary operators", (n) -> "x = " + "!".repeat(n) + "a"),
				nesting("member chains", (n) -> "x = a" + ".b".repeat(n)),
				nesting("type arguments", (n) -> "let x: " + "A<".repeat(n) + "B" + ">".repeat(n) + ";"),
				nesting("object types", (n) -> "let x: " + "{ a: ".repeat(n) + "B" + " }".repeat(n) + ";"));
	}

	// --- Differences that are the parsers' own: what still holds. ---

	/**
	 * Each parser finds the error at a token of its own, or places the end of the input
	 * where its grammar stands (SWC: at the end of a class, interface or type body cut
	 * short, the end of the input; elsewhere, as the JVM path always, the end of the last
	 * token).
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("errorsPlacedDifferently")
	void syntaxErrorThatTheParsersPlaceDifferentlyIsASyntaxErrorOnBothPaths(String name, String code, int swcLine,
			int jvmLine, int jvmColumn) {
		Outcome onSwc = swc.prepare(code);
		Outcome onJvm = jvm.prepare(code);
		assertThat(onSwc.error()).as("on SWC").isNotNull().extracting(ProgramException::kind).isEqualTo(Kind.SYNTAX);
		assertThat(onJvm.error()).as("on the JVM path")
			.isNotNull()
			.extracting(ProgramException::kind)
			.isEqualTo(Kind.SYNTAX);
		assertThat(onSwc.error().line()).as("SWC's line").isEqualTo(swcLine);
		assertThat(onJvm.error().line()).as("the JVM path's line").isEqualTo(jvmLine);
		assertThat(onJvm.error().column()).as("the JVM path's column").isEqualTo(jvmColumn);
	}

	static Stream<Arguments> errorsPlacedDifferently() {
		return Stream.of(
				// SWC reads `{ return` as a pattern with a property named return, and
				// fails at the 1; Babel at return.
				Arguments.of("an unclosed parameter list", "const a = 1;\n\n\nfunction f( {\n  return 1;\n}", 5, 5, 3),
				// Babel points at the try, SWC after its block, where it expected catch
				// or finally.
				Arguments.of("a try without catch or finally", "try {\n  f();\n}\n", 3, 1, 1),
				Arguments.of("an interface cut short", "interface A {\n  a: number;\n", 3, 2, 13),
				Arguments.of("a class cut short", "class A {\n  m() {}\n\n", 4, 2, 9));
	}

	/**
	 * SWC's parser recovers from some errors without reporting them, and keeps decorators
	 * that GraalJS cannot run: the program fails when GraalJS compiles it. The JVM path
	 * refuses it before, at the same line: the model gets a SyntaxError at that line on
	 * both paths.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedOnlyWhenRunOnSwc")
	void programThatSwcAcceptsButGraalJsRefusesIsASyntaxErrorAtTheSameLineOnBothPaths(String code) {
		assertThat(swc.prepare(code).error()).as("SWC accepts it").isNull();
		ProgramException onJvm = jvm.prepare(code).error();
		assertThat(onJvm).as("the JVM path refuses it").isNotNull();
		assertThat(onJvm.kind()).isEqualTo(Kind.SYNTAX);
		ExecutionError run = swcExecutor.execute(code, List.of()).error();
		assertThat(run).as("run on SWC").isNotNull();
		assertThat(run.kind()).isEqualTo("SyntaxError");
		assertThat(run.line()).isEqualTo(onJvm.line());
		ExecutionError runOnJvm = jvmExecutor.execute(code, List.of()).error();
		assertThat(runOnJvm).as("run on the JVM path").isNotNull();
		assertThat(runOnJvm.kind()).isEqualTo("SyntaxError");
		assertThat(runOnJvm.line()).isEqualTo(onJvm.line());
	}

	static Stream<Named<String>> refusedOnlyWhenRunOnSwc() {
		return Stream.of(program("a decorator on a method", """
				function log(target: any, key: string) {}
				class Service {
				  @log
				  run(): number { return 1; }
				}
				new Service().run()"""), program("a decorator on a class", """
				function sealed(constructor: Function) {}
				@sealed
				class Greeter { greeting = 'hi'; }
				new Greeter().greeting"""),
				program("an expression as an arrow's parameter", "const a = 1;\nconst f = (a + 1) => a;"),
				program("an unterminated comment", "const a = 1;\n/* unterminated\n"));
	}

	/**
	 * {@code f() = 1}: an early SyntaxError to SWC; Babel accepts it, as GraalJS does,
	 * which throws a ReferenceError when the assignment runs (as browsers do). An error
	 * at the same line on both paths, of another kind.
	 */
	@Test
	void assignmentToACallIsAnErrorAtItsLineOnBothPaths() {
		String code = "const f = () => 1;\nf() = 1;";
		assertThat(jvm.prepare(code).error()).as("the JVM path accepts it").isNull();
		ExecutionError onSwc = swcExecutor.execute(code, List.of()).error();
		ExecutionError onJvm = jvmExecutor.execute(code, List.of()).error();
		assertThat(onSwc.kind()).isEqualTo("SyntaxError");
		assertThat(onJvm.kind()).isEqualTo("ReferenceError");
		assertThat(onJvm.message()).contains("Invalid left-hand side in assignment");
		assertThat(onJvm.line()).isEqualTo(onSwc.line()).isEqualTo(2);
	}

	/**
	 * HTML-like comments ({@code <!--} to the end of the line, {@code -->} at the start
	 * of one): SWC's span of the statement after them starts at the comment, so on SWC
	 * {@code return (} goes there and a {@code throw} is placed at the comment's line.
	 * The JVM path places both at the statement itself.
	 */
	@Test
	void statementAfterAnHtmlCommentIsPlacedWhereItIsWritten() {
		String result = "const x = 1; <!-- html comment\n--> also a comment\nx";
		PreparedProgram onSwc = swc.prepare(result).program();
		PreparedProgram onJvm = jvm.prepare(result).program();
		assertThat(onJvm.script()).contains("\nreturn (x)");
		assertThat(onJvm.script().replace("return (", "")).isEqualTo(onSwc.script().replace("return (", ""));
		assertThat(jvmExecutor.execute(result, List.of()).resultJson()).isEqualTo("1");
		assertThat(swcExecutor.execute(result, List.of()).resultJson()).isEqualTo("1");
		String thrown = "const x = 1; <!-- html comment\n--> also a comment\nthrow x;";
		assertThat(jvm.prepare(thrown).program().throwSites()).containsExactly(new ThrowSite(3, 1, null));
		assertThat(swc.prepare(thrown).program().throwSites()).containsExactly(new ThrowSite(1, 14, null));
	}

	/**
	 * A lone carriage return ends a line for GraalJS, whose runtime errors name that
	 * line, and so for the JVM path; SWC counts only line feeds.
	 */
	@Test
	void loneCarriageReturnEndsALineAsGraalJsCountsLines() {
		assertThat(jvmExecutor.execute("const a = 1;\rnull.x", List.of()).error().line()).isEqualTo(2);
		assertThat(jvm.prepare("const a = 1;\rthrow 'x';").program().throwSites())
			.containsExactly(new ThrowSite(2, 1, "s:x"));
		assertThat(swc.prepare("const a = 1;\rthrow 'x';").program().throwSites())
			.containsExactly(new ThrowSite(1, 14, "s:x"));
	}

	// --- Helpers. ---

	private static Named<String> program(String name, String code) {
		return Named.of(name, code);
	}

	private static Named<IntFunction<String>> nesting(String name, IntFunction<String> nesting) {
		return Named.of(name, nesting);
	}

	/** The deepest nesting SWC accepts, found by bisection (SWC is fast). */
	private static int deepestAcceptedBySwc(IntFunction<String> nesting) {
		int low = 1;
		int high = 1000;
		while (low < high) {
			int middle = (low + high + 1) >>> 1;
			if (swc.prepare(nesting.apply(middle)).error() == null) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return low;
	}

	private static GraalJsCodeExecutor executor(Transpiler transpiler) {
		return new GraalJsCodeExecutor(
				GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(30)).transpiler(transpiler).build());
	}

	/**
	 * SWC's column, which counts code points, in UTF-16 units: where it is on the same
	 * line of the code.
	 */
	private static int utf16Column(String code, int line, int column) {
		String[] lines = code.split("\n", -1);
		if (line < 1 || line > lines.length) {
			return column;
		}
		String text = lines[line - 1];
		return (column - 1 <= text.codePointCount(0, text.length())) ? text.offsetByCodePoints(0, column - 1) + 1
				: column;
	}

	private static ThrowSite inUtf16(String code, ThrowSite site) {
		return new ThrowSite(site.line(), utf16Column(code, site.line(), site.column()), site.literal());
	}

	private static String firstLine(String code) {
		return code.lines().filter((line) -> !line.isBlank()).findFirst().orElse("").strip();
	}

	private static String quoted(String text) {
		String escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
		return '"' + ((escaped.length() > 60) ? escaped.substring(0, 60) + "…" : escaped) + '"';
	}

	/**
	 * A path: a normalizer on one parser, noting the script that it hands to the parser
	 * to strip types.
	 */
	private static final class Path {

		private final Recording parser;

		private final ProgramNormalizer normalizer;

		Path(ProgramParser parser) {
			this.parser = new Recording(parser);
			this.normalizer = new ProgramNormalizer(ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH,
					ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH, this.parser);
		}

		ProgramNormalizer normalizer() {
			return this.normalizer;
		}

		Outcome prepare(String code) {
			this.parser.stripped = null;
			PreparedProgram[] program = new PreparedProgram[1];
			ProgramException failure = catchThrowableOfType(ProgramException.class,
					() -> program[0] = this.normalizer.prepare(code, ALIASES, TIMEOUT));
			return new Outcome(program[0], failure, this.parser.stripped);
		}

	}

	/**
	 * Delegates to a parser and notes the last script whose types it was asked to strip.
	 */
	private static final class Recording extends ForwardingParser {

		private String stripped;

		Recording(ProgramParser parser) {
			super(parser);
		}

		@Override
		public Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
			this.stripped = script;
			return super.transpile(script, lineShift, timeoutNanos);
		}

	}

	/**
	 * @param program the prepared program, or {@code null} when it failed
	 * @param error why it failed, or {@code null}
	 * @param stripped the script handed over to have its types stripped, or {@code null}
	 * when none was
	 */
	private record Outcome(PreparedProgram program, ProgramException error, String stripped) {

		@Override
		public String toString() {
			if (this.error != null) {
				return this.error.describe();
			}
			return "typeScript=" + this.program.typeScript() + ", throwSites=" + this.program.throwSites()
					+ ", rejects=" + this.program.rejects() + ", script:\n"
					+ ((this.stripped != null) ? this.stripped : this.program.script());
		}

	}

}
