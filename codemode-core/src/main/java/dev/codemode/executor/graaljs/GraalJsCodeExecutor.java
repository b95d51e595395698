package dev.codemode.executor.graaljs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.internal.CodeModeThreads;
import dev.codemode.internal.SandboxEngines;
import dev.codemode.program.ProgramNormalizer;

/**
 * Runs programs in GraalJS (community edition): a fresh, locked-down context per
 * execution on one shared engine, tools called through a frozen per-execution bridge, and
 * every limit enforced by the host.
 * <p>
 * The context runs under {@link SandboxPolicy#CONSTRAINED} with
 * {@link HostAccess#CONSTRAINED}, no host class lookup, no I/O, threads, native or
 * polyglot access, {@code eval} off unless allowed, and the engine's non-standard
 * builtins ({@code load}, {@code print}, {@code Graal}, …) off. Wall-clock time, CPU time
 * and allocation are watched by a {@link Watchdog}; statements are counted by the engine.
 * <p>
 * Thread-safe. Close it to release the engine and its threads.
 */
public final class GraalJsCodeExecutor implements CodeExecutor, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GraalJsCodeExecutor.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Stack of the execution threads: deep enough for real recursion, small enough to
	 * overflow fast.
	 */
	private static final long EXECUTION_STACK_SIZE = 4L << 20;

	/**
	 * Contexts kept ready: enough for a burst on a small machine, few enough to cost
	 * little memory.
	 */
	private static final int CONTEXTS_READY = 2;

	private static final long WAIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

	/**
	 * Longest array or array-like that the guarded builtins accept: their loops run
	 * inside the engine, where a cancellation cannot land, so this bounds how long one
	 * builtin call can hold its thread.
	 */
	static final int MAX_ARRAY_LENGTH = 1 << 20;

	/**
	 * Largest buffer (and so typed array) one call may make: the typed arrays' own
	 * methods loop over their elements inside the engine too.
	 */
	static final long MAX_BUFFER_BYTES = 128L << 20;

	/**
	 * Largest BigInt, in decimal digits, that {@code BigInt(string)} parses and
	 * {@code toString} prints.
	 */
	static final int MAX_BIGINT_DIGITS = 10_000;

	private final GraalJsExecutorOptions options;

	private final Engine engine;

	private final Source runtime;

	private final @Nullable ResourceLimits limits;

	private final ProgramNormalizer normalizer;

	private final Watchdog watchdog = new Watchdog();

	private final ThreadPoolExecutor executions;

	private final RetiredThreads retired;

	private final ExecutorService cancellations;

	private final @Nullable ToolThreads ownToolPool;

	private final Executor toolExecutor;

	private final String envJson;

	private final ContextPool contexts;

	private final ExecutorParts parts;

	/** An executor with the default options. */
	public GraalJsCodeExecutor() {
		this(GraalJsExecutorOptions.defaults());
	}

	/**
	 * @param options limits and switches
	 */
	public GraalJsCodeExecutor(GraalJsExecutorOptions options) {
		this.options = options;
		this.engine = SandboxEngines.constrained("codemode-engine-builder");
		this.runtime = loadRuntime();
		this.limits = (options.maxStatements() > 0)
				? ResourceLimits.newBuilder().statementLimit(options.maxStatements(), null).build() : null;
		this.normalizer = new ProgramNormalizer(options.maxCodeLength(), options.maxNestingDepth(),
				options.transpiler(), options.programCacheSize());
		this.executions = new ThreadPoolExecutor(options.maxConcurrentExecutions(), options.maxConcurrentExecutions(),
				60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024), threads("codemode-exec-", EXECUTION_STACK_SIZE));
		this.executions.allowCoreThreadTimeOut(true);
		this.retired = new RetiredThreads(this.executions, options.maxRetiredThreads());
		this.cancellations = Executors.newCachedThreadPool(threads("codemode-cancel-", 0));
		if (options.toolExecutor() != null) {
			this.ownToolPool = null;
			this.toolExecutor = options.toolExecutor();
		}
		else {
			// Sized for every execution's share of calls in flight: see ToolThreads.
			this.ownToolPool = ToolThreads.of(options);
			this.toolExecutor = this.ownToolPool;
		}
		this.envJson = JSON.writeValueAsString(options.env());
		this.contexts = new ContextPool(this::warmContext, CONTEXTS_READY);
		this.parts = new ExecutorParts(options, this.normalizer, this.contexts, this.watchdog, this.toolExecutor,
				orOnCaller(this.cancellations));
	}

	@Override
	public ExecutionResult execute(String code, List<ToolNamespace> namespaces) {
		ToolTable tools = ToolTable.of(namespaces);
		ExecutionError refusal = this.retired.refusal();
		if (refusal != null) {
			return ExecutionResult.failed(refusal);
		}
		Execution execution = new Execution(this.parts, tools);
		RetiredThreads.Watch watch = new RetiredThreads.Watch();
		Future<ExecutionResult> future;
		try {
			future = this.executions.submit(() -> {
				try {
					return execution.run(code);
				}
				finally {
					this.retired.finished(watch);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			return ExecutionResult.failed(new ExecutionError(ExecutionError.LIMIT,
					"too many executions are waiting to run; try again shortly"));
		}
		try {
			// The watchdog ends the execution at its timeout; this bound only guards
			// against a thread stuck in
			// something that cannot be cancelled.
			return future.get(this.options.timeout().toNanos() + WAIT_GRACE_NANOS, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			// Stop the guest code too, not only the wait: an interrupt alone does not end
			// a JavaScript loop.
			ExecutionError timeout = execution.cancelAtTimeout();
			future.cancel(true);
			this.retired.overran(watch, execution.thread());
			return ExecutionResult.failed(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ExecutionError interrupted = new ExecutionError(ExecutionError.TIMEOUT, "the execution was interrupted");
			execution.cancel(interrupted);
			future.cancel(true);
			return ExecutionResult.failed(interrupted);
		}
		catch (ExecutionException ex) {
			logger.warn("An execution failed unexpectedly", ex.getCause());
			return ExecutionResult.failed(new ExecutionError("Error", "internal error in the sandbox"));
		}
	}

	/**
	 * @return threads stuck now past their deadline in work nothing could stop: execution
	 * threads, and parser threads in native parsing
	 */
	public int retiredThreads() {
		return this.retired.current() + this.normalizer.runningRetiredParserThreads();
	}

	/**
	 * @return execution threads retired since the executor started, including those that
	 * returned since
	 */
	public long retiredThreadsTotal() {
		return this.retired.total() + this.normalizer.retiredParserThreads();
	}

	/**
	 * @return whether new executions are accepted: false while too many threads are
	 * retired
	 */
	public boolean acceptsExecutions() {
		return this.retired.refusal() == null && this.normalizer.acceptsParses();
	}

	@Override
	public String describeLimits() {
		return this.options.describeLimits();
	}

	/**
	 * Starts the engine and runs a small varied set of programs, JavaScript and
	 * TypeScript, enough times for the JVM to compile what every execution runs, so that
	 * the first real execution pays for neither. A program that ends otherwise than
	 * expected is logged at WARN.
	 * @return whether every warm-up program ended as expected
	 */
	public boolean warmUp() {
		// Typed programs among them load the TypeScript path too: on the pure-JVM path
		// that is a library of its own, seconds to load in an interpreter.
		List<String> unexpected = WarmUpPrograms.run(this, WarmUpPrograms.ROUNDS);
		unexpected.forEach((problem) -> logger.warn("A code mode warm-up program went wrong: {}", problem));
		return unexpected.isEmpty();
	}

	/**
	 * @return what parses programs and strips their types here, e.g.
	 * {@code "native (SWC)"}
	 */
	public String transpiler() {
		return this.normalizer.transpiler();
	}

	/**
	 * @return the options this executor was built with
	 */
	public GraalJsExecutorOptions options() {
		return this.options;
	}

	/**
	 * @return the executions running now (a test checks that none is left behind after
	 * abuse)
	 */
	int activeExecutions() {
		return this.executions.getActiveCount();
	}

	Context newContext() {
		Context.Builder builder = Context.newBuilder("js");
		if (this.limits != null) {
			builder.resourceLimits(this.limits);
		}
		return builder.engine(this.engine)
			.sandbox(SandboxPolicy.CONSTRAINED)
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

	/**
	 * A fresh context with the sandbox runtime in it, and the bridge its execution
	 * attaches to.
	 */
	ContextPool.WarmContext warmContext() {
		Context context = newContext();
		try {
			ContextPool.Bridge bridge = new ContextPool.Bridge();
			Value runtime = context.eval(this.runtime)
				.execute(bridge.callTool(), bridge.writeLog(), this.envJson, this.options.maxConsoleChars(),
						this.options.maxResultChars(), ToolBridge.MAX_TOOL_INPUT_CHARS, MAX_ARRAY_LENGTH,
						MAX_BIGINT_DIGITS, Math.min(MAX_BUFFER_BYTES, this.options.maxAllocatedBytes()));
			return new ContextPool.WarmContext(context, runtime, bridge);
		}
		catch (RuntimeException ex) {
			context.close(true);
			throw ex;
		}
	}

	/**
	 * @return the tool calls running or waiting on the executor's own threads (0 with a
	 * tool executor of the user's)
	 */
	int busyToolThreads() {
		return (this.ownToolPool != null) ? this.ownToolPool.busy() : 0;
	}

	/**
	 * @return an executor that runs each task on the pool, or on the caller's thread once
	 * the pool is shut down
	 */
	private static Executor orOnCaller(ExecutorService pool) {
		return (task) -> {
			try {
				pool.execute(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		};
	}

	@Override
	public void close() {
		this.contexts.close();
		this.executions.shutdownNow();
		this.watchdog.close();
		this.cancellations.shutdownNow();
		if (this.ownToolPool != null) {
			this.ownToolPool.close();
		}
		this.normalizer.close();
		this.engine.close(true);
	}

	private static Source loadRuntime() {
		try (InputStream in = GraalJsCodeExecutor.class.getResourceAsStream("runtime.js")) {
			if (in == null) {
				throw new IllegalStateException("runtime.js is missing from the class path");
			}
			return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "codemode-runtime.js")
				.cached(true)
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ThreadFactory threads(String prefix, long stackSize) {
		// Threads that inherit nothing from the caller that happens to create them (issue
		// 10).
		return CodeModeThreads.factory(prefix, stackSize);
	}

}
