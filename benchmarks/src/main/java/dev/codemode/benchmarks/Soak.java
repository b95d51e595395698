package dev.codemode.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * Heap and threads over many executions of the two-tool program through the
 * {@code codemode} callback: both must stay flat. Every {@code step} executions it prints
 * the heap used after a full collection, the live threads of this JVM and (in process
 * mode) the live worker processes; at the end a verdict line says whether both stayed
 * flat, with the numbers. Not part of {@code ./mvnw verify}: run it with
 * {@code benchmarks/soak.sh} or
 * {@code java -Xss4m -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.Soak [executions] [in-process|process] [step]}
 * (defaults 100000, in-process, 10000).
 * <p>
 * Flat means: the heap after GC at the end is at most {@value #HEAP_SLACK_MIB} MiB or
 * {@value #HEAP_SLACK_PERCENT}% (whichever is larger) above the first sample, taken after
 * a warm-up, and the threads (and worker processes) are no more than at the first sample
 * plus {@value #THREAD_SLACK} (pools may have a thread more or less at a given moment).
 */
public final class Soak {

	private static final int WARM_UP_EXECUTIONS = 500;

	static final double HEAP_SLACK_MIB = 4;

	static final double HEAP_SLACK_PERCENT = 10;

	static final int THREAD_SLACK = 2;

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		int executions = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		String isolation = (args.length > 1) ? args[1] : "in-process";
		int step = Math.min(executions, (args.length > 2) ? Integer.parseInt(args[2]) : 10_000);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		CodeExecutor executor = BenchmarkTools.executor(isolation, 1);
		try {
			CodeModeToolCallback codemode = BenchmarkTools.codemode(executor);
			String input = BenchmarkTools.input(BenchmarkTools.JS);
			for (int i = 0; i < WARM_UP_EXECUTIONS; i++) {
				call(codemode, input, i);
			}
			List<Sample> samples = new ArrayList<>();
			long start = System.nanoTime();
			long sampling = 0;
			for (int i = 0; i <= executions; i++) {
				if (i % step == 0) {
					long sampleStart = System.nanoTime();
					Sample sample = new Sample(i, HeapProbe.usedAfterGcMib(), threads.getThreadCount(),
							ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
					samples.add(sample);
					System.out.printf("soak isolation=%s executions=%d heap_after_gc_mib=%.1f threads=%d workers=%d%n",
							isolation, sample.executions, sample.heapMib, sample.threads, sample.workers);
					sampling += System.nanoTime() - sampleStart;
				}
				if (i < executions) {
					call(codemode, input, i);
				}
			}
			// Executions per second without the time the samples' collections took.
			double seconds = (System.nanoTime() - start - sampling) / 1e9;
			Sample first = samples.get(0);
			Sample last = samples.get(samples.size() - 1);
			double heapSlack = Math.max(HEAP_SLACK_MIB, first.heapMib * HEAP_SLACK_PERCENT / 100);
			boolean heapFlat = last.heapMib <= first.heapMib + heapSlack;
			boolean threadsFlat = last.threads <= first.threads + THREAD_SLACK
					&& last.workers <= first.workers + THREAD_SLACK;
			double maxHeap = samples.stream().mapToDouble(Sample::heapMib).max().orElse(0);
			int maxThreads = samples.stream().mapToInt(Sample::threads).max().orElse(0);
			System.out.printf(
					"soak verdict: %s isolation=%s executions=%d per_second=%.0f heap_after_gc_mib %.1f -> %.1f "
							+ "(max %.1f, slack %.1f) %s, threads %d -> %d (max %d), workers %d -> %d %s%n",
					(heapFlat && threadsFlat) ? "FLAT" : "NOT FLAT", isolation, executions, executions / seconds,
					first.heapMib, last.heapMib, maxHeap, heapSlack, heapFlat ? "flat" : "GREW", first.threads,
					last.threads, maxThreads, first.workers, last.workers, threadsFlat ? "flat" : "GREW");
			if (executor instanceof ProcessCodeExecutor process) {
				System.out.println("soak workers: " + process.workers());
			}
		}
		finally {
			((AutoCloseable) executor).close();
		}
	}

	private static void call(CodeModeToolCallback codemode, String input, int i) {
		String result = codemode.call(input);
		if (!BenchmarkTools.EXPECTED.equals(result)) {
			throw new IllegalStateException("unexpected result at " + i + ": " + result);
		}
	}

	private record Sample(int executions, double heapMib, int threads, long workers) {
	}

}
