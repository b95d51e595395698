package dev.codemode.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm executions through the whole path a model's call takes: the {@code codemode}
 * callback parses the input, normalizes the program, strips types, runs it in a fresh
 * context and serializes the result. Sample mode gives the percentiles (p50 is the number
 * to compare with the seed-like executor's).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
public class CodeModeBenchmark {

	private static final String NO_CALL_INPUT = BenchmarkTools.input("async () => { return {a: 'x', b: 3}; }");

	private static final String TEN_CALLS_INPUT = BenchmarkTools.input(
			"async () => { let b = 0; for (let i = 0; i < 10; i++) { b += await codemode.add({a: 1, b: 2}); } return {a: 'x', b}; }");

	private static final String PARALLEL_INPUT = BenchmarkTools
		.input("async () => (await Promise.all(Array.from({length: 10}, (_, i) => codemode.sleep50({i})))).length");

	/** The seed benchmark's two-tool JavaScript program. */
	@Benchmark
	public String javaScriptTwoTools(CodeModeState state) {
		return state.codemode.call(CodeModeState.JS_INPUT);
	}

	/** The same program with TypeScript annotations. */
	@Benchmark
	public String typeScriptTwoTools(CodeModeState state) {
		return state.codemode.call(CodeModeState.TS_INPUT);
	}

	/**
	 * No tool call: with {@link #tenSequentialToolCalls()}, gives the cost of one call.
	 */
	@Benchmark
	public String noToolCall(CodeModeState state) {
		return state.codemode.call(NO_CALL_INPUT);
	}

	/** Ten awaited calls one after another. */
	@Benchmark
	public String tenSequentialToolCalls(CodeModeState state) {
		return state.codemode.call(TEN_CALLS_INPUT);
	}

	/** {@code Promise.all} of ten tools that take 50 ms each. */
	@Benchmark
	public String promiseAllOfTenSlowTools(CodeModeState state) {
		return state.codemode.call(PARALLEL_INPUT);
	}

}
