package dev.codemode.benchmarks;

import java.lang.management.ManagementFactory;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.program.Transpiler;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The first execution in a fresh JVM: engine start, first context, first parse. Run it
 * several times, each in a new JVM:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.FirstExecution [auto|native|jvm]}
 * (the argument chooses the transpiler path, {@code auto} by default).
 */
public final class FirstExecution {

	private FirstExecution() {
	}

	public static void main(String[] args) {
		long start = System.nanoTime();
		Transpiler transpiler = (args.length > 0) ? Transpiler.valueOf(args[0].toUpperCase()) : Transpiler.AUTO;
		try (GraalJsCodeExecutor executor = BenchmarkTools.executor(transpiler)) {
			CodeModeToolCallback codemode = BenchmarkTools.codemode(executor);
			long built = System.nanoTime();
			String result = codemode.call(BenchmarkTools.input(BenchmarkTools.JS));
			long first = System.nanoTime();
			String second = codemode.call(BenchmarkTools.input(BenchmarkTools.TS));
			long ts = System.nanoTime();
			if (!BenchmarkTools.EXPECTED.equals(result) || !BenchmarkTools.EXPECTED.equals(second)) {
				throw new IllegalStateException("unexpected result: " + result + " / " + second);
			}
			long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
			System.out.printf(
					"first-execution transpiler=%s setup_ms=%.1f first_js_ms=%.1f first_ts_ms=%.1f total_ms=%.1f jvm_uptime_ms=%d%n",
					executor.transpiler(), (built - start) / 1e6, (first - built) / 1e6, (ts - first) / 1e6,
					(ts - start) / 1e6, jvmUptime);
		}
	}

}
