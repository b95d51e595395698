package dev.codemode.executor.graaljs;

import org.junit.jupiter.api.Test;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a model reads when its program fails or returns something odd (DESIGN.md,
 * execution semantics): the kind, the message without repetition, the line and column in
 * its own code, and every cut announced.
 */
@BothIsolations
class ErrorReportingTests extends SandboxTestSupport {

	@Test
	void errorKindIsNotRepeatedInTheMessage() {
		ExecutionResult result = run("async () => {\n  throw new Error('boom')\n}");
		assertError(result, "Error");
		assertThat(result.error().message()).isEqualTo("boom");
		assertThat(result.error().line()).isEqualTo(2);
		assertThat(result.error().column()).isEqualTo(9);
	}

	@Test
	void thrownStringPointsAtItsThrowStatement() {
		ExecutionResult result = run("const rows = [];\nif (rows.length === 0) {\n  throw 'no rows'\n}");
		assertError(result, "Error", "\"no rows\"", "not an Error");
		assertThat(result.error().line()).isEqualTo(3);
		assertThat(result.error().column()).isEqualTo(3);
	}

	@Test
	void thrownLiteralIsMatchedAmongSeveralThrows() {
		ExecutionResult result = run("const n = 2;\nif (n === 1) throw 1;\nif (n === 2) throw 2;\nthrow 3");
		assertError(result, "Error", "threw 2");
		assertThat(result.error().line()).isEqualTo(3);
		assertThat(result.error().column()).isEqualTo(14);
	}

	@Test
	void thrownValueInTypeScriptPointsAtTheModelsLine() {
		ExecutionResult result = run(
				"```ts\nconst limit: number = 1;\nif (limit < 2) throw `too small: ${limit}`;\n```");
		assertError(result, "Error", "\"too small: 1\"");
		assertThat(result.error().line()).isEqualTo(3);
	}

	@Test
	void toolFailureCarriesTheLineAndColumnOfItsCall() {
		// Issue 11 section 6: a ToolError points at the program's own call, awaited
		// directly or in a helper.
		ExecutionResult result = run("async () => {\n  const a = 1;\n  return await codemode.fail({});\n}");
		assertError(result, ExecutionError.TOOL, "tool failed: quota exceeded");
		assertThat(result.error().line()).isEqualTo(3);
		assertThat(result.error().column()).isEqualTo(16);
		ExecutionResult helper = run("async () => {\n  const get = (x) =>\n    codemode.fail(x);\n  await get({});\n}");
		assertError(helper, ExecutionError.TOOL);
		assertThat(helper.error().line()).isEqualTo(3);
	}

	@Test
	@InProcessOnly("builds an executor with max-tool-calls 1")
	void toolCallOverTheCallLimitCarriesTheLineOfTheCall() {
		GraalJsCodeExecutor executor = started(options().maxToolCalls(1).build());
		try {
			ExecutionResult result = executor.execute(
					"await codemode.echo({});\ntry { await codemode.echo({}) } catch (e) { throw e }",
					this.fixtures.tools());
			assertError(result, ExecutionError.LIMIT, "(max-tool-calls)");
		}
		finally {
			executor.close();
		}
	}

	@Test
	void ambiguousThrowHasNoLine() {
		// Two non-literal throws: the program does not tell which one it was, and a wrong
		// line is worse than none.
		ExecutionResult result = run("const e = 'a';\nif (e.length > 5) throw e + '!';\nthrow e");
		assertError(result, "Error", "\"a\"");
		assertThat(result.error().line()).isNull();
	}

	@Test
	void handMadeErrorObjectIsReportedByItsNameAndMessage() {
		ExecutionResult result = run(
				"async () => {\n  await codemode.echo({});\n  throw { name: 'ValidationError', message: 'bad input' }\n}");
		assertError(result, "ValidationError");
		assertThat(result.error().message()).isEqualTo("bad input");
		assertThat(result.error().line()).isEqualTo(3);
	}

	@Test
	void rejectionNothingHandledIsReportedBesideTheResult() {
		ExecutionResult result = run("async () => {\n  Promise.reject(new Error('nobody'));\n  return 1\n}");
		assertError(result, ExecutionError.UNHANDLED_REJECTION, "Error: nobody");
		assertThat(result.error().line()).isEqualTo(2);
		assertThat(result.resultJson()).isEqualTo("1");
	}

	@Test
	void rejectionWithAStringIsReportedWithoutTheEnginesPrefix() {
		ExecutionResult result = run("async () => { Promise.reject('plain'); return 1 }");
		assertError(result, ExecutionError.UNHANDLED_REJECTION, "plain");
		assertThat(result.error().message()).doesNotContain("Unhandled promise rejection");
	}

	@Test
	void toolFailureNobodyAwaitedIsReported() {
		ExecutionResult result = run("async () => { codemode.fail({ message: 'lost' }); return 1 }");
		assertError(result, ExecutionError.UNHANDLED_REJECTION, "tool failed: lost");
		assertThat(result.logs()).singleElement().asString().contains("had not finished", "Await every tool call");
		assertThat(this.fixtures.failCalls).hasValue(1);
	}

	@Test
	void pendingToolCallsAreAwaitedWhenTheProgramReturns() {
		ExecutionResult result = run("async () => { codemode.slowTool({}); return 'early' }");
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isEqualTo("\"early\"");
		assertThat(result.logs()).singleElement().asString().contains("1 running call(s) were awaited");
		assertThat(this.fixtures.slowCalls).hasValue(1);
		assertThat(this.fixtures.slowRunning).hasValue(0);
	}

	@Test
	void promiseThatNothingCanSettleEndsAtOnce() {
		long start = System.nanoTime();
		ExecutionResult result = run("await new Promise(() => {})");
		assertError(result, ExecutionError.TIMEOUT, "nothing can settle");
		assertThat(System.nanoTime() - start).isLessThan(T.toNanos());
	}

	@Test
	void oversizedResultIsCutWithAMarker() {
		int cap = executorOptions().maxResultChars();
		ExecutionResult result = run("return 'x'.repeat(30000)");
		assertThat(result.error()).isNull();
		String text = Fixtures.JSON.readTree(result.resultJson()).asString();
		assertThat(text).contains("[result truncated: 30002 characters of JSON", "max-result-chars");
		assertThat(text.length()).isLessThan(cap + 300);
		assertThat(result.truncated()).isTrue();
		assertThat(run("return 'x'.repeat(10)").truncated()).isFalse();
	}

	@Test
	void floodedConsoleIsFlaggedAsTruncated() {
		ExecutionResult result = run("for (let i = 0; i < 2000; i++) console.log('line ' + i)");
		assertThat(result.truncated()).isTrue();
		assertThat(result.logs().get(result.logs().size() - 1)).contains("console output truncated");
	}

	@Test
	void resultIsWhatJsonStringifyMakes() {
		assertResult(run("return { when: new Date(0), gone: undefined, list: [undefined, () => 1] }"),
				"{\"when\":\"1970-01-01T00:00:00.000Z\",\"list\":[null,null]}");
	}

	@Test
	void unserializableResultIsAResultError() {
		assertError(run("const a = {}; a.self = a; return a"), ExecutionError.RESULT, "circular");
		assertError(run("return { get x() { throw new Error('getter') } }"), ExecutionError.RESULT, "getter");
	}

	@Test
	void syntaxErrorPointsAtTheModelsLineInsideAFence() {
		ExecutionResult result = run("```js\nconst a = 1;\nconst = 2;\n```");
		assertError(result, "SyntaxError");
		assertThat(result.error().line()).isEqualTo(3);
		assertThat(result.error().column()).isEqualTo(7);
	}

}
