package dev.codemode.executor.process;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.WarmUpPrograms;
import dev.codemode.internal.CodeModeThreads;
import dev.codemode.executor.toolset.ToolShape;
import dev.codemode.executor.toolset.ToolShapes;

/**
 * The application's side of one worker JVM: starts it, runs one execution at a time in
 * it, and runs the tools that its programs call, here in the application, on the tool
 * executor, with {@link ToolFunction#callAsync} as in-process (so the caller's context
 * and {@code ToolContext} that the functions carry reach the tools as they would there).
 * <p>
 * The worker is started by {@link WorkerLaunch}: this JVM's {@code java} and class path,
 * an empty environment (the application's holds secrets), no system property of the
 * application, a hard heap cap, and {@code -XX:+ExitOnOutOfMemoryError}, so that a
 * program that fills the heap ends the worker rather than leaving it half-broken. Its
 * stdout is the protocol; its stderr is read by a thread and logged.
 * <p>
 * A worker that dies, breaks the protocol, or overruns the execution's timeout plus the
 * grace is {@linkplain Process#destroyForcibly() killed}, and the execution gets an error
 * naming the cause (the heap, the timeout, or the crash). A dead worker stays dead:
 * whoever owns it starts another.
 */
final class Worker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	/** The kind of the error when a worker crashed for another reason than its limits. */
	static final String CRASH = "Error";

	/**
	 * Rounds of the warm-up programs through the protocol: fewer than in the worker,
	 * where the executor's own paths are compiled already; these warm the tool round
	 * trip.
	 */
	private static final int REMOTE_WARM_UP_ROUNDS = 5;

	/** The JVM's exit code under {@code -XX:+ExitOnOutOfMemoryError}. */
	private static final int EXIT_OUT_OF_MEMORY = 3;

	/**
	 * The tool sets' shapes, shared by the workers: each execution's identifiers and
	 * look-up are made once per tool set, not per execution.
	 */
	private static final ToolShapes<ToolShape> SHAPES = new ToolShapes<>(16, (shape) -> shape);

	private final WorkerSettings settings;

	private final WorkerExecutorOptions options;

	private final Process process;

	private final String name;

	private final MessageWriter out;

	private final MessageReader in;

	private final WorkerStderr stderr;

	private final Executor toolExecutor;

	private final @Nullable ThreadPoolExecutor ownToolThreads;

	private final CompletableFuture<Message.Ready> ready = new CompletableFuture<>();

	private final AtomicLong executionIds = new AtomicLong();

	private volatile @Nullable Pending current;

	/** Why the worker died, in one word, or {@code null} while it lives. */
	private volatile @Nullable Death deathCause;

	/** Why the worker is dead, or {@code null} while it lives; the first cause stands. */
	private volatile @Nullable ExecutionError death;

	private volatile boolean closing;

	private Worker(WorkerSettings settings, Process process) {
		this.settings = settings;
		this.options = WorkerExecutorOptions.of(settings.executorOptions());
		this.process = process;
		this.name = "codemode-worker-" + process.pid();
		this.out = new MessageWriter(process.getOutputStream(), Protocol.maxApplicationLineBytes(this.options));
		this.in = new MessageReader(process.getInputStream(), Protocol.maxWorkerLineBytes(this.options));
		this.stderr = new WorkerStderr(process.getErrorStream(), this.name);
		Executor given = settings.toolExecutor();
		if (given != null) {
			this.ownToolThreads = null;
			this.toolExecutor = given;
		}
		else {
			// One execution at a time, at most maxToolCallsInFlight calls each.
			int threads = this.options.maxToolCallsInFlight();
			this.ownToolThreads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), CodeModeThreads.factory(this.name + "-tool-", 0));
			this.ownToolThreads.allowCoreThreadTimeOut(true);
			this.toolExecutor = this.ownToolThreads;
		}
		Thread reader = CodeModeThreads.newThread(this.name + "-reader", 0, this::read);
		reader.start();
	}

	/**
	 * Starts a worker and waits until it is ready (its executor built and warmed up).
	 * @param settings how to start it
	 * @return the worker
	 * @throws IOException when it could not be started, or did not become ready in time
	 */
	static Worker start(WorkerSettings settings) throws IOException {
		Worker worker = new Worker(settings, WorkerLaunch.start(settings));
		try {
			worker.out.write(new Message.Hello(worker.options));
			Message.Ready ready = worker.ready.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
			worker.warmUp();
			if (!worker.alive()) {
				throw new IOException("the worker stopped during its warm-up");
			}
			logger.debug("{} is ready ({} transpiler)", worker.name, ready.transpiler());
			return worker;
		}
		catch (InterruptedException ex) {
			worker.close();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while the worker started", ex);
		}
		catch (ExecutionException | TimeoutException | IOException ex) {
			String why = (ex instanceof TimeoutException)
					? "did not become ready within its start timeout of " + settings.startTimeout().toSeconds() + " s"
					: "stopped before it was ready";
			worker.kill(Death.CRASH, new ExecutionError(CRASH, "the sandbox process did not start"));
			throw new IOException(
					"the worker " + why + "; its last output: " + String.join(" | ", worker.stderr.tail()), ex);
		}
	}

	/**
	 * Runs the warm-up programs through the protocol, their tools called back here on the
	 * tool executor, so that the first programs with tools find both sides compiled (the
	 * worker warmed its executor up with local tools before it said it was ready).
	 */
	private void warmUp() {
		List<String> unexpected = WarmUpPrograms.run(this::execute, REMOTE_WARM_UP_ROUNDS);
		unexpected.forEach((problem) -> logger.warn("{}: a warm-up program went wrong: {}", this.name, problem));
	}

	/**
	 * @return the worker's last lines of stderr
	 */
	List<String> stderrTail() {
		return this.stderr.tail();
	}

	/**
	 * @return what parses programs and strips their types in this worker
	 */
	String transpiler() {
		return this.ready.join().transpiler();
	}

	/**
	 * Runs one program in the worker; one execution at a time (callers wait their turn).
	 * Never throws for anything the program does.
	 */
	synchronized ExecutionResult execute(String code, List<ToolNamespace> namespaces) {
		long startNanos = System.nanoTime();
		ExecutionError dead = this.death;
		if (dead != null) {
			return ExecutionResult.failed(new ExecutionError(CRASH, "the sandbox process is not running"));
		}
		// A copy, so that a caller that changes its list afterwards changes nothing here.
		List<ToolNamespace> tools = List.copyOf(namespaces);
		Pending pending = new Pending(this.executionIds.incrementAndGet(), tools, SHAPES.of(tools));
		this.current = pending;
		try {
			if (this.death != null) {
				// It died (while idle) before it could see this execution, whose program
				// is not to blame.
				return failed(new ExecutionError(CRASH, "the sandbox process is not running"), startNanos, pending);
			}
			ExecutionError tooLong = tooLong(code, this.options.maxCodeLength());
			if (tooLong != null) {
				// The worker would refuse it too; it is not worth sending.
				return ExecutionResult.failed(tooLong);
			}
			this.out.write(new Message.Execute(pending.id, code, pending.shape.identifiers()));
			long waitNanos = this.settings.executorOptions().timeout().toNanos() + this.settings.grace().toNanos();
			Message.Result result = pending.result.get(waitNanos, TimeUnit.NANOSECONDS);
			return new ExecutionResult(result.resultJson(), result.logs(),
					(result.error() != null) ? result.error().toError() : null, elapsed(startNanos), result.toolCalls(),
					result.truncated());
		}
		catch (TimeoutException ex) {
			ExecutionError timeout = new ExecutionError(ExecutionError.TIMEOUT,
					"the program ran past its timeout of " + describe(this.settings.executorOptions().timeout())
							+ " (timeout) and did not stop, so its sandbox process was stopped");
			kill(Death.TIMEOUT, timeout);
			return failed(timeout, startNanos, pending);
		}
		catch (ExecutionException ex) {
			ExecutionError cause = this.death;
			return failed((cause != null) ? cause : new ExecutionError(CRASH, "the sandbox process failed"), startNanos,
					pending);
		}
		catch (IOException ex) {
			// The pipe broke: the worker is dying, and the reader will say why.
			awaitDeath();
			ExecutionError cause = this.death;
			return failed((cause != null) ? cause : new ExecutionError(CRASH, "the sandbox process is not reachable"),
					startNanos, pending);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ExecutionError interrupted = new ExecutionError(ExecutionError.TIMEOUT, "the execution was interrupted");
			// The worker cannot be told to stop one execution yet: it is stopped.
			kill(Death.INTERRUPTED, interrupted);
			return failed(interrupted, startNanos, pending);
		}
		finally {
			this.current = null;
			pending.cancelCalls();
		}
	}

	/**
	 * A program longer than the limit, refused before it is sent, in the words the
	 * worker's normalizer (and the in-process executor) would use.
	 * @return the error, or {@code null} when the program is not too long
	 */
	static @Nullable ExecutionError tooLong(String code, int maxCodeLength) {
		if (code.length() <= maxCodeLength) {
			return null;
		}
		return new ExecutionError(ExecutionError.LIMIT,
				"the program is too long: " + code.length() + " characters, and the limit is " + maxCodeLength
						+ " (max-code-length); write a shorter program and pass large data through tools");
	}

	private static ExecutionResult failed(ExecutionError error, long startNanos, Pending pending) {
		return new ExecutionResult(null, List.of(), error, elapsed(startNanos), pending.calls);
	}

	private static Duration elapsed(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private static String describe(Duration timeout) {
		return (timeout.toMillis() % 1000 == 0) ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
	}

	/**
	 * @return whether the worker runs and takes executions
	 */
	boolean alive() {
		return this.death == null && this.process.isAlive();
	}

	/**
	 * @return why the worker died, or {@code null} while it lives
	 */
	@Nullable ExecutionError death() {
		return this.death;
	}

	/**
	 * @return why the worker died, or {@code null} while it lives
	 */
	@Nullable Death deathCause() {
		return this.deathCause;
	}

	/**
	 * @return the worker's process id
	 */
	long pid() {
		return this.process.pid();
	}

	/** Reads the worker's messages until its stdout ends. */
	private void read() {
		try {
			Message message;
			while ((message = this.in.read()) != null) {
				dispatch(message);
			}
			exited();
		}
		catch (ProtocolException ex) {
			logger.warn("{} broke the protocol ({}); it is stopped", this.name, ex.getMessage());
			kill(Death.PROTOCOL, new ExecutionError(CRASH, "the sandbox process broke its protocol and was stopped"));
		}
		catch (IOException | RuntimeException ex) {
			exited();
		}
	}

	private void dispatch(Message message) throws ProtocolException {
		if (message instanceof Message.ToolCall call) {
			toolCall(call);
		}
		else if (message instanceof Message.Cancel cancel) {
			Pending pending = this.current;
			if (pending != null) {
				pending.cancel(cancel.callId());
			}
		}
		else if (message instanceof Message.Result result) {
			Pending pending = this.current;
			if (pending != null && pending.id == result.id()) {
				pending.result.complete(result);
			}
		}
		else if (message instanceof Message.Ready ready) {
			this.ready.complete(ready);
		}
		else {
			throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from the worker");
		}
	}

	private void toolCall(Message.ToolCall call) throws ProtocolException {
		Pending pending = this.current;
		if (pending == null || pending.id != call.executionId()) {
			// Its execution ended (a race with the result): nobody waits for it.
			send(Message.ToolResult.failure(call.callId(), "the execution has ended"));
			return;
		}
		// The worker enforces both limits before it asks; a worker that asks past them
		// is not trusted further.
		if (pending.calls >= this.options.maxToolCalls()
				|| pending.running.size() >= this.options.maxToolCallsInFlight()) {
			throw new ProtocolException("the worker asked for tool calls past its limits");
		}
		pending.calls++;
		ToolFunction function = pending.shape.function(pending.namespaces, call.namespace(), call.identifier());
		if (function == null) {
			send(Message.ToolResult.failure(call.callId(),
					"there is no tool " + call.namespace() + "." + call.identifier()));
			return;
		}
		CompletableFuture<String> running = start(function, call.inputJson());
		pending.running.put(call.callId(), running);
		running.whenComplete((output, failure) -> {
			pending.running.remove(call.callId());
			if (running.isCancelled()) {
				// The worker cancelled it (or its execution ended): nobody waits.
				return;
			}
			if (failure != null) {
				send(Message.ToolResult.failure(call.callId(), failureMessage(failure)));
			}
			else if (output != null && output.length() > Protocol.MAX_TOOL_OUTPUT_CHARS) {
				send(Message.ToolResult.failure(call.callId(),
						"the tool's result is " + output.length() + " characters long; at most "
								+ Protocol.MAX_TOOL_OUTPUT_CHARS + " can be passed to the sandbox process"));
			}
			else {
				send(Message.ToolResult.success(call.callId(), (output != null) ? output : "null"));
			}
		});
	}

	private CompletableFuture<String> start(ToolFunction function, String inputJson) {
		try {
			return function.callAsync(inputJson, this.toolExecutor).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** As in-process: the message, never the class. */
	private static String failureMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message == null || message.isBlank()) ? "the tool failed without a message" : message;
	}

	private void send(Message message) {
		try {
			this.out.write(message);
		}
		catch (IOException ex) {
			// The worker is gone; the reader reports it.
		}
	}

	/** The worker's stdout ended: it exited, or is about to. */
	private void exited() {
		ExecutionError cause = crashCause();
		died(ExecutionError.LIMIT.equals(cause.kind()) ? Death.HEAP : Death.CRASH, cause);
	}

	/**
	 * What ended the worker, once its stdout has ended: its heap, or a crash.
	 */
	private ExecutionError crashCause() {
		try {
			this.process.waitFor(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.stderr.awaitEnd(1000);
		Integer exit = this.process.isAlive() ? null : this.process.exitValue();
		if (this.stderr.outOfMemory() || (exit != null && exit == EXIT_OUT_OF_MEMORY)) {
			return new ExecutionError(ExecutionError.LIMIT,
					"the program ran out of memory: it filled the heap of its " + "sandbox process (max-heap "
							+ this.settings.maxHeapText() + "), which was stopped. "
							+ "Use less memory, e.g. work on smaller pieces of data.");
		}
		return new ExecutionError(CRASH, "the sandbox process stopped unexpectedly"
				+ ((exit != null) ? " (exit code " + exit + ")" : "") + "; the execution was lost");
	}

	/** Kills the worker for {@code cause}; the first cause stands. */
	void kill(Death why, ExecutionError cause) {
		died(why, cause);
	}

	private void died(Death why, ExecutionError cause) {
		boolean first;
		synchronized (this.ready) {
			first = (this.death == null);
			if (first) {
				this.death = cause;
				this.deathCause = why;
			}
		}
		this.process.destroyForcibly();
		if (!first) {
			return;
		}
		if (!this.closing) {
			logger.warn("{} stopped ({}) Its last output:\n{}", this.name, cause.message(),
					String.join("\n", this.stderr.tail()));
		}
		this.ready.completeExceptionally(new IOException(cause.message()));
		Pending pending = this.current;
		if (pending != null) {
			pending.result.completeExceptionally(new IOException(cause.message()));
			pending.cancelCalls();
		}
		if (this.ownToolThreads != null) {
			this.ownToolThreads.shutdown();
		}
	}

	private void awaitDeath() {
		try {
			this.process.waitFor(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		while (this.death == null && System.nanoTime() < until) {
			Thread.onSpinWait();
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Stops the worker: its stdin is closed, which ends it; a worker that does not end at
	 * once is killed.
	 */
	@Override
	public void close() {
		this.closing = true;
		this.out.close();
		try {
			if (!this.process.waitFor(2, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		died(Death.CLOSED, new ExecutionError(CRASH, "the sandbox process was closed"));
	}

	/** Why a worker died: what the pool counts. */
	enum Death {

		/** It overran the timeout plus the grace and was killed. */
		TIMEOUT,

		/** Its heap ran out. */
		HEAP,

		/** It exited or crashed for another reason. */
		CRASH,

		/** It broke the protocol and was killed. */
		PROTOCOL,

		/** Its caller was interrupted and it was killed. */
		INTERRUPTED,

		/** It was closed. */
		CLOSED;

		/**
		 * @return the name the pool counts it by, e.g. {@code heap}
		 */
		String cause() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** One execution in the worker: its tools, its result, its calls running here. */
	private static final class Pending {

		private final long id;

		private final List<ToolNamespace> namespaces;

		private final ToolShape shape;

		private final CompletableFuture<Message.Result> result = new CompletableFuture<>();

		private final Map<Long, CompletableFuture<String>> running = new ConcurrentHashMap<>();

		/** Only the reader thread writes it. */
		private volatile int calls;

		Pending(long id, List<ToolNamespace> namespaces, ToolShape shape) {
			this.id = id;
			this.namespaces = namespaces;
			this.shape = shape;
		}

		void cancel(long callId) {
			CompletableFuture<String> call = this.running.remove(callId);
			if (call != null) {
				call.cancel(true);
			}
		}

		/** Cancels (interrupts) the calls still running: their execution has ended. */
		void cancelCalls() {
			this.running.values().forEach((call) -> call.cancel(true));
			this.running.clear();
		}

	}

}
