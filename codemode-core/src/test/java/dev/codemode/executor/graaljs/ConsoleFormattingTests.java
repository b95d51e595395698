package dev.codemode.executor.graaljs;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Console output never turns a value into another, and a forgotten await is an error, not
 * {@code {}}.
 */
@BothIsolations
class ConsoleFormattingTests extends SandboxTestSupport {

	static Stream<Arguments> values() {
		return Stream.of(arguments("NaN", "NaN"), arguments("Infinity, -Infinity", "Infinity -Infinity"),
				arguments("undefined", "undefined"), arguments("10n", "10n"), arguments("null", "null"),
				arguments("'text'", "text"), arguments("42, true", "42 true"),
				arguments("{ ratio: NaN, n: undefined, big: 2n ** 64n }",
						"{\"ratio\":NaN,\"n\":undefined,\"big\":18446744073709551616n}"),
				arguments("[1, 'two', { three: 3 }]", "[1,\"two\",{\"three\":3}]"),
				arguments("(() => { const o = { a: 1 }; o.self = o; return o })()", "{\"a\":1,\"self\":[Circular]}"),
				arguments("new Map([['a', 1]])", "Map(1) {\"a\" => 1}"), arguments("new Set([1, 2])", "Set(2) {1, 2}"),
				arguments("new Date(0)", "1970-01-01T00:00:00.000Z"),
				arguments("{ at: new Date(0) }", "{\"at\":1970-01-01T00:00:00.000Z}"),
				arguments("new TypeError('bad')", "TypeError: bad"),
				arguments("function named() {}", "[Function: named]"), arguments("Symbol('s')", "Symbol(s)"));
	}

	@ParameterizedTest(name = "console.log({0})")
	@MethodSource("values")
	void consolePrintsValuesAsThemselves(String argument, String line) {
		ExecutionResult result = run("console.log(" + argument + ")");
		assertThat(result.error()).isNull();
		assertThat(result.logs()).containsExactly(line);
	}

	@Test
	void valueLongerThanTheConsoleKeepsIsCutWithAMarker() {
		int cap = executorOptions().maxConsoleChars();
		ExecutionResult result = run("console.log(Array.from({ length: 100000 }, (_, i) => i))");
		assertThat(result.error()).isNull();
		assertThat(result.logs().get(0)).startsWith("[0,1,2,3");
		assertThat(String.join("", result.logs()).length()).isLessThan(cap + 300);
		assertThat(result.logs().get(result.logs().size() - 1)).contains("console output truncated");
	}

	@Test
	void forgottenAwaitInTheResultIsAnErrorNamingItsPath() {
		ExecutionResult result = run("async () => ({ sum: codemode.echo({ a: 1 }), items: [1, codemode.echo({})] })");
		assertError(result, "ResultError", "result.sum is a Promise: add await");
		ExecutionResult nested = run("async () => { const r = await codemode.echo({ a: 1 }); "
				+ "return { rows: [{ id: 1, detail: codemode.echo(r) }] } }");
		assertError(nested, "ResultError", "result.rows[0].detail is a Promise");
	}

	@Test
	void emptyObjectsInAResultAreNoPromise() {
		assertResult(run("async () => ({ a: {}, b: [{}] })"), "{\"a\":{},\"b\":[{}]}");
	}

}
