package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.as;
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
		// share. The execution's own thread may run a call too, when it would wait.
		assertThat(threads).filteredOn((name) -> name.startsWith("codemode-tool-")).hasSizeBetween(1, 4);
		assertThat(threads).allMatch((name) -> name.matches("codemode-(tool|exec)-\\d+"));
	}

	@Test
	void aToolsAllocationAndCpuTimeAreNeverCountedAsTheProgramsWhateverThreadRunsIt() {
		// A call the program awaits alone may run on the execution's thread, whose
		// allocation and CPU time the watchdog measures: the tool's share is not the
		// program's. Tool threads that start late leave every call to that thread.
		Set<String> threads = ConcurrentHashMap.newKeySet();
		try (GraalJsCodeExecutor executor = SandboxTestSupport.started(GraalJsExecutorOptions.builder()
			.timeout(Duration.ofSeconds(30))
			.toolExecutor(CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS))
			.maxAllocatedBytes(16L << 20)
			.maxCpuTime(Duration.ofMillis(500))
			.build())) {
			ExecutionResult result = executor.execute("""
					let n = 0;
					for (let i = 0; i < 3; i++) { n += await codemode.heavy({}); }
					return n;
					""", List.of(ToolNamespace.of(Map.of("heavy", (input) -> {
				threads.add(Thread.currentThread().getName());
				long sum = 0;
				for (int i = 0; i < 16; i++) {
					sum += new byte[8 << 20].length;
				}
				long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
				while (System.nanoTime() < end) {
					sum += Long.numberOfTrailingZeros(System.nanoTime());
				}
				return (sum > 0) ? "1" : "0";
			}))));
			assertThat(result.error()).as("%s", result).isNull();
			assertThat(result.resultJson()).isEqualTo("3");
		}
		assertThat(threads).singleElement(as(InstanceOfAssertFactories.STRING)).startsWith("codemode-exec-");
	}

	@Test
	void callsStartedTogetherStillOverlapWhenTheExecutionsThreadRunsOne() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		CyclicBarrier together = new CyclicBarrier(4);
		try (GraalJsCodeExecutor executor = SandboxTestSupport
			.started(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build())) {
			// Each call waits for the other three: they finish only if all four run at
			// once.
			ExecutionResult result = executor.execute(promiseAll(4, "meet"),
					List.of(ToolNamespace.of(Map.of("meet", (input) -> {
						threads.add(Thread.currentThread().getName());
						together.await(10, TimeUnit.SECONDS);
						return "true";
					}))));
			assertThat(result.resultJson()).as("%s", result).isEqualTo("4");
		}
		assertThat(threads).hasSize(4);
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
		// One call at a time, each on a tool thread or on the execution's own thread when
		// it gets there first (the tool thread then skips it, and may still be doing so
		// when the next call comes): never more threads than the execution's share.
		assertThat(threads).filteredOn((name) -> name.startsWith("codemode-tool-"))
			.hasSizeLessThanOrEqualTo(GraalJsExecutorOptions.DEFAULT_MAX_TOOL_CALLS_IN_FLIGHT);
		assertThat(threads).allMatch((name) -> name.matches("codemode-(tool|exec)-\\d+"));
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
		// A call the program awaits alone may run on the execution's own thread.
		assertThat((String) seen.get("name")).matches("codemode-(tool|exec)-\\d+");
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
