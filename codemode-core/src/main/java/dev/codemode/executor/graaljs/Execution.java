package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.program.PreparedProgram;
import dev.codemode.program.ProgramException;

/**
 * One run of one program: a fresh context, the tool bridge, and the event loop that
 * delivers tool results back to the context's thread. A GraalJS context is
 * single-threaded, so tools complete on other threads and their results are queued here
 * and handed to JavaScript one at a time.
 */
final class Execution {

	static final String PROGRAM_NAME = "codemode.js";

	/** Tool inputs larger than this (characters of JSON) are refused in the sandbox. */
	static final int MAX_TOOL_INPUT_CHARS = 1_000_000;

	private final GraalJsCodeExecutor executor;

	private final GraalJsExecutorOptions options;

	private final Map<String, Map<String, ToolFunction>> tools;

	private final Map<String, List<String>> identifiers;

	private final String namespacesJson;

	/**
	 * The alias of each namespace that the program's tool call sites use (see
	 * {@code ToolCallSites}).
	 */
	private final Map<String, String> aliases;

	private final String aliasesJson;

	private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();

	private final Deque<Runnable> waiting = new ArrayDeque<>();

	/**
	 * Tool calls started; cancelled (which interrupts them) when the execution ends. Read
	 * by the watchdog too.
	 */
	private final Queue<CompletableFuture<?>> running = new ConcurrentLinkedQueue<>();

	private final ConsoleCapture console;

	private final long startNanos = System.nanoTime();

	private final long deadlineNanos;

	private volatile Context context;

	private volatile Thread thread;

	private volatile boolean finished;

	/** Why the execution was ended from outside its thread; the first reason stands. */
	private final AtomicReference<ExecutionError> cancelled = new AtomicReference<>();

	private long startAllocated;

	private long startCpu;

	private int toolCalls;

	private boolean resultTruncated;

	private int inFlight;

	Execution(GraalJsCodeExecutor executor, Map<String, Map<String, ToolFunction>> tools,
			Map<String, List<String>> identifiers, String namespacesJson, Map<String, String> aliases,
			String aliasesJson) {
		this.executor = executor;
		this.options = executor.options();
		this.tools = tools;
		this.identifiers = identifiers;
		this.namespacesJson = namespacesJson;
		this.aliases = aliases;
		this.aliasesJson = aliasesJson;
		this.console = new ConsoleCapture(this.options.maxConsoleChars());
		this.deadlineNanos = this.startNanos + this.options.timeout().toNanos();
	}

	/**
	 * Runs the program on the calling thread; never throws for anything the program does.
	 */
	ExecutionResult run(String code) {
		Watchdog watchdog = this.executor.watchdog();
		this.thread = Thread.currentThread();
		this.startAllocated = watchdog.allocatedBytes(this.thread);
		this.startCpu = watchdog.cpuTime(this.thread);
		watchdog.watch(this);
		PreparedProgram program = null;
		String resultJson = null;
		ExecutionError error = null;
		try {
			program = this.executor.normalizer().prepare(code, this.aliases, remainingNanos());
			ContextPool.WarmContext warm = this.executor.takeContext();
			this.context = warm.context();
			if (this.cancelled.get() != null) {
				return result(null, this.cancelled.get());
			}
			warm.bridge().attach(this);
			Value runtime = warm.runtime();
			runtime.getMember("bind").execute(this.namespacesJson, this.aliasesJson);
			Value outcome = runtime.getMember("outcome");
			Value main = this.context.eval(Source.newBuilder("js", program.script(), PROGRAM_NAME).buildLiteral());
			Value run = runtime.getMember("run");
			// The first call runs the program up to its first await; a rejection that
			// nothing handled by then
			// surfaces here, from the call that drained the job queue.
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
			error = ErrorTranslator.translate(ex, program, this.cancelled.get(), this.options, this.tools.keySet(),
					this.identifiers);
		}
		catch (IllegalStateException ex) {
			// The watchdog closed the context between two calls into it.
			error = (this.cancelled.get() != null) ? this.cancelled.get()
					: new ExecutionError("Error", "the sandbox was closed unexpectedly");
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
			this.running.forEach((future) -> future.cancel(true));
			closeContext();
		}
		return result(resultJson, error);
	}

	private ExecutionResult result(String resultJson, ExecutionError error) {
		return new ExecutionResult(resultJson, this.console.lines(), capped(error),
				Duration.ofNanos(System.nanoTime() - this.startNanos), this.toolCalls,
				this.resultTruncated || this.console.truncated());
	}

	/**
	 * Delivers tool results until the program's promise settles; returns an error when it
	 * never does.
	 */
	private ExecutionError awaitSettled(Value outcome, PreparedProgram program) throws InterruptedException {
		while (!outcome.getMember("settled").asBoolean()) {
			if (this.cancelled.get() != null) {
				return this.cancelled.get();
			}
			if (this.inFlight == 0 && this.completions.isEmpty()) {
				// No tool call is pending and there are no timers: nothing can ever
				// settle it.
				return new ExecutionError(ExecutionError.TIMEOUT, "the program awaits a promise that nothing can "
						+ "settle (no tool call is pending and there are no timers), so it would run into its timeout of "
						+ seconds(this.options.timeout()) + " (timeout)");
			}
			Runnable completion = this.completions.poll(remainingNanos(), TimeUnit.NANOSECONDS);
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
	private ExecutionError drainPending(PreparedProgram program) throws InterruptedException {
		int pending = this.inFlight;
		int dropped = this.waiting.size();
		if (pending == 0 && dropped == 0) {
			return null;
		}
		this.waiting.clear();
		this.console.note("[codemode] the program returned while " + (pending + dropped)
				+ " tool call(s) had not finished: " + pending + " running call(s) were awaited"
				+ ((dropped > 0) ? ", " + dropped + " queued call(s) were never started" : "")
				+ ". Await every tool call before returning.");
		ExecutionError unhandled = null;
		while (this.inFlight > 0 && unhandled == null) {
			if (this.cancelled.get() != null) {
				return this.cancelled.get();
			}
			Runnable completion = this.completions.poll(remainingNanos(), TimeUnit.NANOSECONDS);
			if (completion == null) {
				return timeout();
			}
			unhandled = deliver(completion, program);
		}
		return unhandled;
	}

	/**
	 * Runs one completion on this thread; an exception escaping it is an unhandled
	 * rejection.
	 */
	private ExecutionError deliver(Runnable completion, PreparedProgram program) {
		try {
			completion.run();
			return null;
		}
		catch (PolyglotException ex) {
			ExecutionError error = ErrorTranslator.translate(ex, program, this.cancelled.get(), this.options,
					this.tools.keySet(), this.identifiers);
			return ErrorTranslator.unhandled(error, ex);
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
			return ErrorTranslator.translate(ex, program, this.cancelled.get(), this.options, this.tools.keySet(),
					this.identifiers);
		}
	}

	private String resultJson(Value outcome) {
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

	/**
	 * The bridge from JavaScript: (namespace, tool, inputJson, settle) → null, or why the
	 * call is refused.
	 */
	Object callTool(Value... arguments) {
		String namespace = arguments[0].asString();
		String name = arguments[1].asString();
		String input = arguments[2].asString();
		Value settle = arguments[3];
		ToolFunction function = this.tools.getOrDefault(namespace, Map.of()).get(name);
		if (function == null) {
			// The runtime asks this for a tool call site whose tool does not exist: the
			// message it rejects with.
			return ErrorTranslator.unknownTool(namespace, name, this.identifiers.getOrDefault(namespace, List.of()));
		}
		if (this.toolCalls >= this.options.maxToolCalls()) {
			// The limit ends the execution: a program that makes thousands of calls must
			// not keep the thread
			// busy creating rejections (and catching them would only hide the limit from
			// the model).
			String refusal = "tool call limit reached: this execution may make " + this.options.maxToolCalls()
					+ " tool calls (max-tool-calls), and " + namespace + "." + name + " would be one more. "
					+ "Make fewer calls, e.g. batch the work, or split it over several executions.";
			cancel(new ExecutionError(ExecutionError.LIMIT, refusal));
			return refusal;
		}
		this.toolCalls++;
		Runnable start = () -> start(namespace, name, function, input, settle);
		if (this.inFlight < this.options.maxToolCallsInFlight()) {
			start.run();
		}
		else {
			this.waiting.add(start);
		}
		return null;
	}

	private void start(String namespace, String name, ToolFunction function, String input, Value settle) {
		this.inFlight++;
		CompletableFuture<String> call;
		try {
			call = function.callAsync(input, this.executor.toolExecutor()).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		this.running.add(call);
		call.whenComplete((output, failure) -> this.completions.add(() -> {
			this.inFlight--;
			Runnable next = this.waiting.poll();
			if (next != null) {
				next.run();
			}
			if (failure == null) {
				settle.execute(true, null, (output != null) ? output : "null");
			}
			else {
				settle.execute(false, ExecutionError.TOOL, ErrorTranslator.toolFailureMessage(failure));
			}
		}));
	}

	Object writeLog(Value... arguments) {
		// The sizes are cut here, on the host: whatever the guest hands over, only the
		// cap is kept.
		String level = arguments[0].isString() ? arguments[0].asString() : "log";
		String text = arguments[1].isString() ? arguments[1].asString() : "[unprintable]";
		long length = (arguments[2].isNumber() && arguments[2].fitsInLong()) ? arguments[2].asLong() : 0;
		this.console.write(level, text, Math.max(length, text.length()));
		return null;
	}

	/** Called by the watchdog thread. */
	void checkLimits(long now, boolean heapPressure, long heavyAllocation) {
		if (this.finished || this.cancelled.get() != null) {
			return;
		}
		Watchdog watchdog = this.executor.watchdog();
		if (now - this.deadlineNanos > 0) {
			cancel(timeout());
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

	Thread thread() {
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
		this.completions.add(() -> {
		});
		// Give the tool threads back now, not only when the execution's thread gets out
		// of the context.
		this.running.forEach((future) -> future.cancel(true));
		Context current = this.context;
		if (current != null) {
			// close(true) waits for the guest thread to leave; never block the watchdog
			// on it.
			this.executor.cancelAsync(() -> {
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

	private static ExecutionError capped(ExecutionError error) {
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

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
