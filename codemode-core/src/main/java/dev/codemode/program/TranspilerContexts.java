package dev.codemode.program;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import dev.codemode.internal.CodeModeThreads;
import dev.codemode.internal.SandboxEngines;

/**
 * GraalJS contexts with Babel's parser and Sucrase loaded, apart from the contexts that
 * run programs: long-lived, each used by one call at a time, each call bounded in time
 * and in statements. A context that hits a bound is closed and another one made, so
 * nothing that one program's text did to a context reaches the next.
 * <p>
 * A context is made when a call finds none free, up to the maximum: loading the libraries
 * takes seconds in an interpreter, which the executor's warm-up pays at startup.
 * <p>
 * Babel's parser recurses some twenty JavaScript calls deep for each level of a program's
 * nesting, and GraalJS's interpreter takes kilobytes of Java stack for each: on a thread
 * of 1 MiB, nested arrays stop at 28 levels (a RangeError), where
 * {@code max-nesting-depth} lets through about 200. Calls therefore run on threads of
 * their own whose stack fits the deepest nesting accepted with room to spare; the OS
 * commits a thread's stack only as far as it is used.
 */
final class TranspilerContexts implements AutoCloseable {

	/**
	 * Statements one call may run: a 64 KB program of ordinary code takes a small part of
	 * it.
	 */
	static final long MAX_STATEMENTS = 200_000_000L;

	/**
	 * Time one call may run whatever its deadline, so that a few slow programs cannot
	 * hold every context for their whole timeout. Babel's parser reads about 30 KB of
	 * ordinary code a second in GraalJS's interpreter (2 cores, warm), so a program at
	 * the 64 KB code-size limit takes about 2 s, and more on a loaded machine.
	 */
	static final long MAX_CALL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final String GLUE = "dev/codemode/program/jvm-transpiler.js";

	/**
	 * The deepest nesting that the default max-nesting-depth (400) lets through takes
	 * about 5 MiB (arrows, measured; 4 MiB held 150 of them): room for three times that.
	 */
	private static final long STACK_SIZE = 16L << 20;

	private final Engine engine;

	private final Map<String, NpmModules.Package> packages;

	private final Source glue;

	private final int maxContexts;

	private final long maxStatements;

	private final BlockingQueue<Functions> idle = new LinkedBlockingQueue<>();

	private final AtomicInteger open = new AtomicInteger();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(CodeModeThreads.factory("codemode-transpiler-timer-", 0));

	// At most one call per context runs at once, so the pool holds few threads.
	private final ExecutorService workers = Executors
		.newCachedThreadPool(CodeModeThreads.factory("codemode-transpiler-", STACK_SIZE));

	/**
	 * @param packages the npm packages to load: {@code @babel/parser} and {@code sucrase}
	 * and what they require
	 * @param maxContexts how many contexts may exist at once
	 * @param maxStatements how many statements one call may run
	 * ({@link #MAX_STATEMENTS}); loading the libraries and the first calls that warm a
	 * new context up must fit in it too
	 */
	TranspilerContexts(Map<String, NpmModules.Package> packages, int maxContexts, long maxStatements) {
		this.packages = packages;
		this.maxContexts = maxContexts;
		this.maxStatements = maxStatements;
		this.engine = SandboxEngines.constrained("codemode-transpiler-engine");
		this.glue = Source.newBuilder("js", NpmModules.read(GLUE), "jvm-transpiler.js").buildLiteral();
	}

	/**
	 * Calls one of the functions of {@code jvm-transpiler.js}.
	 * @param function {@code "parse"} or {@code "transpile"}
	 * @param code its argument
	 * @param timeoutNanos how long it may take, waiting for a context included
	 * @return what it returned
	 * @throws ProgramException on a timeout or a bound, or when the library fails
	 */
	String call(String function, String code, long timeoutNanos) throws ProgramException {
		long deadline = System.nanoTime() + timeoutNanos;
		Functions functions = borrow(deadline);
		long started = System.nanoTime();
		if (started >= deadline) {
			// Making the context took the time (the first call pays for loading the
			// libraries): keep it for the next.
			this.idle.add(functions);
			throw SwcCompiler.timeout();
		}
		long stopAt = Math.min(deadline, started + MAX_CALL_NANOS);
		ScheduledFuture<?> stop = this.timer.schedule(() -> functions.context().close(true),
				Math.max(0, stopAt - started), TimeUnit.NANOSECONDS);
		Future<String> result;
		try {
			result = this.workers.submit(() -> run(functions, function, code, stop, stopAt < deadline));
		}
		catch (RejectedExecutionException ex) {
			stop.cancel(false);
			discard(functions);
			throw ProgramException.limit("the parser is closed");
		}
		try {
			// The timer closes the context when the call's time is up, which ends the
			// call.
			return result.get();
		}
		catch (InterruptedException ex) {
			functions.context().close(true);
			Thread.currentThread().interrupt();
			throw ProgramException.timeout("interrupted while parsing");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ProgramException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Runs one call on a worker; gives the context back for the next call, or closes it.
	 * @param capped whether the call stops at {@link #MAX_CALL_NANOS} rather than at its
	 * deadline
	 */
	private String run(Functions functions, String function, String code, ScheduledFuture<?> stop, boolean capped)
			throws ProgramException {
		boolean reusable = false;
		try {
			functions.context().resetLimits();
			String result = functions.get(function).execute(code).asString();
			reusable = true;
			return result;
		}
		catch (PolyglotException ex) {
			// The statement limit cancels the context too: it is told apart first.
			if (ex.isResourceExhausted()) {
				throw ProgramException.limit("the program is too costly to parse: the parser ran past "
						+ this.maxStatements + " statements; write a shorter or simpler program");
			}
			if ((ex.isCancelled() || ex.isInterrupted()) && capped) {
				throw ProgramException.limit("the program took too long to parse (over "
						+ TimeUnit.NANOSECONDS.toSeconds(MAX_CALL_NANOS) + " s); write a shorter or simpler program");
			}
			if (ex.isCancelled() || ex.isInterrupted()) {
				throw SwcCompiler.timeout();
			}
			// An error of the library itself (a stack overflow on a deep tree, a bug)
			// leaves the context sound.
			reusable = ex.isGuestException() && !ex.isInternalError();
			throw ex;
		}
		finally {
			if (stop.cancel(false) && reusable) {
				this.idle.add(functions);
			}
			else {
				discard(functions);
			}
		}
	}

	private Functions borrow(long deadline) throws ProgramException {
		Functions functions = this.idle.poll();
		if (functions != null) {
			return functions;
		}
		if (this.open.incrementAndGet() <= this.maxContexts) {
			try {
				return create();
			}
			catch (RuntimeException ex) {
				this.open.decrementAndGet();
				throw ex;
			}
		}
		this.open.decrementAndGet();
		try {
			functions = this.idle.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ProgramException.timeout("interrupted while parsing");
		}
		if (functions == null) {
			throw SwcCompiler.timeout();
		}
		return functions;
	}

	private Functions create() {
		Context context = Context.newBuilder("js")
			.engine(this.engine)
			.sandbox(SandboxPolicy.CONSTRAINED)
			.allowHostAccess(HostAccess.CONSTRAINED)
			.resourceLimits(ResourceLimits.newBuilder().statementLimit(this.maxStatements, null).build())
			.out(OutputStream.nullOutputStream())
			.err(OutputStream.nullOutputStream())
			.in(InputStream.nullInputStream())
			.option("js.allow-eval", "false")
			.option("js.load", "false")
			.option("js.print", "false")
			.option("js.graal-builtin", "false")
			.option("js.console", "false")
			.build();
		try {
			NpmModules modules = new NpmModules(context, this.packages);
			Value api = context.eval(this.glue).execute(modules.require("@babel/parser"), modules.require("sucrase"));
			Functions functions = new Functions(context, api.getMember("parse"), api.getMember("transpile"));
			// Run each once: the first call of a function in a fresh context costs many
			// times the next.
			functions.parse().execute("const x: number = 1;");
			functions.transpile().execute("const x: number = 1;");
			return functions;
		}
		catch (RuntimeException ex) {
			context.close(true);
			throw ex;
		}
	}

	private void discard(Functions functions) {
		this.open.decrementAndGet();
		try {
			functions.context().close(true);
		}
		catch (RuntimeException ex) {
			// Already closed by the timer.
		}
	}

	/**
	 * Closes the idle contexts, the engine and the timer. The JVM's shared instance is
	 * never closed: only contexts made for one use (a test) are.
	 */
	@Override
	public void close() {
		this.timer.shutdownNow();
		this.workers.shutdownNow();
		for (Functions functions = this.idle.poll(); functions != null; functions = this.idle.poll()) {
			discard(functions);
		}
		this.engine.close(true);
	}

	private record Functions(Context context, Value parse, Value transpile) {

		Value get(String function) {
			return function.equals("parse") ? this.parse : this.transpile;
		}

	}

}
