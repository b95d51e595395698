package dev.codemode.executor.graaljs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of the memory rows, shared by the normal run and the run with a 512
 * MiB heap.
 */
final class MemoryBombs {

	static final String HEAP_GROWTH = "const a=[]; for(;;) a.push(new Array(1e6).fill(1))";

	private static final long SLACK = 96L << 20;

	private MemoryBombs() {
	}

	/** D1, D2, D5: the engine's own length limits, or the allocation budget. */
	static void assertRefused(ExecutionResult result) {
		assertThat(result.error()).isNotNull();
		if (ExecutionError.LIMIT.equals(result.error().kind())) {
			assertThat(result.error().message()).containsAnyOf("(max-allocated-bytes)", "(heap protection)");
		}
		else {
			assertThat(result.error().kind()).isEqualTo("RangeError");
			assertThat(result.error().message()).containsAnyOf("length", "max-allocated-bytes");
		}
		JavaFree.assertJavaFree(result);
	}

	/**
	 * D4: ends at the allocation budget or the timeout, and this JVM's heap comes back
	 * once the context is gone (in process mode it never grew: the program filled a
	 * worker's).
	 */
	static void assertHeapGrowthEndsAtALimit(SandboxTestSupport test, CodeExecutor executor) {
		long baseline = usedHeapAfterGc(Long.MAX_VALUE);
		ExecutionResult result = test.attack(executor, HEAP_GROWTH, SandboxTestSupport.T.plusSeconds(1));
		CpuAbuseTests.assertEndedAtALimit(result);
		assertThat(usedHeapAfterGc(baseline + SLACK)).as("heap after a GC, baseline %d MiB", baseline >> 20)
			.isLessThanOrEqualTo(baseline + SLACK);
	}

	/**
	 * Collects until the heap is at most {@code target} bytes, for at most two seconds.
	 */
	private static long usedHeapAfterGc(long target) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long deadline = System.nanoTime() + 2_000_000_000L;
		long used;
		do {
			System.gc();
			System.gc();
			used = memory.getHeapMemoryUsage().getUsed();
		}
		while (used > target && System.nanoTime() < deadline);
		return used;
	}

}
