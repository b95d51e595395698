package dev.codemode.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The {@code codemode} tool over the benchmark tools, shared by all threads of a trial.
 */
@State(Scope.Benchmark)
public class CodeModeState {

	static final String JS_INPUT = BenchmarkTools.input(BenchmarkTools.JS);

	static final String TS_INPUT = BenchmarkTools.input(BenchmarkTools.TS);

	private GraalJsCodeExecutor executor;

	CodeModeToolCallback codemode;

	@Setup(Level.Trial)
	public void setUp() {
		this.executor = BenchmarkTools.executor();
		this.codemode = BenchmarkTools.codemode(this.executor);
		String first = this.codemode.call(JS_INPUT);
		if (!BenchmarkTools.EXPECTED.equals(first)) {
			throw new IllegalStateException("unexpected result: " + first);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.executor.close();
	}

}
