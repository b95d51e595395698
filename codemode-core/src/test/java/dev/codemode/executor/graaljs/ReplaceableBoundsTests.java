package dev.codemode.executor.graaljs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionResult;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack corpus, section G, rows G5 to G8: every bound is enforced by the host, never by
 * code the program can replace, and the runtime never calls through an intrinsic the
 * program can reach.
 */
@BothIsolations
class ReplaceableBoundsTests extends SandboxTestSupport {

	/**
	 * Replaces every function on the intrinsic prototypes and statics; {@code %s} is the
	 * replacement.
	 */
	private static final String HOSTILE_PREAMBLE = """
			{
			  const keysOf = Reflect.ownKeys, describe = Reflect.getOwnPropertyDescriptor;
			  const roots = [Object, Object.prototype, Function.prototype, Array, Array.prototype, String,
			    String.prototype, Number, Number.prototype, Boolean.prototype, Symbol, Symbol.prototype, Math, JSON,
			    Reflect, Promise, Promise.prototype, RegExp.prototype, Map.prototype, Set.prototype, Error,
			    Error.prototype, Date, Date.prototype, BigInt, BigInt.prototype,
			    Object.getPrototypeOf(Uint8Array), Object.getPrototypeOf(Uint8Array.prototype)];
			  for (let i = 0; i < roots.length; i++) {
			    const keys = keysOf(roots[i]);
			    for (let j = 0; j < keys.length; j++) {
			      const d = describe(roots[i], keys[j]);
			      if (d && typeof d.value === 'function' && d.writable) {
			        try { roots[i][keys[j]] = %s; } catch (e) { }
			      }
			    }
			  }
			}
			""";

	@Test
	void replacedSliceDoesNotLiftTheResultCap() {
		// G5
		int cap = executorOptions().maxResultChars();
		ExecutionResult result = attack(
				"String.prototype.slice = function () { return this }; " + "return 'x'.repeat(2e6)", T.plusSeconds(1));
		assertCutAtTheCap(result, cap);
	}

	@Test
	void sliceReturningAnObjectIsNoInternalError() {
		// G6: before, the host hit a ClassCastException and logged a stack trace.
		int cap = executorOptions().maxResultChars();
		ExecutionResult result = attack("String.prototype.slice = () => ({}); return 'x'.repeat(2e6)",
				T.plusSeconds(1));
		assertCutAtTheCap(result, cap);
	}

	@Test
	void errorKindIsBoundedLikeItsMessage() {
		// G7
		ExecutionResult result = attack("const e = new Error('m'); e.name = 'X'.repeat(3e6) + 'Error'; throw e",
				T.plusSeconds(1));
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind().length()).isLessThan(200);
		assertThat(result.error().message().length()).isLessThan(2_200);
		assertThat(result.error().kind() + result.error().message()).contains("truncated");
		ExecutionResult thrown = attack("throw { name: 'X'.repeat(3e6) + 'Error', message: 'y'.repeat(3e6) }",
				T.plusSeconds(1));
		assertThat(thrown.error().kind().length()).isLessThan(200);
		assertThat(thrown.error().message().length()).isLessThan(2_200);
		// The marker gives the length of the whole message (millions of characters), not
		// of an earlier cut.
		assertThat(thrown.error().message()).containsPattern("\\[message truncated: \\d{7} characters\\]$");
	}

	@Test
	void programNeverObtainsTheRuntimesCallbacksNorForgesItsOutcome() {
		// G8: the runtime used to call then.call(...), through the mutable
		// Function.prototype.call.
		ExecutionResult result = attack(
				"""
						const got = [];
						const call = Function.prototype.call, apply = Function.prototype.apply;
						Function.prototype.call = function (...a) { got.push(a); return call.apply(this, a) };
						Function.prototype.apply = function (t, a) { got.push(a); return Reflect.apply(this, t, a) };
						const then = Promise.prototype.then;
						Promise.prototype.then = function (f, r) { got.push([f, r]); return then.call(this, f, r) };
						Promise.resolve = () => { got.push('resolve'); return new Promise(() => {}) };
						const r = await codemode.echo({ a: 1 });
						for (const g of got) { if (Array.isArray(g)) for (const f of g) { if (typeof f === 'function') try { f('forged') } catch (e) {} } }
						return { r, seen: got.length };
						""",
				T.plusSeconds(1));
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).startsWith("{\"r\":{\"a\":1}").doesNotContain("forged");
	}

	@ParameterizedTest(name = "every intrinsic replaced by {0}")
	@ValueSource(strings = { "() => ({})", "() => { throw new Error('replaced') }" })
	void boundsAndOutcomeHoldWhenEveryIntrinsicIsReplaced(String replacement) {
		int resultCap = executorOptions().maxResultChars();
		int consoleCap = executorOptions().maxConsoleChars();
		String program = HOSTILE_PREAMBLE.formatted(replacement) + """
				let s = 'x';
				for (let i = 0; i < 21; i++) s += s;
				const echoed = await codemode.echo({ a: 1 });
				console.log(s);
				console.log(echoed);
				return s + echoed.a;
				""";
		ExecutionResult result = attack(program, T.plusSeconds(1));
		assertCutAtTheCap(result, resultCap);
		assertThat(String.join("", result.logs()).length()).isLessThanOrEqualTo(consoleCap + 300);
		assertThat(result.logs().get(result.logs().size() - 1)).contains("console output truncated");
		ExecutionResult thrown = attack(HOSTILE_PREAMBLE.formatted(replacement) + """
				let s = 'x';
				for (let i = 0; i < 21; i++) s += s;
				throw { name: s + 'Error', message: s };
				""", T.plusSeconds(1));
		assertThat(thrown.error()).isNotNull();
		assertThat(thrown.error().kind().length()).isLessThan(200);
		assertThat(thrown.error().message().length()).isLessThan(2_200);
		assertJavaFree(thrown);
		ExecutionResult echoed = attack(
				HOSTILE_PREAMBLE.formatted(replacement) + "const r = await codemode.echo({ a: [1, 'two'] }); return r",
				T.plusSeconds(1));
		assertResult(echoed, "{\"a\":[1,\"two\"]}");
	}

	private static void assertCutAtTheCap(ExecutionResult result, int cap) {
		assertThat(result.error()).as("error").isNull();
		assertThat(result.truncated()).isTrue();
		assertThat(result.resultJson().length()).isLessThan(cap + 300);
		assertThat(result.resultJson()).contains("result truncated").contains("(max-result-chars)");
		assertJavaFree(result);
	}

}
