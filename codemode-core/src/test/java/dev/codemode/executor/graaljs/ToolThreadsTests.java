package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's own tool threads: every execution can run its share of calls
 * ({@code maxToolCallsInFlight}) at once while the others run theirs, idle threads are
 * reused, and no thread carries a caller's thread-locals.
 */
class ToolThreadsTests {

	private static final InheritableThreadLocal<String> CALLER = new InheritableThreadLocal<>();

	/**
	 * Each call waits at the barrier until all {@code parties} calls are running at once,
	 * or fails after 5 s.
	 */
	private static ToolFunction barrierTool(CyclicBarrier barrier) {
		return (input) -> {
			barrier.await(5, TimeUnit.SECONDS);
			return "true";
		};
	}

	private static String promiseAll(int calls, String tool) {
		return "return (await Promise.all(Array.from({ length: " + calls + " }, () => codemode." + tool
				+ "({})))).length";
	}

	@Test
	void everyConcurrentExecutionRunsItsShareOfCallsAtOnce() throws Exception {
		// Two executions × 8 calls in flight: 16 tool threads, and all 16 calls must be
		// running together.
		CyclicBarrier barrier = new CyclicBarrier(16);
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try (GraalJsCodeExecutor executor = SandboxTestSupport.started(GraalJsExecutorOptions.builder()
			.timeout(Duration.ofSeconds(20))
			.maxConcurrentExecutions(2)
			.maxToolCallsInFlight(8)
			.build())) {
			List<ToolNamespace> tools = List.of(ToolNamespace.of(Map.of("meet", barrierTool(barrier))));
			Future<ExecutionResult> first = callers.submit(() -> executor.execute(promiseAll(8, "meet"), tools));
			Future<ExecutionResult> second = callers.submit(() -> executor.execute(promiseAll(8, "meet"), tools));
			for (Future<ExecutionResult> execution : List.of(first, second)) {
				ExecutionResult result = execution.get(30, TimeUnit.SECONDS);
				assertThat(result.error()).as("error of %s", result).isNull();
				assertThat(result.resultJson()).isEqualTo("8");
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void callsBeyondTheShareWaitForTheirTurnInsteadOfTakingMoreThreads() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		try (GraalJsCodeExecutor executor = SandboxTestSupport.started(GraalJsExecutorOptions.builder()
			.timeout(Duration.ofSeconds(20))
			.maxConcurrentExecutions(1)
			.maxToolCallsInFlight(4)
			.build())) {
			ExecutionResult result = executor.execute(promiseAll(40, "where"),
					List.of(ToolNamespace.of(Map.of("where", (input) -> {
						threads.add(Thread.currentThread().getName());
						Thread.sleep(5);
						return "true";
					}))));
			assertThat(result.resultJson()).as("%s", result).isEqualTo("40");
		}
		// The pool has 1 × 4 threads: more would mean one execution took more than its
		// share.
		assertThat(threads).hasSizeBetween(1, 4);
	}

	@Test
	void sequentialCallsReuseAnIdleThread() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		try (GraalJsCodeExecutor executor = SandboxTestSupport
			.started(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build())) {
			ExecutionResult result = executor.execute(
					"let n = 0; for (let i = 0; i < 30; i++) { if (await codemode.where({})) n++; } return n",
					List.of(ToolNamespace.of(Map.of("where", (input) -> {
						threads.add(Thread.currentThread().getName());
						return "true";
					}))));
			assertThat(result.resultJson()).as("%s", result).isEqualTo("30");
		}
		// One call at a time: a new call finds the last one's thread idle, or (at most)
		// still finishing.
		assertThat(threads).hasSizeBetween(1, 2);
	}

	@Test
	void toolThreadsAreNamedDaemonsWithoutTheCallersThreadLocals() {
		Map<String, Object> seen = new ConcurrentHashMap<>();
		CALLER.set("caller-secret");
		try (GraalJsCodeExecutor executor = SandboxTestSupport
			.started(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build())) {
			ExecutionResult result = executor.execute("return await codemode.look({})",
					List.of(ToolNamespace.of(Map.of("look", (input) -> {
						seen.put("name", Thread.currentThread().getName());
						seen.put("daemon", Thread.currentThread().isDaemon());
						seen.put("inherited", String.valueOf(CALLER.get()));
						return "true";
					}))));
			assertThat(result.resultJson()).as("%s", result).isEqualTo("true");
		}
		finally {
			CALLER.remove();
		}
		assertThat((String) seen.get("name")).startsWith("codemode-tool-");
		assertThat(seen.get("daemon")).isEqualTo(true);
		assertThat(seen.get("inherited")).isEqualTo("null");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualToolThreadsRunEveryCallAtOnceWithoutTheCallersThreadLocals() throws Exception {
		Map<String, Object> seen = new ConcurrentHashMap<>();
		CyclicBarrier barrier = new CyclicBarrier(16);
		CALLER.set("caller-secret");
		try (GraalJsCodeExecutor executor = SandboxTestSupport.started(
				GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).virtualToolThreads(true).build())) {
			ExecutionResult result = executor.execute(promiseAll(16, "meet"),
					List.of(ToolNamespace.of(Map.of("meet", (input) -> {
						seen.put("name", Thread.currentThread().getName());
						seen.put("virtual", Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
						seen.put("inherited", String.valueOf(CALLER.get()));
						barrier.await(5, TimeUnit.SECONDS);
						return "true";
					}))));
			assertThat(result.error()).as("error of %s", result).isNull();
			assertThat(result.resultJson()).isEqualTo("16");
		}
		finally {
			CALLER.remove();
		}
		assertThat((String) seen.get("name")).startsWith("codemode-tool-");
		assertThat(seen.get("virtual")).isEqualTo(true);
		assertThat(seen.get("inherited")).isEqualTo("null");
	}

}
