package dev.codemode.executor.graaljs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 section 2: a call to a tool that does not exist is an {@code UnknownToolError}
 * naming the tool and the namespace's tools, whether the program catches it or not, while
 * the namespace stays truthful and read-only.
 */
@BothIsolations
class UnknownToolCallTests extends SandboxTestSupport {

	private static final String MESSAGE = "Tool \"nonexistent\" not found in codemode. Available: echo, fail, "
			+ "slowTool, getWeather, sendEmail";

	private static final String CAUGHT = "[\"UnknownToolError\", \"" + MESSAGE.replace("\"", "\\\"") + "\", true]";

	/**
	 * Programs that catch the failed call and return
	 * {@code [e.name, e.message, e instanceof Error]}.
	 */
	static Stream<Arguments> caughtCalls() {
		String report = "[e.name, e.message, e instanceof Error]";
		return Stream.of(
				Arguments.of("awaited, no arguments",
						"async () => { try { await codemode.nonexistent() } catch (e) { return " + report + " } }"),
				Arguments.of("awaited, with an argument",
						"async () => { try { await codemode.nonexistent({ a: 1 }) } catch (e) { return " + report
								+ " } }"),
				Arguments.of("awaited, with two arguments",
						"async () => { try { await codemode.nonexistent('a', 2) } catch (e) { return " + report
								+ " } }"),
				Arguments.of("bracket with a string",
						"async () => { try { await codemode[\"nonexistent\"]({}) } catch (e) { return " + report
								+ " } }"),
				Arguments.of("bracket with a variable",
						"async () => { const n = 'nonexistent'; try { await codemode[n]() } catch (e) { return "
								+ report + " } }"),
				Arguments.of("parenthesized callee",
						"async () => { try { await (codemode.nonexistent)() } catch (e) { return " + report + " } }"),
				Arguments.of("not awaited, .catch",
						"async () => codemode.nonexistent({}).catch((e) => " + report + ")"),
				Arguments.of("not awaited, then awaited later",
						"async () => { const p = codemode.nonexistent(); try { await p } catch (e) { return " + report
								+ " } }"),
				Arguments.of("inside Promise.all",
						"async () => { try { await Promise.all([codemode.echo({}), codemode.nonexistent()]) } "
								+ "catch (e) { return " + report + " } }"),
				Arguments.of("in a helper",
						"async () => { const get = (x) => codemode.nonexistent(x); try { await get(1) } "
								+ "catch (e) { return " + report + " } }"),
				Arguments.of("bare statements",
						"let r;\ntry { await codemode.nonexistent() } catch (e) { r = " + report + " }\nr"),
				Arguments.of("after an emoji on the same line",
						"async () => { const s = '🙂'; try { await codemode.nonexistent() } catch (e) { return "
								+ report + " } }"),
				Arguments.of("TypeScript as any",
						"async () => { try { await (codemode as any).nonexistent({}) } catch (e: any) { return "
								+ report + " } }"),
				Arguments.of("TypeScript that copied the description's declaration",
						"declare const codemode: { echo(input: unknown): Promise<unknown> };\n"
								+ "let r: unknown;\ntry { await (codemode as any).nonexistent() } catch (e: any) { r = "
								+ report + " }\nr"),
				Arguments.of("TypeScript non-null and a typed catch",
						"const f = async (): Promise<unknown> => { try { return await codemode!.nonexistent() } "
								+ "catch (e: any) { return " + report + " } };\nawait f()"),
				Arguments.of("function declaration",
						"async function main() {\n  try {\n    await codemode.nonexistent()\n  }\n  catch (e) {\n"
								+ "    return " + report + "\n  }\n}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("caughtCalls")
	void caughtUnknownToolIsTheUnknownToolError(String shape, String code) {
		assertResult(run(code), CAUGHT);
	}

	@Test
	void uncaughtAwaitedCallReportsTheLineAndColumnOfTheCall() {
		ExecutionResult result = run("async () => {\n  const a = 1;\n  return await codemode.nonexistent({ a });\n}");
		assertError(result, ExecutionError.UNKNOWN_TOOL, MESSAGE);
		assertThat(result.error().message()).isEqualTo(MESSAGE);
		assertThat(result.error().line()).isEqualTo(3);
		assertThat(result.error().column()).isEqualTo(16);
	}

	@Test
	void uncaughtCallThatWasNotAwaitedIsStillTheUnknownToolError() {
		ExecutionResult result = run("async () => {\n  codemode.nonexistent();\n  return 1;\n}");
		assertError(result, ExecutionError.UNKNOWN_TOOL, MESSAGE);
		assertThat(result.error().line()).isEqualTo(2);
		assertThat(result.error().column()).isEqualTo(3);
	}

	@Test
	void uncaughtBracketCallInTypeScriptReportsItsLine() {
		ExecutionResult result = run(
				"const x: number = 1;\nconst y: string = 'a';\nawait (codemode as any)[\"addTodos\"]({});");
		assertError(result, ExecutionError.UNKNOWN_TOOL, "Tool \"addTodos\" not found in codemode. Available: echo");
		assertThat(result.error().line()).isEqualTo(3);
	}

	@Test
	void aSecondNamespaceNamesItsOwnTools() {
		ToolNamespace github = new ToolNamespace("github", Map.of("listIssues", (input) -> "[]"));
		ExecutionResult result = executor().execute(
				"async () => { try { await github.closeIssue({ id: 1 }) } "
						+ "catch (e) { return [e.name, e.message, await github.listIssues({})] } }",
				List.of(this.fixtures.namespace(), github));
		assertResult(result, "[\"UnknownToolError\", \"Tool \\\"closeIssue\\\" not found in github. Available: "
				+ "listIssues\", []]");
	}

	@Test
	void theNamespaceStillTellsTheTruth() {
		assertResult(run("async () => [typeof codemode.nonexistent, typeof codemode['nonexistent'], "
				+ "'nonexistent' in codemode, Object.keys(codemode), typeof codemode.echo, Object.isFrozen(codemode), "
				+ "codemode.nonexistent?.() === undefined, await codemode.echo({ a: 1 })]"),
				"[\"undefined\", \"undefined\", false, [\"echo\", \"fail\", \"slowTool\", \"getWeather\", \"sendEmail\"], "
						+ "\"function\", true, true, {\"a\": 1}]");
	}

	@Test
	void aLocalBindingOfTheNamespacesNameIsLeftAlone() {
		assertResult(run("async () => { const codemode = { nonexistent: () => 42 }; return codemode.nonexistent() }"),
				"42");
		assertResult(run("async () => { const call = (codemode) => codemode.nonexistent(); "
				+ "return call({ nonexistent: () => 7 }) }"), "7");
		assertResult(run("function codemode() {}\ncodemode.nonexistent = () => 5;\ncodemode.nonexistent()"), "5");
		// A local object without the member fails as JavaScript says, not as an unknown
		// tool.
		ExecutionResult local = run(
				"async () => { const codemode = {}; try { codemode.nonexistent() } " + "catch (e) { return e.name } }");
		assertResult(local, "\"TypeError\"");
	}

	@Test
	void theCallSitesViewIsReadOnlyToo() {
		// The alias is not hidden from a program that goes looking for it; it refuses
		// writes like the namespace.
		assertResult(run("async () => { 'use strict'; const v = globalThis['$' + 'odemode']; const seen = []; "
				+ "for (const f of [() => { v.echo = 1 }, () => { v.newtool = 1 }, () => { delete v.fail }, "
				+ "() => { Object.defineProperty(v, 'x', { value: 1 }) }]) "
				+ "{ try { f(); seen.push('allowed') } catch (e) { seen.push(e instanceof TypeError) } } "
				+ "return [typeof v, seen, typeof codemode.newtool, typeof codemode.x, await codemode.echo({ a: 1 })] }"),
				"[\"object\", [true, true, true, true], \"undefined\", \"undefined\", {\"a\": 1}]");
		assertThat(this.fixtures.namespace().functions().keySet()).containsExactlyElementsOf(this.fixtures.toolNames());
	}

	@Test
	void beyondFiftyToolsTheClosestTenAreListed() {
		Map<String, ToolFunction> many = new LinkedHashMap<>();
		for (int i = 0; i < 60; i++) {
			many.put(String.format("tool%02d", i), (input) -> input);
		}
		many.put("searchWeb", (input) -> input);
		ExecutionResult result = executor().execute(
				"async () => { try { await codemode.serchWeb({}) } " + "catch (e) { return e.message } }",
				List.of(ToolNamespace.of(many)));
		assertThat(result.error()).isNull();
		String message = Fixtures.JSON.readTree(result.resultJson()).asString();
		assertThat(message).startsWith("Tool \"serchWeb\" not found in codemode. Closest of 61: searchWeb, ");
		assertThat(message.substring(message.indexOf(": ") + 2).split(", ")).hasSize(10);
	}

	@Test
	void anEnormousNameIsCutInTheMessage() {
		ExecutionResult result = run("async () => { try { await codemode['x'.repeat(1000000)]() } "
				+ "catch (e) { return [e.name, e.message.length < 400] } }");
		assertResult(result, "[\"UnknownToolError\", true]");
	}

	@Test
	void unknownToolCallsDoNotCountAsToolCalls() {
		ExecutionResult result = run("async () => { for (let i = 0; i < 3; i++) { try { await codemode.nope() } "
				+ "catch (e) {} } return codemode.echo(1) }");
		assertResult(result, "1");
		assertThat(result.toolCalls()).isEqualTo(1);
	}

}
