package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;
import dev.codemode.executor.Isolation;
import dev.codemode.executor.SandboxExecutors;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack corpus G4: tool calls still running when their execution ends are interrupted,
 * whichever way it ends (the program returned, timed out, hit a limit, or its caller gave
 * up), and their threads are free for the next execution at once.
 * <p>
 * The executor runs one execution at a time with 16 calls in flight, so its own pool has
 * exactly 16 tool threads: sixteen sleeping calls hold them all, and the next program's
 * tool call gets a thread only if they were released.
 * <p>
 * In process mode the calls run here while the program runs in a worker: the shared pool
 * of workers (timeout T, the default limits) runs them, and its tool threads are its own,
 * so what is checked there is that every call was interrupted and that the next program's
 * call runs.
 */
@BothIsolations
class ToolCallsOutliveExecutionTests {

	private static final int CALLS = 16;

	private static final String SIXTEEN_SLEEPS = "for (let i = 0; i < 16; i++) codemode.sleepTool({ ms: 30000 });\n";

	private static GraalJsCodeExecutor executor;

	private final SleepTool sleepTool = new SleepTool();

	@Parameter
	Isolation isolation;

	@BeforeParameterizedClassInvocation
	static void start(Isolation isolation) {
		if (isolation == Isolation.PROCESS) {
			return;
		}
		// 5 s rather than the corpus's 3: a loaded machine must still start all sixteen
		// calls before the timeout.
		executor = SandboxTestSupport.started(SandboxTestSupport.options()
			.timeout(Duration.ofSeconds(5))
			.maxConcurrentExecutions(1)
			.maxToolCallsInFlight(CALLS)
			.maxToolCalls(CALLS)
			.build());
		// The first program of this shape loads classes; keep that out of the tests'
		// timeouts.
		ExecutionResult warm = executor.execute(
				"return (await Promise.all(Array.from({ length: 16 }, "
						+ "() => codemode.sleepTool({ ms: 0 })))).length",
				List.of(ToolNamespace.of(Map.of("sleepTool", new SleepTool()))));
		assertThat(warm.resultJson()).as("warm-up %s", warm).isEqualTo("16");
	}

	@AfterParameterizedClassInvocation
	static void stop(Isolation isolation) {
		if (isolation == Isolation.IN_PROCESS) {
			executor.close();
		}
	}

	@Test
	void callsThatTheProgramDidNotAwaitAreInterruptedWhenItEnds() {
		ExecutionResult result = run(SIXTEEN_SLEEPS + "return 'returned'");
		assertThat(result).isNotNull();
		assertAllInterruptedAndThreadsFree(CALLS);
	}

	@Test
	void callsAreInterruptedWhenTheProgramTimesOut() {
		ExecutionResult result = run(SIXTEEN_SLEEPS + "while (true) {}");
		assertThat(result.error()).as("error of %s", result).isNotNull();
		assertThat(result.error().kind()).isIn(ExecutionError.TIMEOUT, ExecutionError.LIMIT);
		assertAllInterruptedAndThreadsFree(CALLS);
	}

	@Test
	void callsAreInterruptedWhenAnAwaitOutlastsTheTimeout() {
		ExecutionResult result = run(SIXTEEN_SLEEPS.replace("codemode.sleepTool", "calls.push(codemode.sleepTool")
			.replace("30000 })", "30000 }))")
			.replace("for", "const calls = [];\nfor") + "return await Promise.all(calls)");
		assertThat(result.error()).as("error of %s", result).isNotNull();
		assertThat(result.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
		assertAllInterruptedAndThreadsFree(CALLS);
	}

	@Test
	@InProcessOnly("needs an executor with max-tool-calls 16")
	void callsAreInterruptedWhenTheProgramHitsTheToolCallLimit() {
		ExecutionResult result = run(SIXTEEN_SLEEPS + "await codemode.sleepTool({ ms: 1 })");
		assertThat(result.error()).as("error of %s", result).isNotNull();
		assertThat(result.error().kind()).isEqualTo(ExecutionError.LIMIT);
		assertThat(result.error().message()).contains("max-tool-calls");
		// The limit may end the execution before a pool thread has picked a call up: such
		// a call never runs.
		assertThreadsFree();
		assertThat(this.sleepTool.interrupted.get()).as("interrupted calls").isEqualTo(this.sleepTool.started.get());
		assertThat(this.sleepTool.finished.get()).as("calls that slept to the end").isZero();
		assertNextToolCallSucceeds();
	}

	@Test
	void callsAreInterruptedWhenTheCallerGivesUp() throws Exception {
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			Future<ExecutionResult> execution = caller.submit(() -> run(SIXTEEN_SLEEPS + "return 'returned'"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
			while (this.sleepTool.started.get() < CALLS && System.nanoTime() < deadline) {
				SandboxTestSupport.sleep(10);
			}
			assertThat(this.sleepTool.started.get()).as("calls started").isEqualTo(CALLS);
			caller.shutdownNow();
			ExecutionResult result = execution.get(5, TimeUnit.SECONDS);
			assertThat(result.error()).as("error of %s", result).isNotNull();
		}
		finally {
			caller.shutdownNow();
		}
		assertAllInterruptedAndThreadsFree(CALLS);
	}

	private CodeExecutor executor() {
		return (this.isolation == Isolation.PROCESS) ? SandboxExecutors.executor(this.isolation) : executor;
	}

	private ExecutionResult run(String code) {
		return executor().execute(code, List.of(ToolNamespace.of(Map.of("sleepTool", this.sleepTool))));
	}

	private void assertAllInterruptedAndThreadsFree(int calls) {
		assertThreadsFree();
		assertThat(this.sleepTool.started.get()).as("calls started").isEqualTo(calls);
		assertThat(this.sleepTool.interrupted.get()).as("calls interrupted").isEqualTo(calls);
		assertThat(this.sleepTool.finished.get()).as("calls that slept to the end").isZero();
		assertNextToolCallSucceeds();
	}

	/**
	 * No tool call holds a thread 2 s after the execution returned: none of the
	 * in-process executor's tool threads is busy; in process mode, whose tool threads are
	 * the executor's own, every call that started has ended.
	 */
	private void assertThreadsFree() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		if (this.isolation == Isolation.PROCESS) {
			while (this.sleepTool.running() > 0 && System.nanoTime() < deadline) {
				SandboxTestSupport.sleep(10);
			}
			assertThat(this.sleepTool.running()).as("tool calls still running").isZero();
			return;
		}
		while (executor.busyToolThreads() > 0 && System.nanoTime() < deadline) {
			SandboxTestSupport.sleep(10);
		}
		assertThat(executor.busyToolThreads()).as("tool calls still holding a thread").isZero();
	}

	/**
	 * The next program's ordinary tool call gets a thread: with all 16 still held it
	 * would wait for its timeout.
	 */
	private void assertNextToolCallSucceeds() {
		ExecutionResult next = executor().execute("return await codemode.getWeather({ location: 'Oslo' })",
				List.of(ToolNamespace.of(Map.of("getWeather", (input) -> "\"Sunny in Oslo\""))));
		assertThat(next.error()).as("error of the next execution").isNull();
		assertThat(next.resultJson()).isEqualTo("\"Sunny in Oslo\"");
		SandboxTestSupport.assertHealthy(executor());
	}

	/**
	 * {@code sleepTool({ ms })}: sleeps interruptibly and records how each call ended.
	 */
	private static final class SleepTool implements ToolFunction {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger interrupted = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		int running() {
			return this.started.get() - this.interrupted.get() - this.finished.get();
		}

		@Override
		public String call(String inputJson) throws Exception {
			long millis = Fixtures.JSON.readTree(inputJson).path("ms").asLong();
			this.started.incrementAndGet();
			try {
				Thread.sleep(Duration.ofMillis(millis).toMillis());
			}
			catch (InterruptedException ex) {
				this.interrupted.incrementAndGet();
				throw ex;
			}
			this.finished.incrementAndGet();
			return "null";
		}

	}

}
