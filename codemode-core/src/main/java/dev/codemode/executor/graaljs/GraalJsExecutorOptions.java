package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.codemode.program.ProgramNormalizer;
import dev.codemode.program.Transpiler;

/**
 * The limits and switches of a {@link GraalJsCodeExecutor}: the one place where their
 * defaults are written (the {@code DEFAULT_*} constants, which the Spring Boot properties
 * start from). Build one with {@link #builder()}. Every size and duration is bounded by
 * default, with values a production application can live with.
 *
 * @param timeout the wall-clock limit of one execution, tool waits included
 * @param maxCpuTime the CPU time that one execution's JavaScript may use
 * @param maxStatements the JavaScript statements one execution may run, 0 for no
 * statement limit
 * @param maxAllocatedBytes the bytes that one execution's thread may allocate, garbage
 * included
 * @param maxCodeLength the longest program accepted, in characters
 * @param maxNestingDepth the deepest syntax tree accepted
 * @param maxToolCalls the tool calls one execution may make; call N+1 fails with a limit
 * error that ends the execution
 * @param maxToolCallsInFlight the tool calls of one execution that may run at once; the
 * others wait in order. The executor's own tool threads are sized so that every execution
 * can run this many at once (see {@code toolExecutor})
 * @param maxConsoleChars the characters of console output kept per execution
 * @param maxResultChars the characters of the result's JSON kept per execution
 * @param maxConcurrentExecutions the executions that may run at once; more wait for a
 * free thread
 * @param maxRetiredThreads how many execution threads may be stuck in work the engine
 * could not stop before new executions are refused
 * @param allowEval whether {@code eval} and {@code new Function} work in the sandbox
 * @param env the values a program sees as {@code process.env}
 * @param toolExecutor where tool calls run, or {@code null} for the executor's own
 * threads: a pool of {@code maxConcurrentExecutions × maxToolCallsInFlight} platform
 * threads, made when needed and ended when idle, so that every execution can always run
 * its share of calls at once (or virtual threads, see {@code virtualToolThreads}). An
 * executor given here must run the calls it gets at once (enough threads) for
 * {@code Promise.all} to be parallel, and must let the executor interrupt a call that it
 * cancels
 * @param virtualToolThreads whether the executor's own tool threads are virtual threads
 * (JDK 21+; a pool of platform threads before that); ignored when a {@code toolExecutor}
 * is set
 * @param transpiler which parser reads programs and strips their TypeScript types
 * @param programCacheSize how many prepared programs are kept so that a repeat of the
 * same code (a model's retry) is not parsed again, 0 for none; found by the full text,
 * never by a hash alone, and bounded in characters too
 */
public record GraalJsExecutorOptions(Duration timeout, Duration maxCpuTime, long maxStatements, long maxAllocatedBytes,
		int maxCodeLength, int maxNestingDepth, int maxToolCalls, int maxToolCallsInFlight, int maxConsoleChars,
		int maxResultChars, int maxConcurrentExecutions, int maxRetiredThreads, boolean allowEval,
		Map<String, String> env, @Nullable Executor toolExecutor, boolean virtualToolThreads, Transpiler transpiler,
		int programCacheSize) {

	/** Default wall-clock limit of one execution. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	/** Default CPU-time limit of one execution's JavaScript. */
	public static final Duration DEFAULT_MAX_CPU_TIME = Duration.ofSeconds(10);

	/**
	 * Default statement limit: off, since a statement count says nothing about time (on a
	 * fast machine it cut programs short); the timeout and CPU limit bound a program.
	 */
	public static final long DEFAULT_MAX_STATEMENTS = 0;

	/** Default longest program, in characters (65,536). */
	public static final int DEFAULT_MAX_CODE_LENGTH = ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH;

	/** Default deepest syntax tree (400). */
	public static final int DEFAULT_MAX_NESTING_DEPTH = ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH;

	/** Default tool calls per execution. */
	public static final int DEFAULT_MAX_TOOL_CALLS = 100;

	/** Default tool calls of one execution running at once. */
	public static final int DEFAULT_MAX_TOOL_CALLS_IN_FLIGHT = 16;

	/** Default console characters kept per execution. */
	public static final int DEFAULT_MAX_CONSOLE_CHARS = 8_000;

	/** Default characters of the result's JSON kept per execution. */
	public static final int DEFAULT_MAX_RESULT_CHARS = 16_000;

	/** Default execution threads that may stay stuck before executions are refused. */
	public static final int DEFAULT_MAX_RETIRED_THREADS = 4;

	/** Default of {@code allowEval}: {@code eval} and {@code new Function} are off. */
	public static final boolean DEFAULT_ALLOW_EVAL = false;

	/** Default transpiler: SWC where its native library loads, the pure-JVM path else. */
	public static final Transpiler DEFAULT_TRANSPILER = Transpiler.AUTO;

	/** Default number of prepared programs kept for repeats (256). */
	public static final int DEFAULT_PROGRAM_CACHE_SIZE = ProgramNormalizer.DEFAULT_CACHE_SIZE;

	/**
	 * Checks every limit and copies {@code env}.
	 */
	public GraalJsExecutorOptions {
		positive(timeout, "timeout");
		positive(maxCpuTime, "maxCpuTime");
		atLeastZero(maxStatements, "maxStatements");
		positive(maxAllocatedBytes, "maxAllocatedBytes");
		positive(maxCodeLength, "maxCodeLength");
		positive(maxNestingDepth, "maxNestingDepth");
		atLeastZero(maxToolCalls, "maxToolCalls");
		positive(maxToolCallsInFlight, "maxToolCallsInFlight");
		atLeastZero(maxConsoleChars, "maxConsoleChars");
		positive(maxResultChars, "maxResultChars");
		positive(maxConcurrentExecutions, "maxConcurrentExecutions");
		atLeastZero(maxRetiredThreads, "maxRetiredThreads");
		env = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(env, "env")));
		Objects.requireNonNull(transpiler, "transpiler");
		atLeastZero(programCacheSize, "programCacheSize");
	}

	/**
	 * The default of {@code maxAllocatedBytes}, which depends on the JVM: a quarter of
	 * the maximum heap, between 64 MiB and 1 GiB, so that one execution can never fill
	 * the heap.
	 * @return the default allocation budget of one execution
	 */
	public static long defaultMaxAllocatedBytes() {
		return defaultMaxAllocatedBytes(Runtime.getRuntime().maxMemory());
	}

	/**
	 * The default of {@code maxAllocatedBytes} for a JVM of the given heap, such as a
	 * worker JVM of process isolation.
	 * @param maxHeapBytes the JVM's maximum heap
	 * @return a quarter of it, between 64 MiB and 1 GiB
	 */
	public static long defaultMaxAllocatedBytes(long maxHeapBytes) {
		return Math.max(64L << 20, Math.min(1L << 30, maxHeapBytes / 4));
	}

	/**
	 * The default of {@code maxConcurrentExecutions}, which depends on the machine.
	 * @return twice the number of processors, at least 4
	 */
	public static int defaultMaxConcurrentExecutions() {
		return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
	}

	/**
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the defaults
	 */
	public static GraalJsExecutorOptions defaults() {
		return builder().build();
	}

	/**
	 * The limits a model should know, for the tool's description.
	 * @return one or two sentences, e.g. {@code Limits: 30 s per program, ...}
	 */
	public String describeLimits() {
		long seconds = this.timeout.toSeconds();
		return "Limits: " + ((seconds > 0) ? seconds + " s" : this.timeout.toMillis() + " ms")
				+ " per program (tool calls included), at most " + this.maxToolCalls
				+ " tool calls, and results longer than " + this.maxResultChars
				+ " characters of JSON are cut: return only what you need.";
	}

	/**
	 * @return a builder that starts from these options
	 */
	public Builder toBuilder() {
		return new Builder().timeout(this.timeout)
			.maxCpuTime(this.maxCpuTime)
			.maxStatements(this.maxStatements)
			.maxAllocatedBytes(this.maxAllocatedBytes)
			.maxCodeLength(this.maxCodeLength)
			.maxNestingDepth(this.maxNestingDepth)
			.maxToolCalls(this.maxToolCalls)
			.maxToolCallsInFlight(this.maxToolCallsInFlight)
			.maxConsoleChars(this.maxConsoleChars)
			.maxResultChars(this.maxResultChars)
			.maxConcurrentExecutions(this.maxConcurrentExecutions)
			.maxRetiredThreads(this.maxRetiredThreads)
			.allowEval(this.allowEval)
			.env(this.env)
			.toolExecutor(this.toolExecutor)
			.virtualToolThreads(this.virtualToolThreads)
			.transpiler(this.transpiler)
			.programCacheSize(this.programCacheSize);
	}

	// The values of env are never shown: they may be secrets.
	@Override
	public String toString() {
		return "GraalJsExecutorOptions[timeout=" + this.timeout + ", maxCpuTime=" + this.maxCpuTime + ", maxStatements="
				+ this.maxStatements + ", maxAllocatedBytes=" + this.maxAllocatedBytes + ", maxCodeLength="
				+ this.maxCodeLength + ", maxNestingDepth=" + this.maxNestingDepth + ", maxToolCalls="
				+ this.maxToolCalls + ", maxToolCallsInFlight=" + this.maxToolCallsInFlight + ", maxConsoleChars="
				+ this.maxConsoleChars + ", maxResultChars=" + this.maxResultChars + ", maxConcurrentExecutions="
				+ this.maxConcurrentExecutions + ", maxRetiredThreads=" + this.maxRetiredThreads + ", allowEval="
				+ this.allowEval + ", env=" + this.env.keySet() + ", virtualToolThreads=" + this.virtualToolThreads
				+ ", transpiler=" + this.transpiler + ", programCacheSize=" + this.programCacheSize + "]";
	}

	private static void positive(long value, String name) {
		atLeast(1, value, name);
	}

	private static void atLeastZero(long value, String name) {
		atLeast(0, value, name);
	}

	private static void atLeast(long minimum, long value, String name) {
		if (value < minimum) {
			throw new IllegalArgumentException(
					name + ((minimum > 0) ? " must be positive" : " must not be negative") + ", was " + value);
		}
	}

	private static void positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/**
	 * Builds {@link GraalJsExecutorOptions}; each setter's default is the matching
	 * {@code DEFAULT_*} constant (or {@code default*()} method) of the options, and each
	 * value is checked by {@link #build()}.
	 */
	public static final class Builder {

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration maxCpuTime = DEFAULT_MAX_CPU_TIME;

		private long maxStatements = DEFAULT_MAX_STATEMENTS;

		private long maxAllocatedBytes = defaultMaxAllocatedBytes();

		private int maxCodeLength = DEFAULT_MAX_CODE_LENGTH;

		private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;

		private int maxToolCalls = DEFAULT_MAX_TOOL_CALLS;

		private int maxToolCallsInFlight = DEFAULT_MAX_TOOL_CALLS_IN_FLIGHT;

		private int maxConsoleChars = DEFAULT_MAX_CONSOLE_CHARS;

		private int maxResultChars = DEFAULT_MAX_RESULT_CHARS;

		private int maxConcurrentExecutions = defaultMaxConcurrentExecutions();

		private int maxRetiredThreads = DEFAULT_MAX_RETIRED_THREADS;

		private boolean allowEval = DEFAULT_ALLOW_EVAL;

		private Map<String, String> env = new LinkedHashMap<>();

		private @Nullable Executor toolExecutor;

		private boolean virtualToolThreads;

		private Transpiler transpiler = DEFAULT_TRANSPILER;

		private int programCacheSize = DEFAULT_PROGRAM_CACHE_SIZE;

		private Builder() {
		}

		/**
		 * @param timeout wall-clock limit of one execution, tool waits included
		 * @return this
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * @param maxCpuTime CPU time one execution's JavaScript may use
		 * @return this
		 */
		public Builder maxCpuTime(Duration maxCpuTime) {
			this.maxCpuTime = maxCpuTime;
			return this;
		}

		/**
		 * @param maxStatements JavaScript statements per execution, 0 for no statement
		 * limit
		 * @return this
		 */
		public Builder maxStatements(long maxStatements) {
			this.maxStatements = maxStatements;
			return this;
		}

		/**
		 * @param maxAllocatedBytes bytes one execution may allocate, garbage included
		 * @return this
		 */
		public Builder maxAllocatedBytes(long maxAllocatedBytes) {
			this.maxAllocatedBytes = maxAllocatedBytes;
			return this;
		}

		/**
		 * @param maxCodeLength longest program in characters
		 * @return this
		 */
		public Builder maxCodeLength(int maxCodeLength) {
			this.maxCodeLength = maxCodeLength;
			return this;
		}

		/**
		 * @param maxNestingDepth deepest syntax tree accepted
		 * @return this
		 */
		public Builder maxNestingDepth(int maxNestingDepth) {
			this.maxNestingDepth = maxNestingDepth;
			return this;
		}

		/**
		 * @param maxToolCalls tool calls per execution; call N+1 ends the execution with
		 * a limit error
		 * @return this
		 */
		public Builder maxToolCalls(int maxToolCalls) {
			this.maxToolCalls = maxToolCalls;
			return this;
		}

		/**
		 * @param maxToolCallsInFlight tool calls of one execution running at once;
		 * further calls wait for their turn
		 * @return this
		 */
		public Builder maxToolCallsInFlight(int maxToolCallsInFlight) {
			this.maxToolCallsInFlight = maxToolCallsInFlight;
			return this;
		}

		/**
		 * @param maxConsoleChars console characters kept per execution
		 * @return this
		 */
		public Builder maxConsoleChars(int maxConsoleChars) {
			this.maxConsoleChars = maxConsoleChars;
			return this;
		}

		/**
		 * @param maxResultChars characters of the result's JSON kept
		 * @return this
		 */
		public Builder maxResultChars(int maxResultChars) {
			this.maxResultChars = maxResultChars;
			return this;
		}

		/**
		 * @param maxConcurrentExecutions executions running at once
		 * @return this
		 */
		public Builder maxConcurrentExecutions(int maxConcurrentExecutions) {
			this.maxConcurrentExecutions = maxConcurrentExecutions;
			return this;
		}

		/**
		 * @param maxRetiredThreads execution threads that may stay stuck past their
		 * timeout in work the engine could not stop; each is replaced so that capacity is
		 * kept, and beyond this many new executions are refused
		 * @return this
		 */
		public Builder maxRetiredThreads(int maxRetiredThreads) {
			this.maxRetiredThreads = maxRetiredThreads;
			return this;
		}

		/**
		 * @param allowEval whether {@code eval} and {@code new Function} work
		 * @return this
		 */
		public Builder allowEval(boolean allowEval) {
			this.allowEval = allowEval;
			return this;
		}

		/**
		 * @param env values a program sees as {@code process.env} (default none)
		 * @return this
		 */
		public Builder env(Map<String, String> env) {
			this.env = new LinkedHashMap<>(Objects.requireNonNull(env, "env"));
			return this;
		}

		/**
		 * @param toolExecutor where tool calls run (default: threads of the executor's
		 * own, see {@link GraalJsExecutorOptions#toolExecutor()})
		 * @return this
		 */
		public Builder toolExecutor(@Nullable Executor toolExecutor) {
			this.toolExecutor = toolExecutor;
			return this;
		}

		/**
		 * @param virtualToolThreads whether the executor's own tool threads are virtual
		 * threads, on JDK 21+ (default false: a bounded pool of platform threads)
		 * @return this
		 */
		public Builder virtualToolThreads(boolean virtualToolThreads) {
			this.virtualToolThreads = virtualToolThreads;
			return this;
		}

		/**
		 * @param transpiler which parser reads programs and strips their TypeScript types
		 * @return this
		 */
		public Builder transpiler(Transpiler transpiler) {
			this.transpiler = transpiler;
			return this;
		}

		/**
		 * @param programCacheSize how many prepared programs are kept for repeats of the
		 * same code, 0 for none
		 * @return this
		 */
		public Builder programCacheSize(int programCacheSize) {
			this.programCacheSize = programCacheSize;
			return this;
		}

		/**
		 * @return the options
		 * @throws IllegalArgumentException if a limit is out of its range
		 */
		public GraalJsExecutorOptions build() {
			return new GraalJsExecutorOptions(this.timeout, this.maxCpuTime, this.maxStatements, this.maxAllocatedBytes,
					this.maxCodeLength, this.maxNestingDepth, this.maxToolCalls, this.maxToolCallsInFlight,
					this.maxConsoleChars, this.maxResultChars, this.maxConcurrentExecutions, this.maxRetiredThreads,
					this.allowEval, this.env, this.toolExecutor, this.virtualToolThreads, this.transpiler,
					this.programCacheSize);
		}

	}

}
