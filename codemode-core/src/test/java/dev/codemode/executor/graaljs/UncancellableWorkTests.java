package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;
import dev.codemode.executor.Isolation;
import dev.codemode.executor.SandboxExecutors;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.process.ProcessCodeExecutor;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack corpus, section G, rows G1 and G2: work that the engine cannot cancel is never
 * started, and a thread that is stuck all the same is retired and replaced, within a
 * bound.
 */
@BothIsolations
class UncancellableWorkTests extends SandboxTestSupport {

	/** G1: generic builtins that loop over {@code length} without a safepoint. */
	static Stream<String> hugeArrayLikes() {
		return Stream.of("Array.prototype.indexOf.call({length: 2**53-1}, 1)",
				"Array.prototype.lastIndexOf.call({length: 2**53-1}, 1)",
				"Array.prototype.sort.call({length: 2**53-1})", "Array.prototype.splice.call({length: 2**53-1}, 0, 1)",
				"Array.prototype.shift.call({length: 2**53-1})",
				"Array.prototype.toSpliced.call({length: 2**53-1}, 0, 0)",
				"Array.prototype.forEach.call({length: 2**53-1}, () => {})",
				"const a = []; a.length = 2**32-1; a.toReversed()", "const a = []; a.length = 2**32-1; [...a]",
				"Array.prototype.includes.call({get length() { return this.n++ ? 2**53-1 : 0 }, n: 0}, 1)",
				"Array.prototype.indexOf.call({length: {valueOf() { return 2**53-1 }}}, 1)",
				"[].concat({length: 2**53-1, [Symbol.isConcatSpreadable]: true})",
				"String.raw({raw: {length: 2**53-1}})", "Intl.getCanonicalLocales({length: 2**53-1})",
				"'a'.localeCompare('b', {length: 2**53-1})", "new Intl.NumberFormat({length: 2**53-1})",
				"Array.from({length: 2**32-1})", "new Uint8Array({length: 2**32-1})",
				"Array.prototype.indexOf.call(new Proxy({}, {get: (t, k) => k === 'length' ? 2**53-1 : undefined}), 1)",
				"Array.prototype.indexOf.call(Object.create(Proxy.revocable({}, {}).proxy), 1)",
				// Strings and typed arrays just past the bound: building larger ones
				// takes seconds by itself.
				"Object.keys('x'.repeat(2**21))", "Object.getOwnPropertyNames(new Uint8Array(2**21))",
				"Object.assign({}, 'x'.repeat(2**21))", "Object.entries(new String('x'.repeat(2**21)))",
				"new Float64Array(2**21).sort()", "Array.prototype.indexOf.call(new Uint8Array(2**21), 1)");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hugeArrayLikes")
	void builtinOverAHugeArrayLikeIsRefusedBeforeItStarts(String code) {
		ExecutionResult result = attack(code, T.plusSeconds(1));
		assertThat(result.error()).as("error of %s", code).isNotNull();
		assertThat(result.error().kind()).isEqualTo("RangeError");
		assertThat(result.error().message()).contains("this sandbox refuses");
		assertJavaFree(result);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "BigInt('9'.repeat(2e6))", "BigInt({ toString() { return '9'.repeat(2e6) } })",
			"(10n ** 20000n).toString()", "BigInt.prototype.toString.call(Object(10n ** 20000n))" })
	void hugeBigIntParsingAndPrintingIsRefused(String code) {
		// G2: parsing and printing run in the host's big-number code.
		ExecutionResult result = attack(code, T.plusSeconds(1));
		assertThat(result.error()).as("error of %s", code).isNotNull();
		assertThat(result.error().kind()).isIn("RangeError", "TypeError");
		assertThat(result.error().message()).contains("this sandbox");
	}

	@Test
	void ordinaryUseOfGuardedBuiltinsIsUnchanged() {
		assertResult(run("""
				const a = [3, 1, 2];
				const t = new Uint8Array([1, 2, 3]);
				return [a.indexOf(2), [...a].sort(), a.concat([4], 5), Array.from('ab'), String.raw`x\\ny`,
				  BigInt('12345678901234567890').toString(), new Intl.NumberFormat('en-US').format(1234.5),
				  new ArrayBuffer(8).byteLength, t.length, Uint8Array.from([1]).length, a.toReversed(),
				  Array.prototype.indexOf.call({ length: 2, 1: 'x' }, 'x'), new Uint8Array(4) instanceof Uint8Array,
				  Object.getPrototypeOf(t).constructor === Uint8Array, new Proxy({ a: 1 }, {}).a];
				"""), """
				[2, [1, 2, 3], [3, 1, 2, 4, 5], ["a", "b"], "x\\\\ny", "12345678901234567890", "1,234.5", 8, 3, 1,
				 [2, 1, 3], 1, true, true, 1]
				""");
	}

	@Test
	void trapsAProgramAddsToObjectPrototypeNeverReachAGuardedBuiltin() {
		// The guards are proxies of the builtins: a trap looked up on Object.prototype
		// would be handed the original.
		assertResult(
				run("""
						const reached = [];
						for (const trap of ['get', 'has', 'apply', 'construct', 'getOwnPropertyDescriptor', 'ownKeys',
						    'getPrototypeOf', 'defineProperty', 'set', 'deleteProperty']) {
						  Object.prototype[trap] = function (target) { reached.push(trap); return Reflect[trap](...arguments); };
						}
						const map = Array.prototype.map;
						const seen = [map.name, map.length, typeof map, Object.keys(map).length, [1, 2].map((x) => x * 2),
						  new Uint8Array(2).length, Uint8Array.BYTES_PER_ELEMENT, Intl.NumberFormat.name];
						let refused = [];
						for (const f of [() => Array.prototype.indexOf.call({ length: 2 ** 53 - 1 }, 1),
						    () => new Intl.NumberFormat({ length: 2 ** 53 - 1 })]) {
						  try { f(); } catch (e) { refused.push(e.name === 'RangeError'); }
						}
						return [reached, refused, ...seen];
						"""),
				"[[], [true, true], \"map\", 1, \"function\", 0, [2, 4], 2, 1, \"NumberFormat\"]");
	}

	@Test
	void intlIsGuardedWhenAProgramFirstReadsItWhateverItReplacedBefore() {
		// Intl is guarded lazily, after the program ran: what it replaced by then must
		// not let a constructor through unguarded.
		assertResult(run("""
				Object.prototype.get = () => 1;
				Object.prototype.set = () => {};
				Array.prototype[Symbol.iterator] = function* () {};
				Reflect.ownKeys = () => [];
				Object.defineProperty = () => {};
				const getter = Object.getOwnPropertyDescriptor(globalThis, 'Intl').get;
				const attempts = [() => new Intl.NumberFormat({ length: 2 ** 53 - 1 }),
				  () => Intl.Collator.supportedLocalesOf({ length: 2 ** 53 - 1 }),
				  () => new (getter())['DateTimeFormat']({ length: 2 ** 53 - 1 })];
				const refused = [];
				for (let i = 0; i < attempts.length; i++) {
				  try { attempts[i](); refused[i] = false; } catch (e) { refused[i] = e.name === 'RangeError'; }
				}
				return [refused, typeof Intl, getter() === Intl,
				  Object.getOwnPropertyDescriptor(globalThis, 'Intl').writable];
				"""), "[[true, true, true], \"object\", true, true]");
	}

	@Test
	void intlCanBeReplacedOrDeletedBeforeItIsRead() {
		assertResult(run("""
				const before = Object.keys(globalThis).includes('Intl');
				Intl = 5;
				const replaced = Intl;
				delete globalThis.Intl;
				return [before, replaced, typeof Intl, 'x'.localeCompare('y', 'en')];
				"""), "[false, 5, \"undefined\", -1]");
	}

	static Stream<String> intrinsics() {
		return Stream.of("Array", "Array.prototype", "Object.getPrototypeOf(Uint8Array)",
				"Object.getPrototypeOf(Uint8Array.prototype)", "Uint8Array", "String", "String.prototype", "Object",
				"Object.prototype", "Function", "Function.prototype", "Reflect", "JSON", "Promise", "Promise.prototype",
				"RegExp", "RegExp.prototype", "Map", "Map.prototype", "Set.prototype", "BigInt", "BigInt.prototype",
				"ArrayBuffer", "ArrayBuffer.prototype", "Intl",
				"...Object.getOwnPropertyNames(Intl).map((k) => Intl[k]).filter((c) => typeof c === 'function')"
						+ ".flatMap((c) => c.prototype ? [c, c.prototype] : [c])");
	}

	/**
	 * Every function of the standard intrinsics, called with huge array-like receivers
	 * and huge arguments: each call ends with a guest error or returns, within the
	 * execution's timeout, and no thread is left behind.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("intrinsics")
	@InProcessOnly("builds an executor with a 20 s timeout, and counts its retired threads")
	void everyIntrinsicFunctionEndsWithinItsLimitsWhateverItIsGiven(String roots) {
		GraalJsCodeExecutor executor = Walk.EXECUTOR;
		long retiredBefore = executor.retiredThreadsTotal();
		String code = """
				const roots = [%s];
				const huge = { length: 2 ** 53 - 1 };
				const sparse = []; sparse.length = 2 ** 32 - 1;
				const big = 10n ** 9000n;
				const variants = [
				  (f) => f.call(huge, 1, 2), (f) => f.call(huge, huge, huge), (f) => f.call(sparse, sparse, 2 ** 32 - 1),
				  (f) => f.call(undefined, huge, huge), (f) => f.call('x', 2 ** 30, 2 ** 30),
				  (f) => f.call(2 ** 53, { raw: huge }, huge), (f) => f.call(big, big, 2 ** 53 - 1),
				  (f) => new f(huge, huge), (f) => new f(2 ** 32 - 1), (f) => f(sparse, huge)];
				let calls = 0;
				for (const root of roots) {
				  for (const key of Reflect.ownKeys(root)) {
				    const d = Object.getOwnPropertyDescriptor(root, key);
				    if (!d || typeof d.value !== 'function') continue;
				    for (const variant of variants) {
				      calls++;
				      try {
				        const r = variant(d.value);
				        if (r instanceof Promise) r.then(() => {}, () => {});
				      } catch (e) { }
				    }
				  }
				}
				return calls;
				"""
			.formatted(roots);
		ExecutionResult result = attack(executor, code, Walk.TIMEOUT.plusSeconds(2));
		assertThat(result.error()).as("error of the walk over %s", roots).isNull();
		assertThat(Integer.parseInt(result.resultJson())).isPositive();
		assertThat(executor.retiredThreadsTotal()).isEqualTo(retiredBefore);
	}

	@Test
	void eightHostileProgramsInARowRetireNoThreadAndLeaveCapacity() {
		CodeExecutor executor = executor();
		// Retired threads are the in-process executor's; in process mode no worker may
		// have been stopped instead.
		GraalJsCodeExecutor inProcess = (isolation() == Isolation.IN_PROCESS) ? SandboxExecutors.inProcess() : null;
		long retiredBefore = (inProcess != null) ? inProcess.retiredThreadsTotal() : 0;
		Map<String, Long> killedBefore = killedWorkers(executor);
		List<String> programs = hugeArrayLikes().limit(6).toList();
		List<String> eight = new ArrayList<>(programs);
		eight.add("BigInt('9'.repeat(2e6))");
		eight.add("Array.prototype.indexOf.call({length: 2**53-1}, 1)");
		for (String code : eight) {
			ExecutionResult result = attack(code, T.plusSeconds(1));
			assertThat(result.error()).as("error of %s", code).isNotNull();
		}
		if (inProcess != null) {
			assertThat(inProcess.retiredThreadsTotal()).isEqualTo(retiredBefore);
			assertThat(inProcess.retiredThreads()).isZero();
		}
		assertThat(killedWorkers(executor)).as("workers stopped").isEqualTo(killedBefore);
		for (int i = 0; i < 100; i++) {
			long start = System.nanoTime();
			ExecutionResult result = executor.execute(
					"async () => { const a = await codemode.echo({ n: 1 }); const b = await codemode.echo({ n: 2 }); "
							+ "return a.n + b.n; }",
					this.fixtures.tools());
			assertThat(result.error()).as("error of execution %d", i).isNull();
			assertThat(result.resultJson()).isEqualTo("3");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(T);
		}
	}

	@Test
	@InProcessOnly("the stuck thread is the in-process executor's: in process mode the tool runs here, "
			+ "and the program's thread is the worker's")
	void threadStuckInWorkNobodyCanInterruptIsRetiredAndReplacedWithinABound() throws Exception {
		// A tool that blocks the program's own thread and ignores interrupts: nothing can
		// stop it but itself.
		CountDownLatch release = new CountDownLatch(1);
		ToolFunction stubborn = new ToolFunction() {

			@Override
			public String call(String inputJson) {
				return "null";
			}

			@Override
			public CompletableFuture<String> callAsync(String inputJson, Executor executor) {
				awaitUninterruptibly(release);
				return CompletableFuture.completedFuture("null");
			}

		};
		List<ToolNamespace> tools = List
			.of(ToolNamespace.of(Map.of("stubborn", stubborn, "echo", (ToolFunction) (in) -> in)));
		GraalJsCodeExecutor executor = started(
				options().timeout(Duration.ofMillis(500)).maxConcurrentExecutions(1).maxRetiredThreads(2).build());
		try {
			ExecutionResult first = executor.execute("await codemode.stubborn({})", tools);
			assertThat(first.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
			assertThat(executor.retiredThreads()).isOne();
			// Capacity is kept: the one execution thread was replaced.
			ExecutionResult next = executor.execute("await codemode.echo({ ok: true })", tools);
			assertThat(next.resultJson()).isEqualTo("{\"ok\":true}");
			ExecutionResult second = executor.execute("await codemode.stubborn({})", tools);
			assertThat(second.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
			assertThat(executor.retiredThreads()).isEqualTo(2);
			assertThat(executor.acceptsExecutions()).isFalse();
			ExecutionResult refused = executor.execute("1 + 1", tools);
			assertThat(refused.error().kind()).isEqualTo(ExecutionError.LIMIT);
			assertThat(refused.error().message()).contains("(max-retired-threads)");
			release.countDown();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (executor.retiredThreads() > 0 && System.nanoTime() < deadline) {
				sleep(10);
			}
			assertThat(executor.retiredThreads()).isZero();
			assertThat(executor.retiredThreadsTotal()).isEqualTo(2);
			assertThat(executor.execute("1 + 1", tools).resultJson()).isEqualTo("2");
		}
		finally {
			release.countDown();
			executor.close();
		}
	}

	private static Map<String, Long> killedWorkers(CodeExecutor executor) {
		return (executor instanceof ProcessCodeExecutor process) ? process.workers().killed() : Map.of();
	}

	/**
	 * One executor for the walk, with room for the slowest root (the Intl constructors
	 * build locale data).
	 */
	private static final class Walk {

		static final Duration TIMEOUT = Duration.ofSeconds(20);

		static final GraalJsCodeExecutor EXECUTOR = started(options().timeout(TIMEOUT).build());

	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
