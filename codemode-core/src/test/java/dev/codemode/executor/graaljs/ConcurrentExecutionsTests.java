package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 8 threads × 200 mixed executions, some hostile, on two shared executors. Every
 * execution has tools of its own that hand it a unique token, and its result must be
 * built from that token and no other: results, logs, errors and tool maps never cross
 * between executions, and pollution never survives into the next one.
 */
class ConcurrentExecutionsTests {

	private static final int THREADS = 8;

	private static final int EXECUTIONS_PER_THREAD = 200;

	private static GraalJsCodeExecutor executor;

	/** For the busy loops: they end at a short timeout, so that the test stays fast. */
	private static GraalJsCodeExecutor hostile;

	@BeforeAll
	static void start() {
		executor = SandboxTestSupport.started(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
		hostile = SandboxTestSupport.started(GraalJsExecutorOptions.builder().timeout(Duration.ofMillis(300)).build());
	}

	@AfterAll
	static void stop() {
		executor.close();
		hostile.close();
	}

	/** The kinds of program in the mix, with their weights. */
	enum Kind {

		TOOL_TOKEN(30,
				"async () => { const r = await codemode.token({}); const e = await codemode.echo({ r }); "
						+ "return [e.r, typeof Object.prototype.polluted, typeof globalThis.leak, [1].push(2)] }"),
		PARALLEL_TOKENS(15,
				"const all = await Promise.all([codemode.token({}), codemode.token({}), codemode.token({})]);\n"
						+ "return all"),
		COMPUTED(10, "const seed: number = await codemode.seed({});\nreturn seed * 2 + 1"),
		TOOL_FAILURE(10, "await codemode.fail({})"),
		CAUGHT_TOOL_FAILURE(10, "try { await codemode.fail({}) } catch (e) { return e.message }"),
		CONSOLE_FLOOD(8,
				"const t = await codemode.token({});\nfor (let i = 0; i < 1500; i++) console.log(t + ' ' + i);\nreturn t"),
		POLLUTION(8, "const t = await codemode.token({}); Object.prototype.polluted = t; globalThis.leak = t; "
				+ "Array.prototype.push = function () { return t }; codemode.token = () => 'hijacked'; return ({}).polluted"),
		UNKNOWN_TOOL(5, "await codemode.nope({})"),
		BUSY_LOOP(4, "const t = await codemode.token({}); console.log(t); while (true) {}");

		final int weight;

		final String code;

		Kind(int weight, String code) {
			this.weight = weight;
			this.code = code;
		}

		static Kind pick(Random random) {
			int total = 0;
			for (Kind kind : values()) {
				total += kind.weight;
			}
			int n = random.nextInt(total);
			for (Kind kind : values()) {
				n -= kind.weight;
				if (n < 0) {
					return kind;
				}
			}
			throw new IllegalStateException();
		}

	}

	@Test
	void resultsNeverCrossBetweenConcurrentExecutions() throws Exception {
		Queue<String> mismatches = new ConcurrentLinkedQueue<>();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		String hostOutput;
		try (HostOutput output = HostOutput.capture()) {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				done.add(threads.submit(() -> {
					Random random = new Random(1000 + thread);
					for (int i = 0; i < EXECUTIONS_PER_THREAD; i++) {
						String token = "t" + thread + "x" + i + "x" + Integer.toHexString(random.nextInt());
						Kind kind = Kind.pick(random);
						try {
							String mismatch = check(kind, token, random.nextInt(1_000_000));
							if (mismatch != null) {
								mismatches.add(kind + " " + token + ": " + mismatch);
							}
						}
						catch (RuntimeException | AssertionError ex) {
							mismatches.add(kind + " " + token + ": threw " + ex);
						}
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(5, TimeUnit.MINUTES);
			}
			hostOutput = output.text();
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(mismatches).isEmpty();
		assertThat(hostOutput).as("output on the host's stdout/stderr").isEmpty();
		SandboxTestSupport.assertHealthy(executor);
		SandboxTestSupport.assertHealthy(hostile);
	}

	/**
	 * Runs one execution with tools of its own; returns what is wrong with its outcome,
	 * or null.
	 */
	private static String check(Kind kind, String token, int seed) {
		Map<String, ToolFunction> tools = new LinkedHashMap<>();
		tools.put("token", (input) -> "\"" + token + "\"");
		tools.put("echo", (input) -> input);
		tools.put("seed", (input) -> String.valueOf(seed));
		tools.put("fail", (input) -> {
			throw new IllegalStateException("failed for " + token);
		});
		// A tool whose name only this execution has: an unknown-tool error must list it
		// and no other's.
		tools.put("own_" + token, (input) -> "null");
		ExecutionResult result = ((kind == Kind.BUSY_LOOP) ? hostile : executor).execute(kind.code,
				List.of(ToolNamespace.of(tools)));
		JsonNode value = (result.resultJson() != null) ? Fixtures.JSON.readTree(result.resultJson()) : null;
		String error = (result.error() != null) ? result.error().describe() : null;
		return switch (kind) {
			case TOOL_TOKEN -> expect(result, "[\"" + token + "\",\"undefined\",\"undefined\",2]");
			case PARALLEL_TOKENS -> expect(result, "[\"" + token + "\",\"" + token + "\",\"" + token + "\"]");
			case COMPUTED -> expect(result, String.valueOf(seed * 2 + 1));
			case CAUGHT_TOOL_FAILURE -> expect(result, "\"failed for " + token + "\"");
			case POLLUTION -> expect(result, "\"" + token + "\"");
			case TOOL_FAILURE -> (result.error() != null && ExecutionError.TOOL.equals(result.error().kind())
					&& error.contains("failed for " + token) && value == null) ? null : "got " + result;
			case UNKNOWN_TOOL -> (result.error() != null && ExecutionError.UNKNOWN_TOOL.equals(result.error().kind())
					&& error.contains("own_" + token) && error.split("own_").length == 2) ? null : "got " + result;
			case CONSOLE_FLOOD -> {
				List<String> logs = result.logs();
				// The line that crosses the cap is cut, possibly inside the token.
				boolean own = logs.subList(0, logs.size() - 1)
					.stream()
					.allMatch((line) -> line.startsWith(token + " ") || (token + " ").startsWith(line));
				yield (expect(result, "\"" + token + "\"") == null && logs.get(0).equals(token + " 0") && own
						&& logs.get(logs.size() - 1).contains("truncated")) ? null : "got " + result;
			}
			// Under load the 300 ms may run out before the loop starts, while the token
			// is fetched.
			case BUSY_LOOP -> (result.error() != null && ExecutionError.TIMEOUT.equals(result.error().kind())
					&& (result.logs().isEmpty() || result.logs().equals(List.of(token)))) ? null : "got " + result;
		};
	}

	private static String expect(ExecutionResult result, String json) {
		if (result.error() != null || result.resultJson() == null
				|| !Fixtures.JSON.readTree(result.resultJson()).equals(Fixtures.JSON.readTree(json))) {
			return "expected " + json + ", got " + result;
		}
		return null;
	}

}
