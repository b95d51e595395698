package dev.codemode.executor.graaljs;

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
 * Part 2 of {@code llm-code-samples.md}: the common mistakes (M-items) with their
 * fixtures. M13 and M14 are covered by S4 and S5 in {@link LlmCodeSamplesTests}; M18
 * (side effects while exploring) is not a sandbox matter.
 */
@BothIsolations
class CommonMistakesTests extends SandboxTestSupport {

	static Stream<Arguments> programsThatRun() {
		return Stream.of(
				// M1: one complete outer fence is stripped, whatever its language tag.
				arguments("M1", "```js\nconst a = 1;\na + 1\n```", "2"),
				arguments("M1", "```ts\nconst a: number = 1;\na + 1\n```", "2"),
				arguments("M1", "```typescript\nasync () => 2\n```", "2"), arguments("M1", "```tsx\n() => 2\n```", "2"),
				arguments("M1", "```\nreturn 2\n```\n\n", "2"),
				// M2: export default is unwrapped; a function is called, a value is the
				// result.
				arguments("M2", "export default async () => { return 1; }", "1"),
				arguments("M2", "export default () => { return 1; }", "1"),
				arguments("M2", "export default function main() { return 1 }", "1"),
				arguments("M2", "export default 42", "42"),
				// M4: the last expression statement is the result.
				arguments("M4", "const x = 1;\nx + 2", "3"),
				// M5: top-level return and await work inside the wrapper.
				arguments("M5", "const r = await codemode.getWeather({ location: \"NYC\" });\nreturn r;",
						"\"Weather in NYC: 15C, cloudy\""),
				arguments("M5", "const items = [];\nif (items.length === 0) { return null; }", "null"),
				// M7: TypeScript is stripped by a transpiler, not by patterns.
				arguments("M7", "function foo(x: (string | number)) { return typeof x } foo(1)", "\"number\""),
				arguments("M7", "const x: number = 1; x", "1"),
				arguments("M7", "const o = { a: 1 };\nreturn (o as any).a", "1"),
				arguments("M7",
						"interface P { id: number }\ntype Q = P & { name: string };\n"
								+ "const q: Q = { id: 1, name: 'a' };\nreturn q.name",
						"\"a\""),
				arguments("M7", "enum Color { Red, Green }\nreturn Color.Green", "1"),
				arguments("M7",
						"function first<T>(xs: T[]): T { return xs[0]! }\nreturn first<number>([7]) satisfies number",
						"7"),
				// M9: process.env holds only the configured values (none here).
				arguments("M9", "process.env", "{}"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("programsThatRun")
	void programRunsAndReturnsItsValue(String item, String code, String expected) {
		assertResult(run(code), expected);
	}

	@Test
	void unterminatedFenceIsASyntaxError() {
		// M1: only a complete pair is stripped.
		ExecutionResult result = run("```js\nconst a = 1;\na + 1");
		assertError(result, "SyntaxError");
		assertThat(result.error().line()).isEqualTo(1);
	}

	static Stream<Arguments> missingGlobals() {
		return Stream.of(arguments("M4", "await fetch('http://example.com')", "fetch"),
				arguments("M9", "require('fs')", "require"),
				arguments("M9", "const t = setTimeout(() => {}, 10)", "setTimeout"),
				arguments("M9", "Buffer.from('x')", "Buffer"),
				arguments("M17", "ALL_TOOLS.map((t) => t.name)", "ALL_TOOLS"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("missingGlobals")
	void nodeAndBrowserGlobalsAreReferenceErrors(String item, String code, String global) {
		ExecutionResult result = run(code);
		assertError(result, "ReferenceError", global + " is not defined");
		assertThat(result.error().line()).isEqualTo(1);
	}

	@Test
	void nodeGlobalsComeWithAHintAboutTheSandbox() {
		assertError(run("require('fs')"), "ReferenceError", "no Node.js", "codemode.<tool>(input)");
	}

	@Test
	void staticImportIsASyntaxErrorThatSaysProgramsAreScripts() {
		ExecutionResult result = run("import fs from 'fs';\nfs.readFileSync('/etc/passwd')");
		assertError(result, "SyntaxError", "script, not a module");
		assertThat(result.error().line()).isEqualTo(1);
		assertThat(result.error().column()).isEqualTo(1);
	}

	@Test
	void typeScriptThatDoesNotParseIsASyntaxErrorAtTheModelsLine() {
		// M7: the transpiler rejects it; the line and column are those of the code as
		// submitted.
		ExecutionResult result = run("```ts\nconst a: number = 1;\nconst b: = 2;\n```");
		assertError(result, "SyntaxError");
		assertThat(result.error().line()).isEqualTo(3);
		assertThat(result.error().column()).isEqualTo(10);
	}

	@Test
	void typeScriptRuntimeErrorPointsAtTheModelsLine() {
		ExecutionResult result = run("interface A { a: number }\nconst a: A = { a: 1 };\n"
				+ "const b = (a as any).whatever.deep;\nreturn b");
		assertError(result, "TypeError", "deep");
		assertThat(result.error().line()).isEqualTo(3);
	}

	@Test
	void diggingIntoAShapeThatIsNotThereNamesThePropertyAndLine() {
		// M12: an MCP-style result.content[0].text on a tool result that was already
		// unwrapped.
		ExecutionResult result = run("const r = await codemode.echo({ rows: [1, 2] });\n"
				+ "const text = r.content[0].text;\nreturn JSON.parse(text)");
		assertError(result, "TypeError", "0");
		assertThat(result.error().message()).contains("undefined");
		assertThat(result.error().line()).isEqualTo(2);
	}

	@Test
	void stringToolResultStaysAString() {
		// M12, the reverse: a result that is not JSON reaches the program as a string.
		assertResult(run("const w = await codemode.getWeather({ location: 'Oslo' });\nreturn [typeof w, w.length > 0]"),
				"[\"string\", true]");
	}

	@Test
	void consoleOutputWithoutReturnIsKeptAndTheResultIsEmpty() {
		// M16: logs are returned beside the (empty) result.
		ExecutionResult result = run("console.log('x')");
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isNull();
		assertThat(result.logs()).containsExactly("x");
	}

	@Test
	void hallucinatedDiscoveryToolNamesTheAvailableTools() {
		// M17: search and describe exist in other ecosystems.
		ExecutionResult result = run("const m = await codemode.search('weather');\nreturn m");
		assertError(result, ExecutionError.UNKNOWN_TOOL, "\"search\"", "echo, fail, slowTool, getWeather, sendEmail");
		assertThat(result.error().line()).isEqualTo(1);
	}

	@Test
	void consoleLevelsAreMarkedAndObjectsAreJson() {
		ExecutionResult result = run("console.log('a', { b: 1 }); console.info([1]); console.warn('w'); "
				+ "console.error(new Error('e')); console.debug(null)");
		assertThat(result.logs()).containsExactly("a {\"b\":1}", "[info] [1]", "[warn] w", "[error] Error: e",
				"[debug] null");
	}

}
