package dev.codemode.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * Memory bombs against either executor, one after another, each timed, with this JVM's
 * heap after a full collection before and after each, and its peak during each. In
 * process mode (two workers at the default 256 MiB heap) each bomb is followed at once by
 * the two-tool program, and the pool is then awaited until it is full again. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.MemoryBombs
 * [process|in-process] [timeout seconds, default 5] [bomb names...]}.
 */
public final class MemoryBombs {

	/** Each bomb's program: each would fill any heap if nothing stopped it. */
	static final Map<String, String> BOMBS = new LinkedHashMap<>();

	static {
		BOMBS.put("string-doubling",
				"async () => { let s = 'x'; while (true) { s = s + s; s.charCodeAt(s.length - 1); } }");
		BOMBS.put("array-growth",
				"async () => { const a = []; for (let i = 0; ; i++) a.push({ i, s: 'item ' + i }); }");
		BOMBS.put("toSpliced-array-like",
				"async () => Array.prototype.toSpliced.call({ length: 2 ** 32 - 1 }, 0, 0).length");
		BOMBS.put("typed-arrays", "async () => { const a = []; while (true) a.push(new Float64Array(8 << 20)); }");
		BOMBS.put("result-200-mb", "async () => 'x'.repeat(200 * 1024 * 1024)");
	}

	private MemoryBombs() {
	}

	public static void main(String[] args) throws Exception {
		String isolation = (args.length > 0) ? args[0] : "process";
		Duration timeout = Duration.ofSeconds((args.length > 1) ? Long.parseLong(args[1]) : 5);
		List<String> names = (args.length > 2) ? Arrays.asList(args).subList(2, args.length)
				: List.copyOf(BOMBS.keySet());
		GraalJsExecutorOptions options = GraalJsExecutorOptions.builder().timeout(timeout).build();
		CodeExecutor executor = switch (isolation) {
			case "in-process" -> {
				GraalJsCodeExecutor inProcess = new GraalJsCodeExecutor(options);
				inProcess.warmUp();
				yield inProcess;
			}
			case "process" -> BenchmarkTools.processExecutor(options, 2);
			default -> throw new IllegalArgumentException("isolation is in-process or process: " + isolation);
		};
		System.out.printf("memory-bombs isolation=%s timeout_s=%d app_max_heap_mib=%.0f max_allocated_mib=%d%n",
				isolation, timeout.toSeconds(), HeapProbe.maxMib(), options.maxAllocatedBytes() >> 20);
		try (AutoCloseable closing = (AutoCloseable) executor) {
			CodeModeToolCallback codemode = BenchmarkTools.codemode(executor);
			for (int i = 0; i < 20; i++) {
				check(codemode.call(CodeModeState.JS_INPUT));
			}
			for (String name : names) {
				String code = BOMBS.get(name);
				if (code == null) {
					throw new IllegalArgumentException("no bomb " + name + "; there are " + BOMBS.keySet());
				}
				double before = HeapProbe.usedAfterGcMib();
				HeapProbe.resetPeak();
				long start = System.nanoTime();
				ExecutionResult result = executor.execute(code, List.of());
				long end = System.nanoTime();
				double peak = HeapProbe.peakMib();
				StringBuilder line = new StringBuilder(String.format("bomb=%s ms=%.0f within_timeout_plus_1s=%s", name,
						(end - start) / 1e6, (end - start) <= timeout.plusSeconds(1).toNanos()));
				ExecutionError error = result.error();
				if (error != null) {
					line.append(" kind=")
						.append(error.kind())
						.append(" message=\"")
						.append(error.message())
						.append('"');
				}
				else {
					line.append(" result_chars=")
						.append(result.resultJson().length())
						.append(" truncated=")
						.append(result.truncated());
				}
				if (executor instanceof ProcessCodeExecutor process) {
					// The next program at once: on the other worker when this one was
					// killed.
					line.append(" workers_alive_after=").append(process.workers().alive());
					long next = System.nanoTime();
					check(codemode.call(CodeModeState.JS_INPUT));
					line.append(String.format(" next_execution_ms=%.1f", (System.nanoTime() - next) / 1e6));
					boolean full = process.warmUp();
					line.append(String.format(" pool_full=%s after_ms=%.0f killed=%s restarts=%d", full,
							(System.nanoTime() - end) / 1e6, process.workers().killed(), process.workers().restarts()));
				}
				line.append(String.format(" app_heap_mib before=%.1f peak<=%.1f after=%.1f", before, peak,
						HeapProbe.usedAfterGcMib()));
				System.out.println(line);
			}
		}
	}

	private static void check(String result) {
		if (!BenchmarkTools.EXPECTED.equals(result)) {
			throw new IllegalStateException("unexpected result: " + result);
		}
	}

}
