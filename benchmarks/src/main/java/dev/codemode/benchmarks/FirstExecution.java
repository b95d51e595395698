package dev.codemode.benchmarks;

import java.lang.management.ManagementFactory;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The first execution in a fresh JVM: engine start, first context, first parse. Run it several times, each in
 * a new JVM: {@code java -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.FirstExecution}.
 */
public final class FirstExecution {

    private FirstExecution() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (GraalJsCodeExecutor executor = BenchmarkTools.executor()) {
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
            System.out.printf("first-execution setup_ms=%.1f first_js_ms=%.1f first_ts_ms=%.1f total_ms=%.1f jvm_uptime_ms=%d%n",
                    (built - start) / 1e6, (first - built) / 1e6, (ts - first) / 1e6, (ts - start) / 1e6, jvmUptime);
        }
    }

}
