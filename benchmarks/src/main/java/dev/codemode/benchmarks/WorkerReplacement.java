package dev.codemode.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerStatistics;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * A worker killed and replaced, several times: a pool of two workers at the default heap
 * runs a program that kills its worker (by the heap cap, or by a timeout the worker
 * cannot enforce), then at once the two-tool program, which must succeed on the other
 * worker; then {@link ProcessCodeExecutor#workers()} is polled until the pool is full
 * again. Times are from the moment the killing execution returned. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.WorkerReplacement
 * [heap|timeout] [rounds, default 5] [timeout seconds, default 5]}.
 */
public final class WorkerReplacement {

	/**
	 * Each filling the worker's heap, in allocations too large and quick for the
	 * watchdog.
	 */
	static final String HEAP_KILLER = "async () => { const a = []; while (true) a.push(new Float64Array(8 << 20)); }";

	/**
	 * One BigInt power that takes tens of seconds inside {@code java.math}, where the
	 * worker's own watchdog cannot stop it (a loop of shorter operations would be stopped
	 * between two of them): only the kill at timeout + grace ends it.
	 */
	static final String TIMEOUT_KILLER = "async () => (3n ** 30000000n) > 0n";

	private WorkerReplacement() {
	}

	public static void main(String[] args) throws Exception {
		String kill = (args.length > 0) ? args[0] : "heap";
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		Duration timeout = Duration.ofSeconds((args.length > 2) ? Long.parseLong(args[2]) : 5);
		String killer = switch (kill) {
			case "heap" -> HEAP_KILLER;
			case "timeout" -> TIMEOUT_KILLER;
			default -> throw new IllegalArgumentException("kill is heap or timeout: " + kill);
		};
		GraalJsExecutorOptions options = GraalJsExecutorOptions.builder().timeout(timeout).build();
		long starting = System.nanoTime();
		try (ProcessCodeExecutor executor = BenchmarkTools.processExecutor(options, 2)) {
			long ready = System.nanoTime();
			CodeModeToolCallback codemode = BenchmarkTools.codemode(executor);
			for (int i = 0; i < 50; i++) {
				check(codemode.call(CodeModeState.JS_INPUT));
			}
			System.out.printf(
					"worker-replacement kill=%s rounds=%d timeout_s=%d workers=%d pool_ready_ms=%.0f "
							+ "worker_rss_mib=%s%n",
					kill, rounds, timeout.toSeconds(), executor.workers().count(), (ready - starting) / 1e6,
					workerRss());
			for (int round = 1; round <= rounds; round++) {
				if (!executor.warmUp()) {
					throw new IllegalStateException("the pool did not fill: " + executor.workers());
				}
				long killedBefore = total(executor.workers().killed());
				long start = System.nanoTime();
				ExecutionResult killed = executor.execute(killer, List.of());
				long returned = System.nanoTime();
				int aliveAfter = executor.workers().alive();
				String next = codemode.call(CodeModeState.JS_INPUT);
				long nextEnd = System.nanoTime();
				check(next);
				WorkerStatistics statistics = executor.workers();
				while (statistics.alive() < statistics.count()) {
					Thread.sleep(5);
					statistics = executor.workers();
				}
				long full = System.nanoTime();
				System.out
					.printf("round=%d killing_execution_ms=%.0f error=\"%s\" killed_a_worker=%s alive_after_kill=%d "
							+ "next_execution_ok=true next_execution_ms=%.1f pool_full_after_ms=%.0f killed=%s restarts=%d%n",
							round, (returned - start) / 1e6,
							(killed.error() != null) ? killed.error().describe() : "none: " + killed.resultJson(),
							total(statistics.killed()) > killedBefore, aliveAfter, (nextEnd - returned) / 1e6,
							(full - returned) / 1e6, statistics.killed(), statistics.restarts());
			}
		}
	}

	/**
	 * @return each worker's resident memory, from {@code /proc} (Linux only)
	 */
	static List<String> workerRss() {
		return ProcessHandle.current().children().map((child) -> {
			try {
				return Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status"))
					.stream()
					.filter((line) -> line.startsWith("VmRSS:"))
					.map((line) -> String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10))
					.findFirst()
					.orElse("?");
			}
			catch (IOException ex) {
				return "?";
			}
		}).toList();
	}

	private static long total(Map<String, Long> killed) {
		return killed.values().stream().mapToLong(Long::longValue).sum();
	}

	private static void check(String result) {
		if (!BenchmarkTools.EXPECTED.equals(result)) {
			throw new IllegalStateException("unexpected result: " + result);
		}
	}

}
