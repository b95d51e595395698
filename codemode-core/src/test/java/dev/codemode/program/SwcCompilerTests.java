package dev.codemode.program;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import com.caoccao.javet.swc4j.outputs.Swc4jParseOutput;
import com.caoccao.javet.swc4j.outputs.Swc4jTranspileOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The parse pool: bounded queue, deadlines, retirement of threads stuck in native code,
 * and the cap on them. A stand-in replaces only the native call, so that a parse can be
 * made to never return; every other call goes to SWC itself, and
 * {@link #aRealParseThatCannotBeStoppedIsRetired()} does it all with a real parse.
 */
class SwcCompilerTests {

	private static final long MILLIS = 1_000_000L;

	private static final Duration GRACE = Duration.ofSeconds(1);

	private final Stuck swc = new Stuck();

	private final ExecutorService callers = Executors.newCachedThreadPool();

	private SwcCompiler compiler;

	@AfterEach
	void release() throws InterruptedException {
		this.swc.release.countDown();
		if (this.compiler != null) {
			awaitUntil(() -> this.compiler.stuckThreads() == 0, Duration.ofSeconds(10));
			this.compiler.close();
		}
		this.callers.shutdownNow();
	}

	@Test
	void anOverrunningParseEndsAtItsDeadlineAndItsThreadIsRetiredAndReplaced() {
		this.compiler = new SwcCompiler(1, 4, 2, 10_000 * MILLIS, this.swc);
		long start = System.nanoTime();
		ProgramException error = failure(() -> this.compiler.parse(Stuck.HANG, 0, 300 * MILLIS));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300).plus(GRACE));
		assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
		assertThat(error.getMessage()).contains("could not be parsed within the execution's timeout");
		assertThat(this.compiler.retiredThreads()).isEqualTo(1);
		assertThat(this.compiler.stuckThreads()).isEqualTo(1);
		// The only thread is stuck, yet the next parse runs: the pool replaced it.
		assertThat(parse("const a = 1;").getProgram()).isNotNull();
	}

	@Test
	void pastTheCapOfRetiredThreadsParsingIsRefusedUntilOneFinishes() throws InterruptedException {
		this.compiler = new SwcCompiler(2, 4, 2, 10_000 * MILLIS, this.swc);
		failure(() -> this.compiler.parse(Stuck.HANG, 0, 200 * MILLIS));
		failure(() -> this.compiler.parse(Stuck.HANG, 0, 200 * MILLIS));
		assertThat(this.compiler.retiredThreads()).isEqualTo(2);

		ProgramException refused = failure(() -> this.compiler.parse("const a = 1;", 0, 3_000 * MILLIS));
		assertThat(refused.kind()).isEqualTo(Kind.LIMIT);
		assertThat(refused.getMessage()).contains("parsing is suspended", "2 earlier parses ran past their time");

		this.swc.release.countDown();
		awaitUntil(() -> this.compiler.stuckThreads() == 0, Duration.ofSeconds(10));
		assertThat(parse("const a = 1;").getProgram()).isNotNull();
		assertThat(this.compiler.retiredThreads()).as("counted for good").isEqualTo(2);
	}

	@Test
	void atTheCapAStuckParseKeepsItsThreadInsteadOfGrowingThreads() {
		this.compiler = new SwcCompiler(2, 4, 1, 10_000 * MILLIS, this.swc);
		failure(() -> this.compiler.parse(Stuck.HANG, 0, 200 * MILLIS));
		assertThat(this.compiler.stuckThreads()).isEqualTo(1);
		// Refused at once: the cap is reached, and no thread is created for it.
		assertThat(failure(() -> this.compiler.parse(Stuck.HANG, 0, 200 * MILLIS)).kind()).isEqualTo(Kind.LIMIT);
		assertThat(this.swc.calls.get()).isEqualTo(1);
		assertThat(this.compiler.retiredThreads()).isEqualTo(1);
	}

	@Test
	void theQueueIsBounded() throws InterruptedException {
		this.compiler = new SwcCompiler(1, 2, 4, 10_000 * MILLIS, this.swc);
		CompletableFuture<Object> running = call(Stuck.HANG, 10_000);
		awaitUntil(() -> this.swc.calls.get() == 1, Duration.ofSeconds(5));
		CompletableFuture<Object> first = call("const a = 1;", 10_000);
		CompletableFuture<Object> second = call("const b = 2;", 10_000);
		awaitUntil(() -> this.compiler.waitingCalls() == 2, Duration.ofSeconds(5));

		long start = System.nanoTime();
		ProgramException refused = failure(() -> this.compiler.parse("const c = 3;", 0, 10_000 * MILLIS));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once").isLessThan(GRACE);
		assertThat(refused.kind()).isEqualTo(Kind.LIMIT);
		assertThat(refused.getMessage()).contains("the parser is busy", "2 programs are already waiting");

		this.swc.release.countDown();
		assertThat(first.join()).isNotNull();
		assertThat(second.join()).isNotNull();
		running.join();
	}

	@Test
	void aParsePastTheStallTimeGivesUpItsThreadAndStillReturnsItsResult() throws Exception {
		this.compiler = new SwcCompiler(1, 4, 2, 200 * MILLIS, this.swc);
		CompletableFuture<Object> slow = call(Stuck.HANG, 10_000);
		awaitUntil(() -> this.compiler.retiredThreads() == 1, Duration.ofSeconds(5));
		// The only thread is busy with the slow parse, which has given its place away:
		// this one runs at once.
		assertThat(parse("const a = 1;").getProgram()).isNotNull();
		assertThat(slow).isNotDone();
		this.swc.release.countDown();
		assertThat(slow.get(5, TimeUnit.SECONDS)).as("the slow parse's own result").isEqualTo(Stuck.RESULT);
		awaitUntil(() -> this.compiler.stuckThreads() == 0, Duration.ofSeconds(5));
	}

	@Test
	void twoStuckParsesDelayNoOtherParse() {
		this.compiler = new SwcCompiler(SwcCompiler.DEFAULT_THREADS, SwcCompiler.DEFAULT_QUEUE_CAPACITY,
				SwcCompiler.DEFAULT_MAX_RETIRED, SwcCompiler.DEFAULT_STALL_NANOS, this.swc);
		CompletableFuture<Object> first = call(Stuck.HANG, 10_000);
		CompletableFuture<Object> second = call(Stuck.HANG, 10_000);
		awaitUntil(() -> this.swc.calls.get() == 2, Duration.ofSeconds(5));
		long start = System.nanoTime();
		assertThat(parse("const ordinary = [1, 2, 3].map((x) => x * 2);").getProgram()).isNotNull();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("within the ordinary program's own timeout")
			.isLessThan(Duration.ofSeconds(3));
		assertThat(first).isNotDone();
		assertThat(second).isNotDone();
	}

	@Test
	void parserThreadsAreDaemonsAndInheritNoThreadLocals() {
		// The parser thread is created by the first caller, here the test thread, which
		// holds a value.
		CALLER.set("the caller's login");
		try {
			this.compiler = new SwcCompiler(1, 4, 2, 10_000 * MILLIS, this.swc);
			parse(Stuck.PROBE);
		}
		finally {
			CALLER.remove();
		}
		Thread thread = this.swc.thread.get();
		assertThat(thread.isDaemon()).isTrue();
		assertThat(thread.getName()).startsWith("codemode-swc-");
		assertThat(this.swc.inherited.get()).as("the caller's inheritable thread-local on the parser thread").isNull();
	}

	@Test
	void aRealParseThatCannotBeStoppedIsRetired() throws InterruptedException {
		this.compiler = new SwcCompiler();
		// Refused by ParseGuard in production; here it goes to SWC, which needs seconds
		// (doubling per level).
		String exponential = "x = " + "<a>(".repeat(20) + "b" + ")".repeat(20);
		long start = System.nanoTime();
		ProgramException error = failure(() -> this.compiler.parse(exponential, 0, 300 * MILLIS));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300).plus(GRACE));
		assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
		assertThat(this.compiler.retiredThreads()).isEqualTo(1);
		assertThat(parse("const a: number = 1;").getProgram()).isNotNull();
		// Wait for SWC to finish, so that no test after this one shares the CPU with it.
		awaitUntil(() -> this.compiler.stuckThreads() == 0, Duration.ofSeconds(120));
	}

	private Swc4jParseOutput parse(String code) {
		try {
			return this.compiler.parse(code, 0, 3_000 * MILLIS);
		}
		catch (ProgramException ex) {
			throw new AssertionError(ex.getMessage(), ex);
		}
	}

	private CompletableFuture<Object> call(String code, long timeoutMillis) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return this.compiler.parse(code, 0, timeoutMillis * MILLIS);
			}
			catch (ProgramException ex) {
				return ex;
			}
		}, this.callers);
	}

	private static ProgramException failure(Parse parse) {
		ProgramException failure = catchThrowableOfType(ProgramException.class, parse::run);
		assertThat(failure).as("the parse's failure").isNotNull();
		return failure;
	}

	private static void awaitUntil(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	@FunctionalInterface
	private interface Parse {

		void run() throws ProgramException;

	}

	/**
	 * The native calls, with a stand-in for the one that never returns: {@link #HANG}
	 * blocks until released and, like native code, ignores interrupts. Everything else is
	 * parsed by SWC.
	 */
	private static final class Stuck implements SwcCompiler.Native {

		static final String HANG = "hang";

		static final String PROBE = "probe";

		static final Swc4jParseOutput RESULT = null;

		private final SwcCompiler.Native real = new SwcCompiler.Swc4jNative();

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		final AtomicReference<Thread> thread = new AtomicReference<>();

		final AtomicReference<Object> inherited = new AtomicReference<>();

		@Override
		public Swc4jParseOutput parse(String code) throws Exception {
			this.calls.incrementAndGet();
			if (HANG.equals(code)) {
				boolean interrupted = false;
				while (true) {
					try {
						this.release.await();
						break;
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
				return RESULT;
			}
			if (PROBE.equals(code)) {
				this.thread.set(Thread.currentThread());
				this.inherited.set(CALLER.get());
				return this.real.parse("probe");
			}
			return this.real.parse(code);
		}

		@Override
		public Swc4jTranspileOutput transpile(String script) throws Exception {
			return this.real.transpile(script);
		}

	}

	/** What a caller's context looks like to a thread that inherits thread-locals. */
	private static final InheritableThreadLocal<String> CALLER = new InheritableThreadLocal<>();

}
