package dev.codemode.executor.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool of one worker, two JVMs per run: the first is killed by a memory bomb, the
 * second replaces it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerPoolTests {

	private static final Logger logger = LoggerFactory.getLogger(WorkerPoolTests.class);

	private static final WorkerSettings SETTINGS = WorkerSettings
		.of(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(15)).maxAllocatedBytes(1L << 30).build())
		.withWorkers(WorkerOptions.builder().count(1).maxWaiting(1).maxHeapBytes(64L << 20).build());

	private static final WorkerPool pool = new WorkerPool(SETTINGS);

	@AfterAll
	static void closePool() {
		pool.close();
	}

	@Test
	@Order(1)
	void anExecutionPastTheWaitingBoundGetsALimitErrorAtOnce() throws Exception {
		awaitTrue(() -> pool.alive() == 1);
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ToolFunction hold = (input) -> {
			entered.countDown();
			return Boolean.toString(release.await(10, TimeUnit.SECONDS));
		};
		List<ToolNamespace> tools = List.of(ToolNamespace.of(Map.of("hold", hold)));
		CompletableFuture<ExecutionResult> running = CompletableFuture
			.supplyAsync(() -> pool.execute("await codemode.hold({})", tools));
		assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<ExecutionResult> waiting = CompletableFuture.supplyAsync(() -> pool.execute("2", List.of()));
		awaitTrue(() -> pool.waiting() == 1);
		ExecutionResult refused = pool.execute("3", List.of());
		assertThat(refused.error()).isNotNull();
		assertThat(refused.error().kind()).isEqualTo(ExecutionError.LIMIT);
		assertThat(refused.error().message()).contains("codemode.executor.worker.count");
		release.countDown();
		assertThat(running.get(30, TimeUnit.SECONDS).resultJson()).isEqualTo("true");
		assertThat(waiting.get(30, TimeUnit.SECONDS).resultJson()).isEqualTo("2");
		assertThat(pool.busy()).isZero();
	}

	@Test
	@Order(2)
	void aWorkerKilledByItsHeapIsReplacedInTheBackgroundAndThePoolRunsTheNextProgram() throws Exception {
		awaitTrue(() -> pool.alive() == 1);
		ExecutionResult bomb = pool
			.execute("const keep = []; while (true) keep.push(new ArrayBuffer(48 * 1024 * 1024));", List.of());
		assertThat(bomb.error().message()).contains("max-heap 64 MB");
		long killedAt = System.nanoTime();
		awaitTrue(() -> pool.alive() == 1 && pool.restarts() == 1);
		logger.info("The pool was full again {} ms after the kill",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
		assertThat(pool.killed()).containsExactly(Map.entry("heap", 1L));
		// A fresh worker's first programs run cold: the timeout above is generous for
		// that.
		ExecutionResult next = pool.execute("1 + 1", List.of());
		assertThat(next.resultJson()).as("%s", next.error()).isEqualTo("2");
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 60 s").isLessThan(until);
			Thread.sleep(20);
		}
	}

}
