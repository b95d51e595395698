package dev.codemode.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/** Executions per second of the two-tool JavaScript program with two calling threads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
@Threads(2)
public class ThroughputBenchmark {

    private static final String JS_INPUT = BenchmarkTools.input(BenchmarkTools.JS);

    private GraalJsCodeExecutor executor;

    private CodeModeToolCallback codemode;

    @Setup(Level.Trial)
    public void setUp() {
        this.executor = BenchmarkTools.executor();
        this.codemode = BenchmarkTools.codemode(this.executor);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.executor.close();
    }

    @Benchmark
    public String javaScriptTwoTools() {
        return this.codemode.call(JS_INPUT);
    }

}
