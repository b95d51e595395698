package dev.codemode.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The {@code codemode} tool over the benchmark tools on either executor: in-process
 * ({@link GraalJsCodeExecutor}) or in worker JVMs ({@link ProcessCodeExecutor}, default
 * options and heap, its workers started and warm before the first sample). Both have the
 * default executor options.
 */
@State(Scope.Benchmark)
public class IsolationState {

	/** {@code in-process} or {@code process}. */
	@Param({ "in-process", "process" })
	public String isolation;

	/**
	 * Worker JVMs in process mode: one is enough for one calling thread, and a second
	 * would only take the second core when it warms contexts.
	 */
	@Param({ "1" })
	public int workers;

	private AutoCloseable executor;

	CodeModeToolCallback codemode;

	@Setup(Level.Trial)
	public void setUp() {
		CodeExecutor executor = BenchmarkTools.executor(this.isolation, this.workers);
		this.executor = (AutoCloseable) executor;
		this.codemode = BenchmarkTools.codemode(executor);
		// Every program once, so that no sample times an error.
		expect(CodeModeState.JS_INPUT, BenchmarkTools.EXPECTED);
		expect(IsolationBenchmark.NO_CALL_INPUT, "{\"result\":{\"a\":\"x\",\"b\":3},\"logs\":[]}");
		expect(IsolationBenchmark.FIFTY_CALLS_INPUT, "{\"result\":{\"a\":\"x\",\"b\":150},\"logs\":[]}");
		expect(IsolationBenchmark.PARALLEL_INPUT, "{\"result\":10,\"logs\":[]}");
	}

	private void expect(String input, String expected) {
		String result = this.codemode.call(input);
		if (!expected.equals(result)) {
			throw new IllegalStateException("unexpected result: " + result);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.executor.close();
	}

}
