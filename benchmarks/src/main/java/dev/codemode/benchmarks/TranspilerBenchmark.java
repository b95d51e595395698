package dev.codemode.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.program.Transpiler;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The seed benchmark's two-tool program, in JavaScript and with TypeScript types, through
 * the {@code codemode} callback on each transpiler path: SWC's native library, and the
 * pure-JVM path (Babel's parser and Sucrase in GraalJS) that platforms without SWC's
 * library take.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
@State(Scope.Benchmark)
public class TranspilerBenchmark {

	@Param({ "NATIVE", "JVM" })
	public Transpiler transpiler;

	private GraalJsCodeExecutor executor;

	private CodeModeToolCallback codemode;

	@Setup(Level.Trial)
	public void setUp() {
		this.executor = BenchmarkTools.executor(this.transpiler);
		this.codemode = BenchmarkTools.codemode(this.executor);
		BenchmarkTools.expectTwoTools(this.codemode);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.executor.close();
	}

	@Benchmark
	public String javaScriptTwoTools() {
		return this.codemode.call(CodeModeState.JS_INPUT);
	}

	@Benchmark
	public String typeScriptTwoTools() {
		return this.codemode.call(CodeModeState.TS_INPUT);
	}

}
