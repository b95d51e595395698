package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import dev.codemode.program.ProgramNormalizer;
import dev.codemode.program.Transpiler;

/**
 * The limits and switches of a {@link GraalJsCodeExecutor}. Immutable; build one with
 * {@link #builder()}. Every size and duration is bounded by default, with values a
 * production application can live with.
 */
public final class GraalJsExecutorOptions {

	private final Duration timeout;

	private final Duration maxCpuTime;

	private final long maxStatements;

	private final long maxAllocatedBytes;

	private final int maxCodeLength;

	private final int maxNestingDepth;

	private final int maxToolCalls;

	private final int maxToolCallsInFlight;

	private final int maxConsoleChars;

	private final int maxResultChars;

	private final int maxConcurrentExecutions;

	private final int maxRetiredThreads;

	private final boolean allowEval;

	private final Map<String, String> env;

	private final Executor toolExecutor;

	private final boolean virtualToolThreads;

	private final Transpiler transpiler;

	private GraalJsExecutorOptions(Builder builder) {
		this.timeout = positive(builder.timeout, "timeout");
		this.maxCpuTime = positive(builder.maxCpuTime, "maxCpuTime");
		this.maxStatements = atLeastZero(builder.maxStatements, "maxStatements");
		this.maxAllocatedBytes = positive(builder.maxAllocatedBytes, "maxAllocatedBytes");
		this.maxCodeLength = (int) positive(builder.maxCodeLength, "maxCodeLength");
		this.maxNestingDepth = (int) positive(builder.maxNestingDepth, "maxNestingDepth");
		this.maxToolCalls = (int) atLeastZero(builder.maxToolCalls, "maxToolCalls");
		this.maxToolCallsInFlight = (int) positive(builder.maxToolCallsInFlight, "maxToolCallsInFlight");
		this.maxConsoleChars = (int) atLeastZero(builder.maxConsoleChars, "maxConsoleChars");
		this.maxResultChars = (int) positive(builder.maxResultChars, "maxResultChars");
		this.maxConcurrentExecutions = (int) positive(builder.maxConcurrentExecutions, "maxConcurrentExecutions");
		this.maxRetiredThreads = (int) atLeastZero(builder.maxRetiredThreads, "maxRetiredThreads");
		this.allowEval = builder.allowEval;
		this.env = Collections.unmodifiableMap(new LinkedHashMap<>(builder.env));
		this.toolExecutor = builder.toolExecutor;
		this.virtualToolThreads = builder.virtualToolThreads;
		this.transpiler = Objects.requireNonNull(builder.transpiler, "transpiler");
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
	 * @return a builder that starts from these options
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.timeout = this.timeout;
		builder.maxCpuTime = this.maxCpuTime;
		builder.maxStatements = this.maxStatements;
		builder.maxAllocatedBytes = this.maxAllocatedBytes;
		builder.maxCodeLength = this.maxCodeLength;
		builder.maxNestingDepth = this.maxNestingDepth;
		builder.maxToolCalls = this.maxToolCalls;
		builder.maxToolCallsInFlight = this.maxToolCallsInFlight;
		builder.maxConsoleChars = this.maxConsoleChars;
		builder.maxResultChars = this.maxResultChars;
		builder.maxConcurrentExecutions = this.maxConcurrentExecutions;
		builder.maxRetiredThreads = this.maxRetiredThreads;
		builder.allowEval = this.allowEval;
		builder.env = new LinkedHashMap<>(this.env);
		builder.toolExecutor = this.toolExecutor;
		builder.virtualToolThreads = this.virtualToolThreads;
		builder.transpiler = this.transpiler;
		return builder;
	}

	/**
	 * @return the wall-clock limit of one execution, tool waits included
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * @return the CPU time that one execution's JavaScript may use
	 */
	public Duration maxCpuTime() {
		return this.maxCpuTime;
	}

	/**
	 * @return the number of JavaScript statements one execution may run
	 */
	public long maxStatements() {
		return this.maxStatements;
	}

	/**
	 * @return the bytes that one execution's thread may allocate, garbage included
	 */
	public long maxAllocatedBytes() {
		return this.maxAllocatedBytes;
	}

	/**
	 * @return the longest program accepted, in characters
	 */
	public int maxCodeLength() {
		return this.maxCodeLength;
	}

	/**
	 * @return the deepest syntax tree accepted
	 */
	public int maxNestingDepth() {
		return this.maxNestingDepth;
	}

	/**
	 * @return the tool calls one execution may make; call N+1 fails with a limit error
	 * that ends the execution
	 */
	public int maxToolCalls() {
		return this.maxToolCalls;
	}

	/**
	 * @return the tool calls of one execution that may run at once; the others wait in
	 * order. The executor's own tool threads are sized so that every execution can run
	 * this many at once (see {@link #toolExecutor()})
	 */
	public int maxToolCallsInFlight() {
		return this.maxToolCallsInFlight;
	}

	/**
	 * @return the characters of console output kept per execution
	 */
	public int maxConsoleChars() {
		return this.maxConsoleChars;
	}

	/**
	 * @return the characters of the result's JSON kept per execution
	 */
	public int maxResultChars() {
		return this.maxResultChars;
	}

	/**
	 * @return the executions that may run at once; more wait for a free thread
	 */
	public int maxConcurrentExecutions() {
		return this.maxConcurrentExecutions;
	}

	/**
	 * @return whether {@code eval} and {@code new Function} work in the sandbox
	 */
	/**
	 * @return how many execution threads may be stuck in work the engine could not stop
	 * before new executions are refused
	 */
	public int maxRetiredThreads() {
		return this.maxRetiredThreads;
	}

	public boolean allowEval() {
		return this.allowEval;
	}

	/**
	 * @return which parser reads programs and strips their TypeScript types
	 */
	public Transpiler transpiler() {
		return this.transpiler;
	}

	/**
	 * @return the values a program sees as {@code process.env}
	 */
	public Map<String, String> env() {
		return this.env;
	}

	/**
	 * @return where tool calls run, or {@code null} for the executor's own threads: a
	 * pool of {@code maxConcurrentExecutions × maxToolCallsInFlight} platform threads,
	 * made when needed and ended when idle, so that every execution can always run its
	 * share of calls at once (or virtual threads, see {@link #virtualToolThreads()}). An
	 * executor given here must run the calls it gets at once (enough threads) for
	 * {@code Promise.all} to be parallel, and must let the executor interrupt a call that
	 * it cancels
	 */
	public Executor toolExecutor() {
		return this.toolExecutor;
	}

	/**
	 * @return whether the executor's own tool threads are virtual threads (JDK 21+; a
	 * pool of platform threads before that); ignored when a {@link #toolExecutor()} is
	 * set
	 */
	public boolean virtualToolThreads() {
		return this.virtualToolThreads;
	}

	private static long positive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	private static long atLeastZero(long value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
		return value;
	}

	private static Duration positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		return "GraalJsExecutorOptions[timeout=" + this.timeout + ", maxCpuTime=" + this.maxCpuTime + ", maxStatements="
				+ this.maxStatements + ", maxAllocatedBytes=" + this.maxAllocatedBytes + ", maxCodeLength="
				+ this.maxCodeLength + ", maxNestingDepth=" + this.maxNestingDepth + ", maxToolCalls="
				+ this.maxToolCalls + ", maxToolCallsInFlight=" + this.maxToolCallsInFlight + ", maxConsoleChars="
				+ this.maxConsoleChars + ", maxResultChars=" + this.maxResultChars + ", maxConcurrentExecutions="
				+ this.maxConcurrentExecutions + ", maxRetiredThreads=" + this.maxRetiredThreads + ", allowEval="
				+ this.allowEval + ", env=" + this.env.keySet() + ", virtualToolThreads=" + this.virtualToolThreads
				+ ", transpiler=" + this.transpiler + "]";
	}

	/** Builds {@link GraalJsExecutorOptions}; every setter has a sensible default. */
	public static final class Builder {

		private Duration timeout = Duration.ofSeconds(30);

		private Duration maxCpuTime = Duration.ofSeconds(10);

		/**
		 * Off: a statement count says nothing about time, so on a fast machine it cut
		 * programs short.
		 */
		private long maxStatements;

		private long maxAllocatedBytes = defaultAllocationBudget();

		private long maxCodeLength = ProgramNormalizer.DEFAULT_MAX_CODE_LENGTH;

		private long maxNestingDepth = ProgramNormalizer.DEFAULT_MAX_NESTING_DEPTH;

		private long maxToolCalls = 100;

		private long maxToolCallsInFlight = 16;

		private long maxConsoleChars = 8_000;

		private long maxResultChars = 16_000;

		private long maxConcurrentExecutions = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

		private long maxRetiredThreads = 4;

		private boolean allowEval;

		private Map<String, String> env = new LinkedHashMap<>();

		private Executor toolExecutor;

		private Transpiler transpiler = Transpiler.AUTO;

		private boolean virtualToolThreads;

		private Builder() {
		}

		/**
		 * A quarter of the maximum heap, between 64 MiB and 1 GiB: one execution can
		 * never fill the heap.
		 */
		private static long defaultAllocationBudget() {
			long quarter = Runtime.getRuntime().maxMemory() / 4;
			return Math.max(64L << 20, Math.min(1L << 30, quarter));
		}

		/**
		 * @param timeout wall-clock limit of one execution, tool waits included (default
		 * 30 s) @return this
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * @param maxCpuTime CPU time one execution's JavaScript may use (default 10
		 * s) @return this
		 */
		public Builder maxCpuTime(Duration maxCpuTime) {
			this.maxCpuTime = maxCpuTime;
			return this;
		}

		/**
		 * @param maxStatements JavaScript statements per execution, 0 for no statement
		 * limit (default 0: the timeout and CPU limit bound a program's time) @return
		 * this
		 */
		public Builder maxStatements(long maxStatements) {
			this.maxStatements = maxStatements;
			return this;
		}

		/**
		 * @param maxAllocatedBytes bytes one execution may allocate, garbage included
		 * (default a quarter of the maximum heap, from 64 MiB to 1 GiB) @return this
		 */
		public Builder maxAllocatedBytes(long maxAllocatedBytes) {
			this.maxAllocatedBytes = maxAllocatedBytes;
			return this;
		}

		/**
		 * @param maxCodeLength longest program in characters (default 65,536) @return
		 * this
		 */
		public Builder maxCodeLength(int maxCodeLength) {
			this.maxCodeLength = maxCodeLength;
			return this;
		}

		/**
		 * @param maxNestingDepth deepest syntax tree accepted (default 400) @return this
		 */
		public Builder maxNestingDepth(int maxNestingDepth) {
			this.maxNestingDepth = maxNestingDepth;
			return this;
		}

		/**
		 * @param maxToolCalls tool calls per execution; call N+1 ends the execution with
		 * a limit error (default 100) @return this
		 */
		public Builder maxToolCalls(int maxToolCalls) {
			this.maxToolCalls = maxToolCalls;
			return this;
		}

		/**
		 * @param maxToolCallsInFlight tool calls of one execution running at once;
		 * further calls wait for their turn (default 16)
		 * @return this
		 */
		public Builder maxToolCallsInFlight(int maxToolCallsInFlight) {
			this.maxToolCallsInFlight = maxToolCallsInFlight;
			return this;
		}

		/**
		 * @param maxConsoleChars console characters kept per execution (default
		 * 8,000) @return this
		 */
		public Builder maxConsoleChars(int maxConsoleChars) {
			this.maxConsoleChars = maxConsoleChars;
			return this;
		}

		/**
		 * @param maxResultChars characters of the result's JSON kept (default
		 * 16,000) @return this
		 */
		public Builder maxResultChars(int maxResultChars) {
			this.maxResultChars = maxResultChars;
			return this;
		}

		/**
		 * @param maxConcurrentExecutions executions running at once (default twice the
		 * cores, at least 4) @return this
		 */
		public Builder maxConcurrentExecutions(int maxConcurrentExecutions) {
			this.maxConcurrentExecutions = maxConcurrentExecutions;
			return this;
		}

		/**
		 * @param maxRetiredThreads execution threads that may stay stuck past their
		 * timeout in work the engine could not stop; each is replaced so that capacity is
		 * kept, and beyond this many new executions are refused (default 4)
		 * @return this
		 */
		public Builder maxRetiredThreads(int maxRetiredThreads) {
			this.maxRetiredThreads = maxRetiredThreads;
			return this;
		}

		/**
		 * @param allowEval whether {@code eval} and {@code new Function} work (default
		 * false) @return this
		 */
		public Builder allowEval(boolean allowEval) {
			this.allowEval = allowEval;
			return this;
		}

		/**
		 * @param env values a program sees as {@code process.env} (default none) @return
		 * this
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
		public Builder toolExecutor(Executor toolExecutor) {
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
		 * (default {@link Transpiler#AUTO}: SWC where its native library loads, the
		 * pure-JVM path elsewhere)
		 * @return this
		 */
		public Builder transpiler(Transpiler transpiler) {
			this.transpiler = transpiler;
			return this;
		}

		/**
		 * @return the options
		 */
		public GraalJsExecutorOptions build() {
			return new GraalJsExecutorOptions(this);
		}

	}

}
