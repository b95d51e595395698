package dev.codemode.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * In-process against process, interleaved execution by execution in one JVM, so that both
 * see the same load on a shared machine (JMH runs one after the other). For each: the
 * two-tool program through the {@code codemode} callback, and a program of 50 sequential
 * tool calls whose tool notes when each call arrives, so that the time from one call's
 * arrival to the next is one round trip (the tool's return, the program's loop step, the
 * next call). Run it with
 * {@code java -Xss4m -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.IsolationLatency [rounds, default 300]}.
 */
public final class IsolationLatency {

	private static final int CALLS = IsolationBenchmark.SEQUENTIAL_CALLS;

	private static final String CALLS_PROGRAM = "async () => { let b = 0; for (let i = 0; i < " + CALLS
			+ "; i++) { b += await codemode.add({a: 1, b: 2}); } return b; }";

	private static final String[] NAMES = { "in-process", "process" };

	private static final long[] arrivals = new long[CALLS];

	private static int arrived;

	private IsolationLatency() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 300;
		ToolFunction add = (input) -> {
			arrivals[arrived++] = System.nanoTime();
			return "3";
		};
		List<ToolNamespace> namespaces = List.of(new ToolNamespace("codemode", Map.of("add", add)));
		GraalJsCodeExecutor inProcess = new GraalJsCodeExecutor(GraalJsExecutorOptions.defaults());
		inProcess.warmUp();
		try (inProcess;
				ProcessCodeExecutor process = BenchmarkTools.processExecutor(GraalJsExecutorOptions.defaults(), 1)) {
			CodeExecutor[] executors = { inProcess, process };
			CodeModeToolCallback[] codemode = { BenchmarkTools.codemode(inProcess), BenchmarkTools.codemode(process) };
			List<List<Double>> twoTools = List.of(new ArrayList<>(), new ArrayList<>());
			List<List<Double>> roundTrips = List.of(new ArrayList<>(), new ArrayList<>());
			int warmUp = rounds / 2;
			for (int round = 0; round < warmUp + rounds; round++) {
				for (int k = 0; k < 2; k++) {
					// Each goes first every other round.
					int mode = (round % 2 == 0) ? k : 1 - k;
					long start = System.nanoTime();
					String result = codemode[mode].call(CodeModeState.JS_INPUT);
					long end = System.nanoTime();
					if (!BenchmarkTools.EXPECTED.equals(result)) {
						throw new IllegalStateException("unexpected result: " + result);
					}
					arrived = 0;
					ExecutionResult calls = executors[mode].execute(CALLS_PROGRAM, namespaces);
					if (!calls.succeeded() || arrived != CALLS) {
						throw new IllegalStateException("unexpected outcome: " + calls);
					}
					if (round >= warmUp) {
						twoTools.get(mode).add((end - start) / 1e6);
						for (int i = 1; i < CALLS; i++) {
							roundTrips.get(mode).add((arrivals[i] - arrivals[i - 1]) / 1e6);
						}
					}
				}
			}
			for (int mode = 0; mode < 2; mode++) {
				System.out.printf(
						"%s rounds=%d two_tools_ms p10=%.3f p50=%.3f p90=%.3f tool_round_trip_ms p10=%.4f p50=%.4f p90=%.4f%n",
						NAMES[mode], rounds, percentile(twoTools.get(mode), 10), percentile(twoTools.get(mode), 50),
						percentile(twoTools.get(mode), 90), percentile(roundTrips.get(mode), 10),
						percentile(roundTrips.get(mode), 50), percentile(roundTrips.get(mode), 90));
			}
		}
	}

	private static double percentile(List<Double> values, int percent) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
	}

}
