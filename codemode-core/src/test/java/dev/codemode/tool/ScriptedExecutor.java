package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.internal.CodeModeThreads;

/**
 * A {@link CodeExecutor} for tests of the tool pipeline that starts no JavaScript engine:
 * it ignores the code and plays a {@link Program} written in Java, which calls the tools
 * it was given by name, one at a time or several at once, logs, and returns a result.
 * Like the real executor, each tool runs on a thread of its own pool (through
 * {@link ToolFunction#callAsync}), the execution ends at its timeout, and the calls still
 * running when it ends are cancelled, which interrupts their threads.
 */
final class ScriptedExecutor implements CodeExecutor, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Program program;

	private final Duration timeout;

	private final ExecutorService toolThreads = Executors
		.newCachedThreadPool(CodeModeThreads.factory("scripted-tool-", 0));

	private final List<String> codes = new CopyOnWriteArrayList<>();

	private volatile List<ToolNamespace> lastNamespaces = List.of();

	/**
	 * @param program what every execution does
	 */
	ScriptedExecutor(Program program) {
		this(program, Duration.ofSeconds(20));
	}

	/**
	 * @param program what every execution does
	 * @param timeout when an execution ends, waiting tool calls cancelled
	 */
	ScriptedExecutor(Program program, Duration timeout) {
		this.program = program;
		this.timeout = timeout;
	}

	@Override
	public ExecutionResult execute(String code, List<ToolNamespace> namespaces) {
		this.codes.add(code);
		this.lastNamespaces = namespaces;
		long start = System.nanoTime();
		Run run = new Run(namespaces, start + this.timeout.toNanos());
		String resultJson = null;
		ExecutionError error = null;
		try {
			Object result = this.program.run(run);
			resultJson = (result != null) ? JSON.writeValueAsString(result) : null;
		}
		catch (ToolFailure ex) {
			error = new ExecutionError(ex.kind, ex.getMessage());
		}
		catch (Timeout ex) {
			error = new ExecutionError(ExecutionError.TIMEOUT, ex.getMessage());
		}
		catch (Exception ex) {
			error = new ExecutionError("Error", String.valueOf(ex.getMessage()));
		}
		finally {
			// As the real executor does: nothing of an ended execution keeps running.
			run.pending.forEach((call) -> call.cancel(true));
		}
		return new ExecutionResult(resultJson, run.logs, error, Duration.ofNanos(System.nanoTime() - start), run.calls);
	}

	@Override
	public String describeLimits() {
		return "Limits: " + this.timeout.toSeconds() + " s per program.";
	}

	/**
	 * @return the code of each execution, in order
	 */
	List<String> codes() {
		return this.codes;
	}

	/**
	 * @return the namespaces the last execution was given
	 */
	List<ToolNamespace> lastNamespaces() {
		return this.lastNamespaces;
	}

	@Override
	public void close() {
		this.toolThreads.shutdownNow();
	}

	/** A program, in Java. */
	@FunctionalInterface
	interface Program {

		/**
		 * @param run the tools of this execution, and its console
		 * @return the result, written as JSON (a {@link String} becomes a JSON string),
		 * or {@code null} for none
		 * @throws Exception what the program does not catch: a {@link ToolFailure} is
		 * reported with its kind, anything else as an {@code Error}
		 */
		Object run(Run run) throws Exception;

	}

	/** A tool call the program did not catch, as the executor reports it. */
	static final class ToolFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		final String kind;

		ToolFailure(String kind, String message) {
			super(message);
			this.kind = kind;
		}

	}

	/**
	 * The execution ran past its timeout: not a {@link ToolFailure}, so that a program
	 * that catches those cannot catch it, as in JavaScript.
	 */
	static final class Timeout extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Timeout(String message) {
			super(message);
		}

	}

	/** One execution: its tools, by qualified name, and its console. */
	final class Run {

		private final List<ToolNamespace> namespaces;

		private final long deadline;

		private final Queue<CompletableFuture<String>> pending = new ConcurrentLinkedQueue<>();

		private final List<String> logs = new CopyOnWriteArrayList<>();

		private volatile int calls;

		private Run(List<ToolNamespace> namespaces, long deadline) {
			this.namespaces = namespaces;
			this.deadline = deadline;
		}

		/**
		 * Calls a tool and waits for it, as {@code await namespace.tool(input)} does.
		 * @param qualifiedName e.g. {@code codemode.getWeather}
		 * @param inputJson the argument as JSON
		 * @return what the tool returned
		 * @throws ToolFailure when the tool failed or does not exist
		 * @throws Timeout when the execution timed out
		 */
		String call(String qualifiedName, String inputJson) {
			return await(start(qualifiedName, inputJson));
		}

		/**
		 * Calls several tools at once and waits for all, as {@code Promise.all} does.
		 * @param calls pairs of qualified name and input JSON
		 * @return each result, in the order of the calls
		 * @throws ToolFailure for the first call, in order, that failed
		 */
		List<String> all(String... calls) {
			List<CompletableFuture<String>> started = new ArrayList<>();
			for (int i = 0; i < calls.length; i += 2) {
				started.add(start(calls[i], calls[i + 1]));
			}
			return started.stream().map(this::await).toList();
		}

		/**
		 * @param line a line of console output
		 */
		void log(String line) {
			this.logs.add(line);
		}

		private CompletableFuture<String> start(String qualifiedName, String inputJson) {
			int dot = qualifiedName.indexOf('.');
			String namespace = qualifiedName.substring(0, dot);
			String identifier = qualifiedName.substring(dot + 1);
			Map<String, ToolFunction> functions = this.namespaces.stream()
				.filter((candidate) -> candidate.name().equals(namespace))
				.findFirst()
				.map(ToolNamespace::functions)
				.orElse(Map.of());
			ToolFunction function = functions.get(identifier);
			if (function == null) {
				throw new ToolFailure(ExecutionError.UNKNOWN_TOOL, qualifiedName + " is not a tool; the tools are: "
						+ functions.keySet().stream().collect(Collectors.joining(", ")));
			}
			this.calls++;
			CompletableFuture<String> call = function.callAsync(inputJson, ScriptedExecutor.this.toolThreads)
				.toCompletableFuture();
			this.pending.add(call);
			return call;
		}

		private String await(CompletableFuture<String> call) {
			try {
				return call.get(Math.max(0, this.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				throw new Timeout("the program ran past its timeout");
			}
			catch (ExecutionException ex) {
				throw new ToolFailure(ExecutionError.TOOL, ex.getCause().getMessage());
			}
			catch (CancellationException ex) {
				throw new ToolFailure(ExecutionError.TOOL, "the call was cancelled");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new Timeout("the execution was interrupted");
			}
		}

	}

}
