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
 * In-process against process isolation, in one run, on the programs of
 * {@link CodeModeBenchmark}, through the whole {@code codemode} callback. Sample mode
 * gives the percentiles. The cost of one tool call's round trip is
 * ({@link #fiftySequentialToolCalls} − {@link #noToolCall}) / 50.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
public class IsolationBenchmark {

	static final int SEQUENTIAL_CALLS = 50;

	static final String NO_CALL_INPUT = BenchmarkTools.input("async () => { return {a: 'x', b: 3}; }");

	static final String FIFTY_CALLS_INPUT = BenchmarkTools.input("async () => { let b = 0; for (let i = 0; i < "
			+ SEQUENTIAL_CALLS + "; i++) { b += await codemode.add({a: 1, b: 2}); } return {a: 'x', b}; }");

	static final String PARALLEL_INPUT = BenchmarkTools
		.input("async () => (await Promise.all(Array.from({length: 10}, (_, i) => codemode.sleep50({i})))).length");

	/** The seed benchmark's two-tool JavaScript program. */
	@Benchmark
	public String javaScriptTwoTools(IsolationState state) {
		return state.codemode.call(CodeModeState.JS_INPUT);
	}

	/** No tool call: the base of {@link #fiftySequentialToolCalls}. */
	@Benchmark
	public String noToolCall(IsolationState state) {
		return state.codemode.call(NO_CALL_INPUT);
	}

	/** Fifty awaited calls one after another. */
	@Benchmark
	public String fiftySequentialToolCalls(IsolationState state) {
		return state.codemode.call(FIFTY_CALLS_INPUT);
	}

	/** {@code Promise.all} of ten tools that take 50 ms each. */
	@Benchmark
	public String promiseAllOfTenSlowTools(IsolationState state) {
		return state.codemode.call(PARALLEL_INPUT);
	}

}
