package dev.codemode.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * Heap and thread count over many executions (default 10,000): both must stay flat. Run
 * it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.Soak [executions]}.
 */
public final class Soak {

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int executions = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		try (GraalJsCodeExecutor executor = BenchmarkTools.executor()) {
			CodeModeToolCallback codemode = BenchmarkTools.codemode(executor);
			String input = BenchmarkTools.input(BenchmarkTools.JS);
			for (int i = 0; i < 500; i++) {
				codemode.call(input);
			}
			long[] heap = new long[5];
			int[] threads = new int[5];
			int step = executions / (heap.length - 1);
			long start = System.nanoTime();
			for (int i = 0; i <= executions; i++) {
				if (i % step == 0) {
					System.gc();
					Thread.sleep(100);
					heap[i / step] = memory.getHeapMemoryUsage().getUsed();
					threads[i / step] = Thread.activeCount();
				}
				String result = codemode.call(input);
				if (!BenchmarkTools.EXPECTED.equals(result)) {
					throw new IllegalStateException("unexpected result at " + i + ": " + result);
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			StringBuilder line = new StringBuilder(
					"soak executions=" + executions + String.format(" per_second=%.0f", executions / seconds));
			for (int i = 0; i < heap.length; i++) {
				line.append(String.format(" heap_mib@%d=%.1f threads@%d=%d", i * step, heap[i] / 1048576.0, i * step,
						threads[i]));
			}
			System.out.println(line);
		}
	}

}
