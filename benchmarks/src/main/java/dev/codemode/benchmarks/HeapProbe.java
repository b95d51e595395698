package dev.codemode.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * This JVM's heap: what is used after a full collection, and the peak since the last
 * reset (the sum of each heap pool's peak, so an upper bound: the pools need not peak
 * together).
 */
final class HeapProbe {

	private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.toList();

	private HeapProbe() {
	}

	/**
	 * @return the heap used after two full collections, in MiB
	 */
	static double usedAfterGcMib() throws InterruptedException {
		System.gc();
		Thread.sleep(100);
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
	}

	static void resetPeak() {
		HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/**
	 * @return the sum of the heap pools' peaks since {@link #resetPeak()}, in MiB
	 */
	static double peakMib() {
		return HEAP_POOLS.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum() / 1048576.0;
	}

	/**
	 * @return the largest heap this JVM may have, in MiB
	 */
	static double maxMib() {
		return Runtime.getRuntime().maxMemory() / 1048576.0;
	}

}
