package dev.codemode.executor.graaljs;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionResult;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack corpus, section B: vm2-lineage escapes adapted to GraalJS. They guard the
 * runtime prelude (the JS-side bridge) and the error paths that could hand a Java object
 * to a program.
 */
@BothIsolations
class Vm2EscapeTests extends SandboxTestSupport {

	static final Duration BOUND = T.plusSeconds(1);

	@Test
	void prepareStackTraceIsIgnored() {
		ExecutionResult result = attack(
				"Error.prepareStackTrace = (e, cs) => cs.map(c => c.getThis()); new Error().stack", BOUND);
		assertThat(result.error()).isNull();
		assertThat(Fixtures.JSON.readTree(result.resultJson()).isString()).as("a plain stack, not an array").isTrue();
		assertJavaFree(result);
		assertResult(attack("typeof Error.captureStackTrace", BOUND), "\"undefined\"");
	}

	@ParameterizedTest(name = "B2: {0}")
	@ValueSource(strings = { "const e=new Error(); e.name=Symbol(); e.stack",
			"(async function(){ var e = new Error(); e.name = Symbol(); e.stack })()",
			"new Promise((r, j) => { var e = new Error(); e.name = Symbol(); e.stack; })" })
	void symbolErrorNameStaysAGuestTypeError(String code) {
		ExecutionResult result = attack(code, BOUND);
		if (result.error() != null) {
			assertThat(result.error().kind()).isEqualTo("TypeError");
		}
		else {
			assertThat(result.resultJson()).isNull();
		}
		assertJavaFree(result);
	}

	@Test
	void stackOverflowIsAGuestRangeError() {
		String code = "try { (function r(){r()})() } catch(e){ e.constructor.constructor('return typeof Java')() }";
		ExecutionResult refused = attack(code, BOUND);
		assertError(refused, "EvalError");
		assertJavaFree(refused);
		ExecutionResult allowed = attackWithEval(code, BOUND);
		assertThat(allowed.error()).isNull();
		assertThat(allowed.resultJson()).as("a try statement has no value").isNull();
		assertResult(attack("async () => { try { (function r(){ r() })() } catch (e) { "
				+ "return [e instanceof RangeError, e.constructor === RangeError] } }", BOUND), "[true, true]");
	}

	@Test
	void proxyInErrorNameReachesNothingOutsideTheSandbox() {
		String code = "const err=new Error(); err.name={toString:new Proxy(()=>'', "
				+ "{apply(t,thiz,args){ return args.constructor.constructor('return this')() }})}; err.stack";
		ExecutionResult refused = attack(code, BOUND);
		if (refused.error() != null) {
			assertThat(refused.error().kind()).isEqualTo("EvalError");
		}
		else {
			assertThat(Fixtures.JSON.readTree(refused.resultJson()).isString()).isTrue();
		}
		assertJavaFree(refused);
		assertJavaFree(attackWithEval(code, BOUND));
		// With eval, `args` is a guest array whose constructor chain ends at the guest
		// Function.
		assertResult(attackWithEval("let reached; const err=new Error(); err.name={toString:new Proxy(()=>'', "
				+ "{apply(t,thiz,args){ reached = args.constructor.constructor('return this')(); return 'n' }})}; "
				+ "err.stack; [reached === undefined || reached === globalThis, typeof Java]", BOUND),
				"[true, \"undefined\"]");
	}

	@Test
	void consoleFormatterCallsNoInspectHook() {
		ExecutionResult result = attack("const obj={[Symbol.for('nodejs.util.inspect.custom')]:(d,o,inspect)=>"
				+ "inspect.constructor('return process')()}; console.log(obj)", BOUND);
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isNull();
		assertThat(result.logs()).containsExactly("{}");
	}

	@Test
	void errorsDeliveredToStolenStaticMethodsAreGuestErrors() {
		// The corpus expects [true, "x"], but by the spec Promise.all looks up C.resolve
		// before it iterates, and
		// FakeP has no resolve: the guest callback receives a guest TypeError (Node 20
		// says the same).
		ExecutionResult asWritten = attack("async () => { let seen; class FakeP { constructor(ex) { ex(() => {}, "
				+ "(e) => { seen = e }) } } FakeP.all = Promise.all; FakeP.all({ [Symbol.iterator]: () => { "
				+ "throw new Error('x') } }); return [seen instanceof Error, seen && seen.message] }", BOUND);
		assertThat(asWritten.error()).isNull();
		assertThat(Fixtures.JSON.readTree(asWritten.resultJson()).get(0).asBoolean()).isTrue();
		assertJavaFree(asWritten);
		// With a resolve, the iterator's own error arrives, as a guest Error.
		assertResult(
				attack("async () => { let seen; class FakeP { constructor(ex) { ex(() => {}, (e) => { seen = e }) } "
						+ "static resolve(v) { return v } } FakeP.all = Promise.all; FakeP.all({ [Symbol.iterator]: () => { "
						+ "throw new Error('x') } }); return [seen instanceof Error, seen && seen.message] }", BOUND),
				"[true, \"x\"]");
	}

	@Test
	void asyncGeneratorDelegationRejectsWithAGuestError() {
		ExecutionResult refused = attack("async function* g(){ yield* { [Symbol.asyncIterator](){ return { next(){ "
				+ "throw new Error('boom') } } } } } g().next().catch(e=>e.constructor.constructor('return this')())",
				BOUND);
		assertError(refused, "EvalError");
		assertJavaFree(refused);
		assertResult(attack("async () => { async function* g(){ yield* { [Symbol.asyncIterator](){ return { next(){ "
				+ "throw new Error('boom') } } } } } try { await g().next(); return 'no error' } catch (e) { "
				+ "return [e instanceof Error, e.message] } }", BOUND), "[true, \"boom\"]");
	}

	@Test
	void poisonedToJsonStaysInsideItsExecution() {
		ExecutionResult result = attack("Object.prototype.toJSON = () => 'poisoned'; return {a:1}", BOUND);
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isIn("{\"a\":1}", "\"poisoned\"");
		assertResult(attack("[typeof Object.prototype.toJSON, JSON.stringify({a: 1})]", BOUND),
				"[\"undefined\", \"{\\\"a\\\":1}\"]");
	}

	@Test
	void bridgeUsesIntrinsicsCapturedBeforeTheProgram() {
		ExecutionResult result = attack("async () => { JSON.stringify = () => '\"forged\"'; "
				+ "JSON.parse = () => ({ forged: true }); const r = await codemode.echo({ a: 1 }); "
				+ "console.log({ b: 2 }); return r }", BOUND);
		assertResult(result, "{\"a\":1}");
		assertThat(result.logs()).containsExactly("{\"b\":2}");
		assertThat(this.fixtures.echoCalls).hasValue(1);
	}

}
