package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.program.PreparedProgram;
import dev.codemode.program.ProgramException;

/**
 * One run of one program: a fresh context, its {@link ToolBridge}, and the event loop
 * that delivers tool results back to the context's thread. A GraalJS context is
 * single-threaded, so tools complete on other threads and their results are queued and
 * handed to JavaScript one at a time.
 */
final class Execution {

	private static final Logger logger = LoggerFactory.getLogger(Execution.class);

	static final String PROGRAM_NAME = "codemode.js";

	private final ExecutorParts parts;

	private final GraalJsExecutorOptions options;

	private final ToolTable tools;

	private final ToolBridge bridge;

	private final ConsoleCapture console;

	private final long startNanos = System.nanoTime();

	private final long deadlineNanos;

	private volatile @Nullable Context context;

	private volatile @Nullable Thread thread;

	private volatile boolean finished;

	/**
	 * Why the execution was ended from outside its thread; the first reason stands. It is
	 * recorded before the context is closed, so a call into a closed context can tell
	 * that it was closed on purpose.
	 */
	private final AtomicReference<@Nullable ExecutionError> cancelled = new AtomicReference<>();

	/**
	 * The thread's allocation and CPU time when the program started, moved past each tool
	 * call the thread ran itself: the tool's work is not the program's.
	 */
	private volatile long startAllocated;

	private volatile long startCpu;

	/**
	 * Whether the thread runs a tool call now, when allocation and CPU are not watched.
	 */
	private volatile boolean inTool;

	private boolean resultTruncated;

	/**
	 * @param parts what the executor's executions share
	 * @param tools the tools this execution may call
	 */
	Execution(ExecutorParts parts, ToolTable tools) {
		this.parts = parts;
		this.options = parts.options();
		this.tools = tools;
		this.bridge = new ToolBridge(tools, this.options.maxToolCalls(), this.options.maxToolCallsInFlight(),
				parts.toolExecutor(), this::cancel);
		this.console = new ConsoleCapture(this.options.maxConsoleChars());
		this.deadlineNanos = this.startNanos + this.options.timeout().toNanos();
	}

	/**
	 * Runs the program on the calling thread; never throws for anything the program does.
	 */
	ExecutionResult run(String code) {
		Watchdog watchdog = this.parts.watchdog();
		this.thread = Thread.currentThread();
		this.startAllocated = watchdog.allocatedBytes(this.thread);
		this.startCpu = watchdog.cpuTime(this.thread);
		watchdog.watch(this);
		PreparedProgram program = null;
		String resultJson = null;
		ExecutionError error = null;
		try {
			program = this.parts.normalizer().prepare(code, this.tools.aliases(), remainingNanos());
			ContextPool.WarmContext warm = this.parts.contexts().take();
			this.context = warm.context();
			if (this.cancelled.get() != null) {
				return result(null, this.cancelled.get());
			}
			warm.bridge().attach(this.bridge, this.console);
			Value runtime = warm.runtime();
			runtime.getMember("bind").execute(this.tools.identifiersJson(), this.tools.aliasesJson());
			Value outcome = runtime.getMember("outcome");
			Value main = this.context.eval(Source.newBuilder("js", program.script(), PROGRAM_NAME).buildLiteral());
			Value run = runtime.getMember("run");
			// The first call runs the program up to its first await; a rejection that
			// nothing handled by then surfaces here, from the call that drained the job
			// queue.
			error = deliver(() -> run.execute(main), program);
			if (error == null) {
				error = awaitSettled(outcome, program);
			}
			if (this.cancelled.get() == null && outcome.getMember("settled").asBoolean()) {
				if (outcome.getMember("failed").asBoolean()) {
					ExecutionError thrown = errorOf(outcome.getMember("error"), program);
					error = (error != null) ? error : thrown;
				}
				else if (outcome.getMember("json").isString() || outcome.getMember("json").isNull()) {
					resultJson = resultJson(outcome);
				}
				else {
					error = new ExecutionError("ResultError", "the returned value cannot be serialized as JSON");
				}
				if (error == null) {
					error = drainPending(program);
				}
			}
		}
		catch (ProgramException ex) {
			error = ErrorTranslator.refused(ex);
		}
		catch (PolyglotException ex) {
			error = ErrorTranslator.translate(ex, errorContext(program));
		}
		catch (IllegalStateException ex) {
			// A call into a context that cancel() closed under the program: the reason it
			// recorded first is reported (below). With no such reason, the context was
			// not
			// closed by a limit, and this is a failure of the host.
			if (this.cancelled.get() == null) {
				logger.warn("An execution failed unexpectedly", ex);
				error = new ExecutionError("Error", "internal error in the sandbox");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = new ExecutionError(ExecutionError.TIMEOUT, "the execution was interrupted");
		}
		catch (StackOverflowError ex) {
			error = new ExecutionError("RangeError", "Maximum call stack size exceeded");
		}
		finally {
			this.finished = true;
			if (this.cancelled.get() != null) {
				resultJson = null;
				error = this.cancelled.get();
			}
			watchdog.release(this);
			this.bridge.cancelRunning();
			closeContext();
		}
		return result(resultJson, error);
	}

	private ErrorContext errorContext(@Nullable PreparedProgram program) {
		return new ErrorContext(program, this.options, this.tools.identifiers(), this.cancelled.get());
	}

	private ExecutionResult result(@Nullable String resultJson, @Nullable ExecutionError error) {
		return new ExecutionResult(resultJson, this.console.lines(), capped(error),
				Duration.ofNanos(System.nanoTime() - this.startNanos), this.bridge.calls(),
				this.resultTruncated || this.console.truncated());
	}

	/**
	 * Delivers tool results until the program's promise settles; returns an error when it
	 * never does.
	 */
	private @Nullable ExecutionError awaitSettled(Value outcome, PreparedProgram program) throws InterruptedException {
		while (!outcome.getMember("settled").asBoolean()) {
			if (this.cancelled.get() != null) {
				return this.cancelled.get();
			}
			if (this.bridge.idle()) {
				// No tool call is pending and there are no timers: nothing can ever
				// settle it.
				return new ExecutionError(ExecutionError.TIMEOUT, "the program awaits a promise that nothing can "
						+ "settle (no tool call is pending and there are no timers), so it would run into its timeout of "
						+ seconds(this.options.timeout()) + " (timeout)");
			}
			Runnable completion = nextCompletion();
			if (completion == null) {
				return timeout();
			}
			ExecutionError unhandled = deliver(completion, program);
			if (unhandled != null) {
				return unhandled;
			}
		}
		return null;
	}

	/**
	 * The program returned while tool calls were still running: they are awaited (within
	 * the timeout) so that their side effects are complete and their failures reported;
	 * calls that had not started are dropped.
	 */
	private @Nullable ExecutionError drainPending(PreparedProgram program) throws InterruptedException {
		int pending = this.bridge.inFlight();
		int dropped = this.bridge.queued();
		if (pending == 0 && dropped == 0) {
			return null;
		}
		this.bridge.dropQueued();
		this.console.note("[codemode] the program returned while " + (pending + dropped)
				+ " tool call(s) had not finished: " + pending + " running call(s) were awaited"
				+ ((dropped > 0) ? ", " + dropped + " queued call(s) were never started" : "")
				+ ". Await every tool call before returning.");
		ExecutionError unhandled = null;
		while (this.bridge.inFlight() > 0 && unhandled == null) {
			if (this.cancelled.get() != null) {
				return this.cancelled.get();
			}
			Runnable completion = nextCompletion();
			if (completion == null) {
				return timeout();
			}
			unhandled = deliver(completion, program);
		}
		return unhandled;
	}

	/**
	 * The next tool result: one that is there, else the result of a call that this thread
	 * runs itself rather than wait for a tool thread to start it, else the first to come
	 * within the timeout.
	 */
	private @Nullable Runnable nextCompletion() throws InterruptedException {
		Runnable completion = this.bridge.readyCompletion();
		if (completion == null && runToolCallHere()) {
			completion = this.bridge.readyCompletion();
		}
		return (completion != null) ? completion : this.bridge.nextCompletion(remainingNanos());
	}

	/**
	 * Runs here the latest call no tool thread has started; its allocation and CPU time
	 * are moved out of the program's.
	 */
	private boolean runToolCallHere() {
		Watchdog watchdog = this.parts.watchdog();
		this.inTool = true;
		long allocated = watchdog.allocatedBytes(this.thread);
		long cpu = watchdog.cpuTime(this.thread);
		try {
			return this.bridge.runLatestCallHere();
		}
		finally {
			this.startAllocated += watchdog.allocatedBytes(this.thread) - allocated;
			this.startCpu += watchdog.cpuTime(this.thread) - cpu;
			this.inTool = false;
		}
	}

	/**
	 * Runs one completion on this thread; an exception escaping it is an unhandled
	 * rejection.
	 */
	private @Nullable ExecutionError deliver(Runnable completion, PreparedProgram program) {
		try {
			completion.run();
			return null;
		}
		catch (PolyglotException ex) {
			return ErrorTranslator.unhandled(ErrorTranslator.translate(ex, errorContext(program)), ex);
		}
	}

	private ExecutionError errorOf(Value error, PreparedProgram program) {
		try {
			if (error.isException()) {
				error.throwException();
			}
			return ErrorTranslator.thrownValue(error, program);
		}
		catch (PolyglotException ex) {
			return ErrorTranslator.translate(ex, errorContext(program));
		}
	}

	private @Nullable String resultJson(Value outcome) {
		Value json = outcome.getMember("json");
		if (json == null || json.isNull()) {
			return null;
		}
		String text = json.asString();
		Value declared = outcome.getMember("length");
		long length = Math.max(text.length(),
				(declared != null && declared.isNumber() && declared.fitsInLong()) ? declared.asLong() : 0);
		int max = this.options.maxResultChars();
		if (length <= max) {
			return text;
		}
		this.resultTruncated = true;
		return ErrorTranslator.quote(text.substring(0, Math.min(max, text.length())) + "… [result truncated: " + length
				+ " characters of JSON, the limit is " + max
				+ " (max-result-chars); return less, e.g. a summary or a slice]");
	}

	/** Called by the watchdog thread. */
	void checkLimits(long now, boolean heapPressure, long heavyAllocation) {
		if (this.finished || this.cancelled.get() != null) {
			return;
		}
		Watchdog watchdog = this.parts.watchdog();
		if (now - this.deadlineNanos > 0) {
			cancel(timeout());
			return;
		}
		if (this.inTool) {
			return;
		}
		long allocated = watchdog.allocatedBytes(this.thread) - this.startAllocated;
		if (this.startAllocated >= 0 && allocated > this.options.maxAllocatedBytes()) {
			cancel(new ExecutionError(ExecutionError.LIMIT,
					"the program allocated more than " + mebibytes(this.options.maxAllocatedBytes())
							+ " of memory (max-allocated-bytes); build smaller "
							+ "values, or fetch and return less data"));
			return;
		}
		if (heapPressure && allocated > heavyAllocation) {
			cancel(new ExecutionError(ExecutionError.LIMIT,
					"the JVM's heap is nearly full and the program had " + "allocated " + mebibytes(allocated)
							+ " of memory; it was stopped to protect the application "
							+ "(heap protection); build smaller values, or fetch and return less data"));
			return;
		}
		long cpu = watchdog.cpuTime(this.thread) - this.startCpu;
		if (this.startCpu >= 0 && cpu > this.options.maxCpuTime().toNanos()) {
			cancel(new ExecutionError(ExecutionError.LIMIT,
					"the program used more than " + seconds(this.options.maxCpuTime())
							+ " of CPU time (max-cpu-time); check for a runaway loop, or "
							+ "do less work per execution"));
		}
	}

	/**
	 * The caller gave up waiting: the timeout, unless a limit had already ended the
	 * execution.
	 */
	ExecutionError cancelAtTimeout() {
		cancel(timeout());
		ExecutionError reason = this.cancelled.get();
		return (reason != null) ? reason : timeout();
	}

	@Nullable Thread thread() {
		return this.thread;
	}

	/**
	 * Ends the execution: from the watchdog, from the tool bridge at a limit, or from a
	 * caller that gave up.
	 */
	void cancel(ExecutionError reason) {
		if (this.finished || !this.cancelled.compareAndSet(null, reason)) {
			// The first reason stands: it is the limit that actually fired.
			return;
		}
		this.bridge.wake();
		// Give the tool threads back now, not only when the execution's thread gets out
		// of the context.
		this.bridge.cancelRunning();
		Context current = this.context;
		if (current != null) {
			// close(true) waits for the guest thread to leave; never block the watchdog
			// on it.
			this.parts.cancellations().execute(() -> {
				try {
					current.close(true);
				}
				catch (RuntimeException ex) {
					// already closed
				}
			});
		}
	}

	private void closeContext() {
		Context current = this.context;
		if (current != null) {
			try {
				current.close(true);
			}
			catch (RuntimeException ex) {
				// already closed by the watchdog
			}
		}
	}

	private ExecutionError timeout() {
		return new ExecutionError(ExecutionError.TIMEOUT,
				"the execution did not finish within its timeout of " + seconds(this.options.timeout())
						+ " (timeout); make fewer or faster calls, or check for a loop "
						+ "or a promise that never settles");
	}

	private long remainingNanos() {
		return Math.max(0, this.deadlineNanos - System.nanoTime());
	}

	private static @Nullable ExecutionError capped(@Nullable ExecutionError error) {
		if (error == null) {
			return null;
		}
		String kind = ErrorTranslator.boundedKind(error.kind());
		String message = (error.message() != null) ? ErrorTranslator.bounded(error.message()) : null;
		if (kind.equals(error.kind()) && message == error.message()) {
			return error;
		}
		return new ExecutionError(kind, message, error.line(), error.column());
	}

	private static String mebibytes(long bytes) {
		return (bytes >> 20) + " MiB";
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

}
