package dev.codemode.executor.graaljs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ToolFunction;

/**
 * The tool calls of one execution: each call the program makes is admitted against
 * {@code max-tool-calls} and {@code max-tool-calls-in-flight}, started on the tool
 * executor, and its completion queued back to the context's thread, which alone may touch
 * the context. The calls still running when the execution ends are cancelled, which
 * interrupts them.
 * <p>
 * Everything but {@link #wake()} and {@link #cancelRunning()} runs on the context's
 * thread.
 */
final class ToolBridge {

	/** Tool inputs larger than this (characters of JSON) are refused in the sandbox. */
	static final int MAX_TOOL_INPUT_CHARS = 1_000_000;

	private final ToolTable tools;

	private final int maxToolCalls;

	private final int maxInFlight;

	private final ClaimableToolStarts toolStarts;

	private final Consumer<ExecutionError> limitReached;

	private final BlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();

	private final Deque<Runnable> waiting = new ArrayDeque<>();

	/** Calls started; read by other threads when the execution is cancelled. */
	private final Queue<CompletableFuture<?>> running = new ConcurrentLinkedQueue<>();

	private int calls;

	private int inFlight;

	/**
	 * @param tools the execution's tools
	 * @param maxToolCalls how many calls the execution may make
	 * @param maxInFlight how many may run at once; the others wait their turn
	 * @param toolExecutor where tools run
	 * @param limitReached ends the execution when a call past {@code maxToolCalls} is
	 * made
	 */
	ToolBridge(ToolTable tools, int maxToolCalls, int maxInFlight, Executor toolExecutor,
			Consumer<ExecutionError> limitReached) {
		this.tools = tools;
		this.maxToolCalls = maxToolCalls;
		this.maxInFlight = maxInFlight;
		this.toolStarts = new ClaimableToolStarts(toolExecutor);
		this.limitReached = limitReached;
	}

	/**
	 * The bridge from JavaScript: (namespace, tool, inputJson, settle) → null, or why the
	 * call is refused.
	 */
	@Nullable Object callTool(Value... arguments) {
		String namespace = arguments[0].asString();
		String name = arguments[1].asString();
		String input = arguments[2].asString();
		Value settle = arguments[3];
		ToolFunction function = this.tools.function(namespace, name);
		if (function == null) {
			// The runtime asks this for a tool call site whose tool does not exist: the
			// message it rejects with.
			return ErrorTranslator.unknownTool(namespace, name, this.tools.identifiersOf(namespace));
		}
		if (this.calls >= this.maxToolCalls) {
			// The limit ends the execution: a program that makes thousands of calls must
			// not keep the thread busy creating rejections (and catching them would only
			// hide the limit from the model).
			String refusal = "tool call limit reached: this execution may make " + this.maxToolCalls
					+ " tool calls (max-tool-calls), and " + namespace + "." + name + " would be one more. "
					+ "Make fewer calls, e.g. batch the work, or split it over several executions.";
			this.limitReached.accept(new ExecutionError(ExecutionError.LIMIT, refusal));
			return refusal;
		}
		this.calls++;
		Runnable start = () -> start(function, input, settle);
		if (this.inFlight < this.maxInFlight) {
			start.run();
		}
		else {
			this.waiting.add(start);
		}
		return null;
	}

	private void start(ToolFunction function, String input, Value settle) {
		this.inFlight++;
		CompletableFuture<String> call;
		try {
			call = function.callAsync(input, this.toolStarts).toCompletableFuture();
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

	/**
	 * @return the calls admitted so far
	 */
	int calls() {
		return this.calls;
	}

	/**
	 * @return the calls started and not yet delivered
	 */
	int inFlight() {
		return this.inFlight;
	}

	/**
	 * @return the calls admitted that wait for a place in flight
	 */
	int queued() {
		return this.waiting.size();
	}

	/** Drops the calls that wait for a place in flight: they are never started. */
	void dropQueued() {
		this.waiting.clear();
	}

	/**
	 * @return whether nothing can ever be delivered: no call in flight, no completion
	 * queued
	 */
	boolean idle() {
		return this.inFlight == 0 && this.completions.isEmpty();
	}

	/**
	 * @return the next completion to run on the context's thread, or {@code null} when
	 * none is there yet
	 */
	@Nullable Runnable readyCompletion() {
		return this.completions.poll();
	}

	/**
	 * Runs on this thread the latest tool call that no tool thread has started yet (see
	 * {@link ClaimableToolStarts}); its completion is then ready.
	 * @return whether a call ran
	 */
	boolean runLatestCallHere() {
		return this.toolStarts.runLatestHere();
	}

	/**
	 * @param timeoutNanos how long to wait
	 * @return the next completion to run on the context's thread, or {@code null} when
	 * none came in time
	 */
	@Nullable Runnable nextCompletion(long timeoutNanos) throws InterruptedException {
		return this.completions.poll(timeoutNanos, TimeUnit.NANOSECONDS);
	}

	/** From any thread: makes the context's thread stop waiting for a completion. */
	void wake() {
		this.completions.add(() -> {
		});
	}

	/** From any thread: cancels (interrupts) the calls still running. */
	void cancelRunning() {
		this.running.forEach((future) -> future.cancel(true));
	}

}
