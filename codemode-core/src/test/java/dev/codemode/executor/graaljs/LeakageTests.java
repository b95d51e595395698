package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack corpus, section E: data leakage, and state carried from one execution to the
 * next.
 */
@BothIsolations
class LeakageTests extends SandboxTestSupport {

	static final Duration BOUND = T.plusSeconds(1);

	private static final Pattern FRAME = Pattern.compile("^\\s+at (?:.*\\()?([^()\\s:]+):\\d+:\\d+\\)?$",
			Pattern.MULTILINE);

	@Test
	void toolBridgeMutationDoesNotCarryIntoTheNextRun() {
		attack("codemode.echo = () => 'hijacked'; codemode.newtool = () => 1; delete codemode.fail; "
				+ "globalThis.leak = 1; Object.prototype.polluted = 1; Array.prototype.map = null", BOUND);
		ExecutionResult failed = attack("codemode.fail({})", BOUND);
		assertError(failed, ExecutionError.TOOL, "tool failed: quota exceeded");
		assertThat(this.fixtures.failCalls).hasValue(1);
		assertResult(attack("async () => [typeof codemode.newtool, await codemode.echo({ a: 1 })]", BOUND),
				"[\"undefined\", {\"a\":1}]");
		assertResult(attack("[typeof leak, typeof ({}).polluted, typeof [].map]", BOUND),
				"[\"undefined\", \"undefined\", \"function\"]");
	}

	@Test
	void stackTracesNameOnlyTheSyntheticSources() {
		ExecutionResult result = attack("async () => { try { null.x } catch (e) { return e.stack } }", BOUND);
		String stack = Fixtures.JSON.readTree(result.resultJson()).asString();
		assertThat(stack).startsWith("TypeError");
		assertOnlySyntheticFrames(stack);
		assertJavaFree(result);
	}

	@Test
	void caughtToolFailureCarriesTheMessageAndNothingFromJava() {
		ExecutionResult result = attack("async () => { try { await codemode.fail({}) } catch (e) { return e.stack } }",
				BOUND);
		String stack = Fixtures.JSON.readTree(result.resultJson()).asString();
		assertThat(stack).contains("tool failed: quota exceeded").doesNotContain("IllegalStateException");
		assertOnlySyntheticFrames(stack);
		assertJavaFree(result);
		// As written, the call is not awaited: whatever is reported about it is Java-free
		// as well.
		ExecutionResult asWritten = attack("try{codemode.fail()}catch(e){e.stack}", BOUND);
		assertThat(asWritten.error()).isNotNull();
		assertThat(asWritten.error().message()).contains("tool failed: quota exceeded");
		assertJavaFree(asWritten);
	}

	@Test
	void noHighResolutionTimerExists() {
		assertResult(attack("typeof performance", BOUND), "\"undefined\"");
		ExecutionResult ticks = attack("let n=0, last=Date.now(), whole=true; const end=last+50; "
				+ "while (Date.now() < end) { const t = Date.now(); whole = whole && Number.isInteger(t); "
				+ "if (t !== last) { n++; last = t } } [n <= 60, whole]", BOUND);
		assertResult(ticks, "[true, true]");
	}

	@Test
	void processEnvIsEmptyByDefault() {
		assertResult(attack("await codemode.echo(process.env)", BOUND), "{}");
	}

	@Test
	@InProcessOnly("builds an executor with env")
	void processEnvHoldsNothingButTheConfiguredValues() {
		try (GraalJsCodeExecutor configured = started(options().env(Map.of("REGION", "eu-north-1")).build())) {
			assertResult(attack(configured, "await codemode.echo(process.env)", BOUND), "{\"REGION\":\"eu-north-1\"}");
		}
	}

	@Test
	void globalScopeHoldsNothingSensitive() {
		ExecutionResult result = attack("await codemode.sendEmail({body: JSON.stringify(globalThis)}); "
				+ "await codemode.sendEmail({body: Object.getOwnPropertyNames(globalThis).join(',')})", BOUND);
		assertResult(result, "{\"sent\": true}");
		assertThat(this.fixtures.emails).hasSize(2);
		for (String email : this.fixtures.emails) {
			assertJavaFree(email);
			for (String variable : new String[] { "PATH", "HOME", "JAVA_HOME" }) {
				String value = System.getenv(variable);
				if (value != null && value.length() > 1) {
					assertThat(email).doesNotContain(value);
				}
			}
		}
		assertThat(this.fixtures.emails.get(1)).doesNotContain("Java", "Polyglot", "Packages", "Graal", "load", "print",
				"quit", "SharedArrayBuffer", "Atomics", "performance");
	}

	@Test
	void fetchDoesNotExist() {
		ExecutionResult result = attack("fetch('file:///etc/hosts')", BOUND);
		assertError(result, "ReferenceError", "fetch is not defined", "no network");
		assertThat(result.error().message()).doesNotContain("localhost");
	}

	private static void assertOnlySyntheticFrames(String stack) {
		assertThat(stack).doesNotContain("/home", "/tmp", "/usr", "C:\\");
		Matcher frame = FRAME.matcher(stack);
		int frames = 0;
		while (frame.find()) {
			frames++;
			assertThat(frame.group(1)).isIn(Execution.PROGRAM_NAME, "codemode-runtime.js");
		}
		assertThat(frames).as("frames in %s", stack).isPositive();
		assertThat(stack.lines().skip(1).filter((line) -> !FRAME.matcher(line).matches())).isEmpty();
	}

}
