package dev.codemode.executor.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real worker JVMs, at most two per run: the first runs the ordinary programs until a
 * memory bomb kills it; the second proves that a fresh worker works after that, and is
 * then frozen to show the overrun kill. The order keeps the count at two.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerTests {

	private static final Logger logger = LoggerFactory.getLogger(WorkerTests.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(4);

	// The in-worker allocation budget is set far above the heap, so that the heap cap is
	// what a memory bomb meets.
	private static final WorkerSettings SETTINGS = WorkerSettings
		.of(GraalJsExecutorOptions.builder().timeout(TIMEOUT).maxAllocatedBytes(1L << 30).build())
		.withWorkers(WorkerOptions.builder().maxHeapBytes(64L << 20).build());

	private static Worker worker;

	private static int started;

	private static synchronized Worker liveWorker() throws IOException {
		if (worker == null || !worker.alive()) {
			long start = System.nanoTime();
			worker = Worker.start(SETTINGS);
			started++;
			logger.info("Worker {} started and warmed up in {} ms", worker.pid(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		}
		return worker;
	}

	@AfterAll
	static void stopWorker() {
		if (worker != null) {
			worker.close();
		}
	}

	@Test
	@Order(1)
	void toolsCalledInPromiseAllRunInTheApplicationAtTheSameTime() throws IOException {
		CountDownLatch bothStarted = new CountDownLatch(2);
		Map<String, Long> threads = new java.util.concurrent.ConcurrentHashMap<>();
		ToolFunction meet = (input) -> {
			threads.put(input, Thread.currentThread().getId());
			bothStarted.countDown();
			// Only true when the other call runs meanwhile.
			return Boolean.toString(bothStarted.await(3, TimeUnit.SECONDS));
		};
		ExecutionResult result = liveWorker().execute("""
				const [a, b] = await Promise.all([codemode.meet("a"), codemode.meet("b")]);
				console.log("met", a, b);
				return { a, b };
				""", List.of(ToolNamespace.of(Map.of("meet", meet))));
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isEqualTo("{\"a\":true,\"b\":true}");
		assertThat(result.logs()).containsExactly("met true true");
		assertThat(result.toolCalls()).isEqualTo(2);
		// Both ran here, in this JVM, on two threads.
		assertThat(threads).containsOnlyKeys("\"a\"", "\"b\"");
		assertThat(threads.get("\"a\"")).isNotEqualTo(threads.get("\"b\""));
	}

	@Test
	@Order(2)
	void aToolFailureReachesTheProgramAsACatchableErrorWithItsMessage() throws IOException {
		ToolFunction failing = (input) -> {
			throw new IllegalStateException("no such city: Atlantis");
		};
		ExecutionResult result = liveWorker().execute("""
				try { await codemode.weather({ city: "Atlantis" }); return "no"; }
				catch (e) { return e.message; }
				""", List.of(ToolNamespace.of(Map.of("weather", failing))));
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isEqualTo("\"no such city: Atlantis\"");
	}

	@Test
	@Order(2)
	void aWorkerLogsOnlyWarningsAndErrors() throws IOException {
		// Logback's default logs DEBUG: slower, and a crash's last lines buried. (A
		// loaded machine may make the warm-up overrun, which is a warning.)
		Worker live = liveWorker();
		assertThat(live.execute("return 1;", List.of()).error()).isNull();
		assertThat(live.stderrTail()).allMatch((line) -> line.startsWith("WARN ") || line.startsWith("ERROR "));
	}

	@Test
	@Order(3)
	void aSyntaxErrorComesBackWithItsLineAndColumn() throws IOException {
		ExecutionResult result = liveWorker().execute("const a = 1;\nconst b = ;\nreturn a;", List.of());
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isEqualTo("SyntaxError");
		assertThat(result.error().line()).isEqualTo(2);
		assertThat(result.error().column()).isNotNull();
	}

	@Test
	@Order(4)
	void anEndlessLoopEndsAtTheTimeoutAndTheWorkerLives() throws IOException {
		Worker live = liveWorker();
		ExecutionResult result = live.execute("while (true) {}", List.of());
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
		assertThat(result.duration()).isGreaterThanOrEqualTo(TIMEOUT)
			.isLessThan(TIMEOUT.plus(SETTINGS.grace()).plusSeconds(5));
		// The worker's own watchdog ended it: no kill was needed.
		assertThat(live.alive()).isTrue();
		assertThat(live.execute("1 + 1", List.of()).resultJson()).isEqualTo("2");
	}

	@Test
	@Order(5)
	void aMemoryBombEndsItsWorkerWithAnErrorNamingTheHeapAndAFreshWorkerRunsTheNextProgram() throws IOException {
		Worker doomed = liveWorker();
		// Buffers of 48 MiB at a 64 MiB heap: the second one cannot fit, and one
		// allocation is too fast for any watch inside the worker.
		ExecutionResult result = doomed.execute("""
				const hoard = [];
				while (true) { hoard.push(new ArrayBuffer(48 * 1024 * 1024)); }
				""", List.of());
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isEqualTo(ExecutionError.LIMIT);
		assertThat(result.error().message()).contains("heap").contains("max-heap 64 MB");
		assertThat(result.duration()).isLessThan(TIMEOUT.plus(SETTINGS.grace()).plusSeconds(5));
		assertThat(doomed.alive()).isFalse();
		assertThat(doomed.deathCause()).isEqualTo(Worker.Death.HEAP);
		assertThat(doomed.execute("1", List.of()).error().message()).contains("not running");
		Worker fresh = liveWorker();
		assertThat(fresh.pid()).isNotEqualTo(doomed.pid());
		ExecutionResult next = fresh.execute("async () => [1, 2].map((n) => n * 2)", List.of());
		assertThat(next.error()).isNull();
		assertThat(next.resultJson()).isEqualTo("[2,4]");
		assertThat(started).isEqualTo(2);
	}

	@Test
	@Order(6)
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void aWorkerThatDoesNotAnswerIsKilledAtTheTimeoutPlusTheGrace() throws Exception {
		Worker frozen = liveWorker();
		// SIGSTOP: the worker can neither run nor answer, as if stuck in native code.
		Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(frozen.pid())).start();
		assertThat(stop.waitFor(10, TimeUnit.SECONDS)).isTrue();
		ExecutionResult result = frozen.execute("1", List.of());
		assertThat(result.error()).isNotNull();
		assertThat(result.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
		assertThat(result.error().message()).contains("(timeout)").contains("stopped");
		assertThat(result.duration()).isGreaterThanOrEqualTo(TIMEOUT.plus(SETTINGS.grace()))
			.isLessThan(TIMEOUT.plus(SETTINGS.grace()).plusSeconds(5));
		assertThat(frozen.alive()).isFalse();
		assertThat(frozen.deathCause()).isEqualTo(Worker.Death.TIMEOUT);
		assertThat(started).isLessThanOrEqualTo(2);
	}

}
