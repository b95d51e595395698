package dev.codemode.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
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

import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.CompositeCodeModeListener;
import dev.codemode.boot.observation.ObservationCodeModeListener;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.internal.SandboxEngines;
import dev.codemode.program.PreparedProgram;
import dev.codemode.program.ProgramException;
import dev.codemode.program.ProgramNormalizer;
import dev.codemode.program.ToolCallSites;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The engine's floor beside the product's path, in one JMH run, on the seed benchmark's
 * two-tool program ({@link BenchmarkTools#JS}): each benchmark adds one layer, so the
 * differences of their p50s are the breakdown of where an execution's time goes.
 * <table>
 * <caption>The layers</caption>
 * <tr>
 * <th>benchmark</th>
 * <th>what it times</th>
 * <th>its share</th>
 * </tr>
 * <tr>
 * <td>{@link #floor}</td>
 * <td>a fresh context on a shared engine, the program, two tools as
 * {@code ProxyExecutable}s that return at once (wrapped in {@code async} functions, JSON
 * in and out), the result {@code JSON.stringify}-ed, the context closed</td>
 * <td>the engine's floor</td>
 * </tr>
 * <tr>
 * <td>{@link #floorWithRuntime}</td>
 * <td>the same, after evaluating the sandbox runtime ({@code runtime.js}) in the
 * context</td>
 * <td>context: − floor</td>
 * </tr>
 * <tr>
 * <td>{@link #normalizeJs}, {@link #normalizeTs}</td>
 * <td>{@link ProgramNormalizer}'s {@code prepare} of the JavaScript and the TypeScript
 * program</td>
 * <td>normalize; transpile: normalizeTs − normalizeJs</td>
 * </tr>
 * <tr>
 * <td>{@link #executorJs}, {@link #executorTs}</td>
 * <td>{@link GraalJsCodeExecutor}'s {@code execute} with the tools as
 * {@code ToolFunction}s</td>
 * <td>bridge: executorJs − floorWithRuntime − normalizeJs (tool threads, bind,
 * outcome)</td>
 * </tr>
 * <tr>
 * <td>{@link #callbackJs}, {@link #callbackTs}</td>
 * <td>the {@code codemode} callback's {@code call(input)}: the whole path</td>
 * <td>result encoding: callbackJs − executorJs (input parsing, tool callbacks, the
 * result's JSON)</td>
 * </tr>
 * <tr>
 * <td>{@link #callbackObservedJs}</td>
 * <td>the same with the starter's listeners (its statistics and its observation listener
 * on a registry with a meter handler, as an application with Actuator has)</td>
 * <td>listeners and observation: − callbackJs</td>
 * </tr>
 * </table>
 * The product's overhead over the floor is {@code callbackJs / floor − 1}.
 * <p>
 * The floor uses the product's engine ({@link SandboxEngines#constrained}) and builds its
 * contexts with exactly the options of {@code GraalJsCodeExecutor.newContext()} and the
 * default {@link GraalJsExecutorOptions} ({@link #newContext}): keep the two in step, or
 * the comparison means nothing. It evaluates {@code runtime.js} with the arguments of
 * {@code GraalJsCodeExecutor.warmContext()} (the limits are copied here, as they are
 * package-private there; keep them in step too). Only the floor benchmarks build their
 * contexts inline; the product may make its contexts ahead of time on its warmer thread,
 * which back to back cannot keep up (about 1 ms of CPU per context).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
public class FloorBenchmark {

	/** The name the executor gives the program's source. */
	private static final String PROGRAM_NAME = "codemode.js";

	/**
	 * Installs the two tools as the global {@code codemode}, runs the program and hands
	 * its result, as JSON, to {@code done}.
	 */
	private static final String HARNESS = """
			(function (getWeather, add, program, done) {
			    globalThis.codemode = Object.freeze({
			        getWeather: async (input) => JSON.parse(getWeather(JSON.stringify(input))),
			        add: async (input) => JSON.parse(add(JSON.stringify(input))),
			    });
			    program().then((value) => done(JSON.stringify(value)), (error) => done('failed: ' + error));
			})
			""";

	/** Long enough for any parse here: the benchmark's programs take microseconds. */
	private static final long PREPARE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** {@code ToolBridge.MAX_TOOL_INPUT_CHARS}. */
	private static final int MAX_TOOL_INPUT_CHARS = 1_000_000;

	/** {@code GraalJsCodeExecutor.MAX_ARRAY_LENGTH}. */
	private static final int MAX_ARRAY_LENGTH = 1 << 20;

	/** {@code GraalJsCodeExecutor.MAX_BIGINT_DIGITS}. */
	private static final int MAX_BIGINT_DIGITS = 10_000;

	/** {@code GraalJsCodeExecutor.MAX_BUFFER_BYTES}. */
	private static final long MAX_BUFFER_BYTES = 128L << 20;

	@Benchmark
	public String floor(Floor state) {
		return state.run(false);
	}

	@Benchmark
	public String floorWithRuntime(Floor state) {
		return state.run(true);
	}

	@Benchmark
	public PreparedProgram normalizeJs(Normalizer state) throws ProgramException {
		return state.normalizer.prepare(BenchmarkTools.JS, state.aliases, PREPARE_TIMEOUT_NANOS);
	}

	@Benchmark
	public PreparedProgram normalizeTs(Normalizer state) throws ProgramException {
		return state.normalizer.prepare(BenchmarkTools.TS, state.aliases, PREPARE_TIMEOUT_NANOS);
	}

	@Benchmark
	public ExecutionResult executorJs(Product state) {
		return state.executor.execute(BenchmarkTools.JS, state.namespaces);
	}

	@Benchmark
	public ExecutionResult executorTs(Product state) {
		return state.executor.execute(BenchmarkTools.TS, state.namespaces);
	}

	@Benchmark
	public String callbackJs(Product state) {
		return state.codemode.call(CodeModeState.JS_INPUT);
	}

	@Benchmark
	public String callbackTs(Product state) {
		return state.codemode.call(CodeModeState.TS_INPUT);
	}

	@Benchmark
	public String callbackObservedJs(Product state) {
		return state.observed.call(CodeModeState.JS_INPUT);
	}

	/** The bare engine loop: the product's engine, contexts and program, no codemode. */
	@State(Scope.Benchmark)
	public static class Floor {

		/**
		 * The product runs under {@code CONSTRAINED}; {@code TRUSTED}, with the same
		 * options set explicitly, shows whether the stricter policy costs anything per
		 * context.
		 */
		@Param({ "CONSTRAINED", "TRUSTED" })
		public SandboxPolicy policy;

		private final GraalJsExecutorOptions options = GraalJsExecutorOptions.defaults();

		private final ProxyExecutable getWeather = (arguments) -> BenchmarkTools.WEATHER_JSON;

		private final ProxyExecutable add = (arguments) -> "3";

		private final ProxyExecutable ignore = (arguments) -> null;

		private Engine engine;

		private Source harness;

		private Source runtime;

		private String result;

		private final ProxyExecutable done = (arguments) -> {
			this.result = arguments[0].asString();
			return null;
		};

		@Setup(Level.Trial)
		public void setUp() {
			this.engine = (this.policy == SandboxPolicy.CONSTRAINED)
					? SandboxEngines.constrained("codemode-floor-engine-builder")
					: Engine.newBuilder("js")
						.sandbox(this.policy)
						.out(OutputStream.nullOutputStream())
						.err(OutputStream.nullOutputStream())
						.option("engine.WarnInterpreterOnly", "false")
						.build();
			this.harness = Source.newBuilder("js", HARNESS, "floor-harness.js").cached(true).buildLiteral();
			this.runtime = Source.newBuilder("js", runtimeScript(), "codemode-runtime.js").cached(true).buildLiteral();
			for (boolean withRuntime : new boolean[] { false, true }) {
				String json = run(withRuntime);
				if (!BenchmarkTools.EXPECTED_RESULT.equals(json)) {
					throw new IllegalStateException("unexpected floor result: " + json);
				}
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.engine.close(true);
		}

		String run(boolean withRuntime) {
			this.result = null;
			try (Context context = newContext()) {
				if (withRuntime) {
					// The arguments of GraalJsCodeExecutor.warmContext(); the runtime's
					// host calls are never made here, since the program calls the
					// floor's tools.
					context.eval(this.runtime)
						.execute(this.ignore, this.ignore, "{}", this.options.maxConsoleChars(),
								this.options.maxResultChars(), MAX_TOOL_INPUT_CHARS, MAX_ARRAY_LENGTH,
								MAX_BIGINT_DIGITS, Math.min(MAX_BUFFER_BYTES, this.options.maxAllocatedBytes()));
				}
				// Built per execution as the executor does; the engine caches its parse.
				Value program = context.eval(Source.newBuilder("js", BenchmarkTools.JS, PROGRAM_NAME).buildLiteral());
				context.eval(this.harness).execute(this.getWeather, this.add, program, this.done);
			}
			return this.result;
		}

		/**
		 * A context as {@code GraalJsCodeExecutor.newContext()} builds it with the
		 * default options: keep the two in step.
		 */
		private Context newContext() {
			Context.Builder builder = Context.newBuilder("js");
			if (this.options.maxStatements() > 0) {
				builder.resourceLimits(
						ResourceLimits.newBuilder().statementLimit(this.options.maxStatements(), null).build());
			}
			return builder.engine(this.engine)
				.sandbox(this.policy)
				.allowHostAccess(HostAccess.CONSTRAINED)
				.out(OutputStream.nullOutputStream())
				.err(OutputStream.nullOutputStream())
				.in(InputStream.nullInputStream())
				.option("js.allow-eval", Boolean.toString(this.options.allowEval()))
				.option("js.load", "false")
				.option("js.print", "false")
				.option("js.graal-builtin", "false")
				.option("js.console", "false")
				.option("js.performance", "false")
				.option("js.unhandled-rejections", "throw")
				.build();
		}

		private static String runtimeScript() {
			try (InputStream in = GraalJsCodeExecutor.class.getResourceAsStream("runtime.js")) {
				if (in == null) {
					throw new IllegalStateException("runtime.js is missing from the class path");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** The executor's program preparation, on its own. */
	@State(Scope.Benchmark)
	public static class Normalizer {

		private final Map<String, String> aliases = ToolCallSites.aliases(List.of(ToolNamespace.DEFAULT_NAME));

		private ProgramNormalizer normalizer;

		@Setup(Level.Trial)
		public void setUp() {
			GraalJsExecutorOptions options = GraalJsExecutorOptions.defaults();
			this.normalizer = new ProgramNormalizer(options.maxCodeLength(), options.maxNestingDepth(),
					options.transpiler());
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.normalizer.close();
		}

	}

	/** The executor and the {@code codemode} callbacks over it. */
	@State(Scope.Benchmark)
	public static class Product {

		private final List<ToolNamespace> namespaces = BenchmarkTools.namespaces();

		private GraalJsCodeExecutor executor;

		private CodeModeToolCallback codemode;

		private CodeModeToolCallback observed;

		@Setup(Level.Trial)
		public void setUp() {
			this.executor = BenchmarkTools.executor();
			this.codemode = BenchmarkTools.codemode(this.executor);
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
			this.observed = BenchmarkTools.codemode(this.executor, CompositeCodeModeListener
				.of(List.of(new CodeModeStatistics(), new ObservationCodeModeListener(registry, null, null))));
			for (String program : new String[] { BenchmarkTools.JS, BenchmarkTools.TS }) {
				ExecutionResult result = this.executor.execute(program, this.namespaces);
				if (!BenchmarkTools.EXPECTED_RESULT.equals(result.resultJson())) {
					throw new IllegalStateException("unexpected result: " + result);
				}
			}
			BenchmarkTools.expectTwoTools(this.codemode);
			BenchmarkTools.expectTwoTools(this.observed);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.executor.close();
		}

	}

}
