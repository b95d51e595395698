package dev.codemode.executor.graaljs;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The shapes that models give their programs (issue 11 §1), each with the value it must
 * return. No shape yields a silent {@code null}: a function after other statements is
 * called with them in scope, helpers declared after the main function stay helpers, and a
 * value that is a function never called is an error that says so.
 */
@BothIsolations
class ProgramShapesTests extends SandboxTestSupport {

	private static final String UNCALLED = "the program's value is a function; write it as `async () => { ... }` or call it";

	static Stream<Arguments> shapes() {
		return Stream.of(
				// A function after other statements is called with them in scope.
				returns("a constant, then an async arrow with a block", """
						const k = 3;
						async () => { return { a: k }; }""", "{\"a\":3}"),
				returns("a helper function, then an async arrow with an expression body", """
						function helper() { return 4 }
						async () => ({ a: helper() })""", "{\"a\":4}"), returns("an interface, then an async arrow", """
						interface R { a: number }
						async () => { const x: R = { a: 1 }; return x; }""", "{\"a\":1}"),
				returns("a type alias, then an async arrow", """
						type R = { a: number };
						async () => { const x: R = { a: 2 }; return x; }""", "{\"a\":2}"),
				returns("a constant, then a plain arrow", "const k = 2;\n() => k * 4", "8"),
				returns("a constant, then an async function expression", """
						const k = 1;
						(async function () { return k + 8; })""", "9"),
				returns("a constant, then a named function expression", """
						const k = 10;
						(function main() { return k; })""", "10"), returns("an enum, then an async arrow", """
						enum Color { Red, Green }
						async () => Color.Green + 32""", "33"),
				returns("an ambient declaration, then an async arrow", """
						declare const injected: number;
						async () => 45""", "45"),
				returns("a constant, then an arrow that awaits a tool", """
						const city = "Oslo";
						async () => await codemode.getWeather({ location: city })""",
						"\"Weather in Oslo: 15C, cloudy\""),
				// Helpers declared after the main function stay helpers.
				returns("an async arrow, then a helper function", """
						async () => ({ a: helper() })
						function helper() { return 5 }""", "{\"a\":5}"),
				returns("an async arrow, then an interface", """
						async () => { const x: R = { a: 6 }; return x; }
						interface R { a: number }""", "{\"a\":6}"),
				returns("helpers before and after an async arrow", """
						const base = 3;
						function twice(x: number) { return 2 * x }
						async () => ({ total: twice(base) + thrice(base) })
						function thrice(x: number) { return 3 * x }
						type Unused = string;""", "{\"total\":15}"),
				returns("export default after a constant", "const k = 34;\nexport default async () => k", "34"),
				returns("export default function after a constant", """
						const k = 35;
						export default async function main() { return k }""", "35"),
				returns("export default, then a helper", """
						export default async () => helper()
						function helper() { return 36 }""", "36"),
				// Named main functions.
				returns("const main and its call", "const main = async () => { return 11 };\nmain()", "11"),
				returns("const main and an awaited call", "const main = async () => { return 12 };\nawait main();",
						"12"),
				returns("const main without the call", "const main = async () => { return 13 }", "13"),
				returns("let main without the call", "let main = async () => 47;", "47"),
				returns("const main as a function expression", "const main = async function () { return 46 }", "46"),
				returns("const main with a return type", "const main = async (): Promise<number> => 48;", "48"),
				returns("a function declaration and its call", "async function main() { return 15 }\nmain()", "15"),
				returns("a function declaration and an awaited call",
						"async function main() { return 58 }\nawait main()", "58"),
				returns("a function declaration alone", "async function main() { return 16 }", "16"),
				returns("a generic function declaration alone",
						"async function main<T>(): Promise<number> { return 60 }", "60"),
				returns("main, then the helper it calls", """
						async function main() { return helper() }
						function helper() { return 17 }""", "17"), returns("a helper, then main", """
						function helper() { return 1 }
						async function main() { return helper() + 17 }""", "18"),
				returns("main, then a recursive helper", """
						async function main() { return fact(5) - 71 }
						function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1) }""", "49"),
				returns("data, then a function that uses it",
						"const items = [50];\nfunction main() { return items[0] }", "50"),
				returns("two functions that nothing calls: the last",
						"function a() { return 1 }\nfunction b() { return 56 }", "56"),
				returns("a call before the declaration it calls", """
						main();
						async function main() { return 19 }""", "19"),
				// Punctuation, comments, directives and fences around the function.
				returns("a comment after the function", "async () => { return 20 }; // done", "20"),
				returns("semicolons after the function", "async () => { return 21 };;", "21"),
				returns("a block comment and a semicolon after the function", "async () => { return 22 }\n/* end */\n;",
						"22"),
				returns("comments before the function", "// fetch it\n/** the program */\nasync () => 55", "55"),
				returns("\"use strict\" first", "\"use strict\";\nasync () => 23", "23"),
				returns("'use strict' first, then a constant", "'use strict'\nconst k = 24\nasync () => k", "24"),
				returns("a fence with a language tag", "```js\nconst k = 25;\nasync () => k\n```", "25"),
				returns("a TypeScript fence", """
						```typescript
						interface R { a: number }
						async (): Promise<R> => ({ a: 26 })
						```""", "{\"a\":26}"),
				returns("a fence with semicolons after the function", "```ts\nasync () => 57;;\n```", "57"),
				// TypeScript syntax.
				returns("a generic function, then an arrow", """
						function id<T>(x: T): T { return x }
						async () => id<number>(27)""", "27"), returns("a generic arrow, then an arrow", """
						const pick = <T,>(xs: T[]): T => xs[0];
						async () => pick([28])""", "28"), returns("satisfies on a constant", """
						type R = { a: number };
						const r = { a: 29 } satisfies R;
						r""", "{\"a\":29}"), returns("satisfies in the result", """
						type R = { a: number };
						async () => ({ a: 30 } satisfies R)""", "{\"a\":30}"),
				returns("as const", "const xs = [31] as const;\nxs[0]", "31"),
				returns("a function under a type assertion", """
						type F = () => Promise<number>;
						(async () => 32) as F""", "32"),
				returns("typed parameters with a default", "async (x: number = 59) => x", "59"),
				// Statements.
				returns("an immediately invoked arrow", "(async () => { return 37 })()", "37"),
				returns("a constant, then an immediately invoked arrow", "const k = 38;\n(async () => k)()", "38"),
				returns("statements whose last expression is the result", """
						const r = await codemode.echo({ v: 39 });
						r.v""", "39"), returns("a top-level return", "const k = 40;\nreturn k;", "40"),
				returns("an arrow statement, then a value", "async () => 1; 2", "2"),
				// A function that was never called is an error, not nothing.
				fails("a function declaration named as the value", "function main() { return 44 }\nmain"),
				fails("const main named as the value", "const main = async () => { return 14 };\nmain"),
				fails("an arrow that returns an arrow", "async () => () => 41"),
				fails("an arrow that returns an async arrow", "async () => { return async () => 1 }"),
				fails("a class as the value", "export default class { constructor() {} }"));
	}

	private static Arguments returns(String shape, String code, String expectedJson) {
		return arguments(shape, code, expectedJson);
	}

	private static Arguments fails(String shape, String code) {
		return arguments(shape, code, null);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void programReturnsItsValue(String shape, String code, String expectedJson) {
		ExecutionResult result = run(code);
		if (expectedJson != null) {
			assertResult(result, expectedJson);
		}
		else {
			assertError(result, ExecutionError.RESULT, UNCALLED);
			assertThat(result.resultJson()).isNull();
		}
	}

	@Test
	void thereAreAtLeastFortyShapes() {
		assertThat(shapes().count()).isGreaterThanOrEqualTo(40);
	}

	@Test
	void aFunctionCalledBeforeItsDeclarationRunsOnce() {
		ExecutionResult result = run("""
				main();
				async function main() { await codemode.echo({ v: 1 }); return 19 }""");
		assertResult(result, "19");
		assertThat(this.fixtures.echoCalls).hasValue(1);
	}

	@Test
	void aHelperAfterTheStatementsIsNotCalled() {
		// The last statement that does something gives the result (nothing here), not the
		// helper declared after it.
		ExecutionResult result = run("""
				const r = await codemode.echo({ v: 51 });
				console.log(format(r));
				function format(x) { return "v=" + x.v }""");
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isNull();
		assertThat(result.logs()).isEqualTo(List.of("v=51"));
		assertThat(this.fixtures.echoCalls).hasValue(1);
	}

	@Test
	void errorsPointAtTheModelsLinesInACalledFunction() {
		ExecutionResult result = run("const k = 1;\nasync () => {\n  return k + missing;\n}");
		assertError(result, "ReferenceError", "missing is not defined");
		assertThat(result.error().line()).isEqualTo(3);
	}

}
