package dev.codemode.program;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.enums.Swc4jSourceMapOption;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jTranspileOptions;
import com.caoccao.javet.swc4j.outputs.Swc4jParseOutput;
import com.caoccao.javet.swc4j.outputs.Swc4jTranspileOutput;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.internal.CodeModeThreads;

/**
 * SWC (through swc4j) as the parser and TypeScript transpiler.
 * <p>
 * SWC's parser recurses on the native stack and a stack overflow there kills the JVM (a
 * thousand nested brackets are enough on a default 1 MiB thread). Every call therefore
 * runs on a thread of this compiler's own, whose stack is large enough for the deepest
 * program that fits in the code-size limit; the stack is virtual memory that the OS
 * commits only as far as it is used.
 * <p>
 * Native code cannot be interrupted, so a call is never waited on past its time. At most
 * {@code threads} calls run at once and at most {@code queueCapacity} wait for one of
 * them; more are refused. A call that runs past its caller's deadline, or past the stall
 * time, is <em>retired</em>: its slot goes to the next call (so one slow parse cannot
 * delay the others), its thread is left to finish alone and is counted until it does. Its
 * caller gets a timeout at its deadline, or the result if the call finishes before that.
 * At most {@code maxRetired} threads are retired at once; while that many are, parsing is
 * refused, so an input that escaped {@link ParseGuard} cannot grow threads and CPU
 * without bound.
 */
final class SwcCompiler implements AutoCloseable {

	/**
	 * Default number of calls that run at once: two slow ones still leave two for
	 * everyone else.
	 */
	static final int DEFAULT_THREADS = 4;

	/** Default number of calls that may wait for a thread. */
	static final int DEFAULT_QUEUE_CAPACITY = 64;

	/** Default number of retired threads still running past which parsing is refused. */
	static final int DEFAULT_MAX_RETIRED = 4;

	/**
	 * Default time after which a call gives its slot to the next: many times what any
	 * accepted parse takes.
	 */
	static final long DEFAULT_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final Logger logger = LoggerFactory.getLogger(SwcCompiler.class);

	private static final long STACK_SIZE = 1L << 30;

	private static final Pattern LOCATION = Pattern.compile("\\s+at file:///\\S+?:(\\d+):(\\d+)\\s*$",
			Pattern.MULTILINE);

	private final Native swc;

	private final Semaphore slots;

	private final int queueCapacity;

	private final AtomicInteger waiting = new AtomicInteger();

	private final int maxRetired;

	private final AtomicInteger stuck = new AtomicInteger();

	private final AtomicLong retired = new AtomicLong();

	private final long stallNanos;

	private final ThreadPoolExecutor workers;

	SwcCompiler() {
		this(DEFAULT_THREADS, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_RETIRED, DEFAULT_STALL_NANOS, new Swc4jNative());
	}

	/**
	 * @param threads how many calls run at once
	 * @param queueCapacity how many calls may wait for a thread
	 * @param maxRetired how many retired threads may still run before parsing is refused
	 * @param stallNanos how long a call runs before its slot goes to the next call
	 * @param swc the native calls
	 */
	SwcCompiler(int threads, int queueCapacity, int maxRetired, long stallNanos, Native swc) {
		this.swc = swc;
		this.slots = new Semaphore(threads, true);
		this.queueCapacity = queueCapacity;
		this.maxRetired = maxRetired;
		this.stallNanos = stallNanos;
		// Threads of the library never inherit thread-locals from whoever happened to
		// create them.
		ThreadFactory factory = CodeModeThreads.factory("codemode-swc-", STACK_SIZE);
		// Running calls hold slots and retired ones are capped, so the pool never needs
		// more than this; a thread
		// that has just finished a call may not be back in the pool yet, hence the second
		// "threads".
		this.workers = new ThreadPoolExecutor(0, 2 * threads + maxRetired, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), factory);
	}

	/**
	 * Parses a program (script or module; TypeScript syntax accepted).
	 * @param code the code
	 * @param lineShift lines to add to SWC's line numbers to get the model's
	 * @param timeoutNanos how long to wait
	 * @return the parse output with its AST
	 * @throws ProgramException on a syntax error, a timeout, or when parsing is refused
	 */
	Swc4jParseOutput parse(String code, int lineShift, long timeoutNanos) throws ProgramException {
		return run(() -> this.swc.parse(code), lineShift, timeoutNanos);
	}

	/**
	 * Strips the types from a TypeScript script.
	 * @param script the script
	 * @param lineShift lines to add to SWC's line numbers to get the model's
	 * @param timeoutNanos how long to wait
	 * @return the output: JavaScript and its source map
	 * @throws ProgramException on a syntax error, a timeout, or when parsing is refused
	 */
	Swc4jTranspileOutput transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
		return run(() -> this.swc.transpile(script), lineShift, timeoutNanos);
	}

	/**
	 * @return how many threads have been retired since this compiler was created
	 */
	long retiredThreads() {
		return this.retired.get();
	}

	/**
	 * @return how many retired threads are still running their call
	 */
	int stuckThreads() {
		return this.stuck.get();
	}

	boolean acceptsParses() {
		return this.stuck.get() < this.maxRetired;
	}

	/**
	 * @return how many calls wait for a thread
	 */
	int waitingCalls() {
		return this.waiting.get();
	}

	private <T> T run(Call<T> call, int lineShift, long timeoutNanos) throws ProgramException {
		long start = System.nanoTime();
		long deadline = start + timeoutNanos;
		if (this.stuck.get() >= this.maxRetired) {
			throw ProgramException.limit("parsing is suspended: " + this.maxRetired
					+ " earlier parses ran past their time and are still running; try again later");
		}
		if (this.waiting.incrementAndGet() > this.queueCapacity) {
			this.waiting.decrementAndGet();
			throw ProgramException.limit("the parser is busy: " + this.queueCapacity
					+ " programs are already waiting to be parsed; try again in a moment");
		}
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProgramException.timeout("interrupted while parsing");
		}
		finally {
			this.waiting.decrementAndGet();
		}
		if (!acquired) {
			throw timeout();
		}
		Job<T> job = new Job<>(call);
		try {
			this.workers.execute(job);
		}
		catch (RejectedExecutionException ex) {
			this.slots.release();
			throw ProgramException.limit("the parser is closed or busy");
		}
		return job.await(Math.min(deadline, System.nanoTime() + this.stallNanos), deadline, lineShift);
	}

	static ProgramException timeout() {
		return ProgramException
			.timeout("the program could not be parsed within the execution's " + "timeout (timeout); simplify it");
	}

	/**
	 * SWC says {@code Unexpected token `=`. Expected … at file:///main.js:1:7} followed
	 * by a code frame.
	 */
	static ProgramException syntaxError(@Nullable String swcMessage, int lineShift) {
		String message = (swcMessage != null) ? swcMessage : "invalid syntax";
		Matcher location = LOCATION.matcher(message);
		Integer line = null;
		Integer column = null;
		if (location.find()) {
			line = Integer.parseInt(location.group(1)) + lineShift;
			column = Integer.parseInt(location.group(2));
			message = message.substring(0, location.start());
		}
		message = message.lines().findFirst().orElse(message).strip();
		if (message.startsWith("SyntaxError: ")) {
			message = message.substring("SyntaxError: ".length());
		}
		return ProgramException.syntax(message, line, column);
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
	}

	/** The native calls, replaceable in tests by a stand-in that never returns. */
	interface Native {

		Swc4jParseOutput parse(String code) throws Exception;

		Swc4jTranspileOutput transpile(String script) throws Exception;

	}

	/** SWC itself. */
	static final class Swc4jNative implements Native {

		private final Swc4j swc = new Swc4j();

		/**
		 * The program's tree, through the transpiler: unlike the parser, it reports the
		 * errors that SWC recovered from ({@code [...super + 1]}); swc4j 2.0.0 panics
		 * while exporting such a tree to Java, in native code that cannot unwind, which
		 * aborts the JVM. The transpiler checks first and exports the tree it parsed (not
		 * the one it transformed) only when there is no error, so one call does both.
		 */
		private final Swc4jTranspileOptions parseOptions = new Swc4jTranspileOptions()
			.setMediaType(Swc4jMediaType.TypeScript)
			.setParseMode(Swc4jParseMode.Program)
			.setSourceMap(Swc4jSourceMapOption.None)
			.setCaptureAst(true);

		private final Swc4jTranspileOptions transpileOptions = new Swc4jTranspileOptions()
			.setMediaType(Swc4jMediaType.TypeScript)
			.setParseMode(Swc4jParseMode.Script)
			.setSourceMap(Swc4jSourceMapOption.Separate);

		/**
		 * Parses with the tree, in one native call that also reports recovered errors.
		 */
		@Override
		public Swc4jParseOutput parse(String code) throws Exception {
			return this.swc.transpile(code, this.parseOptions);
		}

		@Override
		public Swc4jTranspileOutput transpile(String script) throws Exception {
			return this.swc.transpile(script, this.transpileOptions);
		}

	}

	@FunctionalInterface
	private interface Call<T> {

		T call() throws Exception;

	}

	/**
	 * One call on a worker thread; its slot is given back exactly once, by whichever side
	 * lets go of it first.
	 */
	private final class Job<T> implements Runnable {

		private static final int RUNNING = 0;

		private static final int DONE = 1;

		private static final int RETIRED = 2;

		private final Call<T> call;

		private final AtomicInteger state = new AtomicInteger(RUNNING);

		private final CountDownLatch done = new CountDownLatch(1);

		private final long started = System.nanoTime();

		private volatile @Nullable T value;

		private volatile @Nullable Throwable failure;

		private volatile @Nullable String threadName;

		private final java.util.concurrent.atomic.AtomicBoolean begun = new java.util.concurrent.atomic.AtomicBoolean();

		Job(Call<T> call) {
			this.call = call;
		}

		@Override
		public void run() {
			if (!this.begun.compareAndSet(false, true)) {
				// Its caller gave up before a thread took it: it never runs.
				return;
			}
			this.threadName = Thread.currentThread().getName();
			try {
				this.value = this.call.call();
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
			finally {
				this.done.countDown();
				if (this.state.compareAndSet(RUNNING, DONE)) {
					SwcCompiler.this.slots.release();
				}
				else {
					int left = SwcCompiler.this.stuck.decrementAndGet();
					logger.info("A retired parser thread ({}) finished after {} ms; {} still running", this.threadName,
							TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.started), left);
				}
			}
		}

		T await(long stallAt, long deadline, int lineShift) throws ProgramException {
			try {
				if (!this.done.await(stallAt - System.nanoTime(), TimeUnit.NANOSECONDS)) {
					if (!this.begun.get()) {
						// Not started (a loaded machine): nothing is stuck, it only waits
						// for its thread.
						if (this.done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
							return result(lineShift);
						}
						if (this.begun.compareAndSet(false, true)) {
							this.state.set(DONE);
							SwcCompiler.this.slots.release();
							throw timeout();
						}
					}
					retire();
					if (!this.done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
						throw timeout();
					}
				}
			}
			catch (InterruptedException ex) {
				retire();
				Thread.currentThread().interrupt();
				throw ProgramException.timeout("interrupted while parsing");
			}
			return result(lineShift);
		}

		private T result(int lineShift) throws ProgramException {
			if (this.failure instanceof Swc4jCoreException swcError) {
				throw syntaxError(swcError.getMessage(), lineShift);
			}
			if (this.failure != null) {
				throw ProgramException.syntax(
						"the program could not be parsed: " + String.valueOf(this.failure.getMessage()), null, null);
			}
			return this.value;
		}

		/**
		 * Gives the slot to the next call while this one goes on alone, unless too many
		 * already do.
		 */
		private void retire() {
			if (SwcCompiler.this.stuck.incrementAndGet() > SwcCompiler.this.maxRetired) {
				// At the cap the call keeps its slot: capacity shrinks instead of threads
				// growing.
				SwcCompiler.this.stuck.decrementAndGet();
				return;
			}
			if (this.state.compareAndSet(RUNNING, RETIRED)) {
				long count = SwcCompiler.this.retired.incrementAndGet();
				SwcCompiler.this.slots.release();
				logger.warn(
						"A parse has run for {} ms; its thread ({}) is retired and replaced ({} retired so far, "
								+ "{} still running, parsing is refused at {})",
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.started), this.threadName, count,
						SwcCompiler.this.stuck.get(), SwcCompiler.this.maxRetired);
			}
			else {
				SwcCompiler.this.stuck.decrementAndGet();
			}
		}

	}

}
