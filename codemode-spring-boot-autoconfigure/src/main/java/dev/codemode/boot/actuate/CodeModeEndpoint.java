package dev.codemode.boot.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerOptions;
import dev.codemode.executor.process.WorkerStatistics;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code codemode} Actuator endpoint: the tool's name, its namespaces and tools, the
 * TypeScript declarations the model sees, the executor's limits, its worker JVMs with
 * process isolation, and the counters since startup. Reading it discovers the
 * application's tools if no program has done so yet. The limits are the executor's
 * options as they are; the values of {@code codemode.env} are never shown, only their
 * names (they may be secrets).
 */
@Endpoint(id = "codemode")
public class CodeModeEndpoint {

	private final ToolCallback codemode;

	private final CodeExecutor executor;

	private final @Nullable CodeModeStatistics statistics;

	/**
	 * @param codemode the {@code codemode} tool
	 * @param executor the executor of its programs
	 * @param statistics the counters, or {@code null}
	 */
	public CodeModeEndpoint(ToolCallback codemode, CodeExecutor executor, @Nullable CodeModeStatistics statistics) {
		this.codemode = codemode;
		this.executor = executor;
		this.statistics = statistics;
	}

	/**
	 * @return what the {@code codemode} tool offers and how it has been used
	 */
	@ReadOperation
	public CodeModeDescriptor codemode() {
		CodeModeToolCallback callback = callback();
		Map<String, List<ToolDescriptor>> namespaces = null;
		String declarations = null;
		if (callback != null) {
			namespaces = new LinkedHashMap<>();
			for (CodeModeTool tool : callback.tools()) {
				ToolDefinition definition = tool.callback().getToolDefinition();
				namespaces.computeIfAbsent(tool.namespace(), (name) -> new ArrayList<>())
					.add(new ToolDescriptor(definition.name(), definition.description(), tool.requiresApproval()));
			}
			declarations = callback.declarations();
		}
		return new CodeModeDescriptor(this.codemode.getToolDefinition().name(), this.executor.getClass().getName(),
				isolation(), transpiler(), namespaces, declarations, limits(), workers(), counters());
	}

	private @Nullable CodeModeToolCallback callback() {
		if (this.codemode instanceof LazyCodeModeToolCallback lazy) {
			return lazy.getCallback();
		}
		return (this.codemode instanceof CodeModeToolCallback callback) ? callback : null;
	}

	private @Nullable String isolation() {
		if (this.executor instanceof GraalJsCodeExecutor) {
			return "in-process";
		}
		return (this.executor instanceof ProcessCodeExecutor) ? "process" : null;
	}

	private @Nullable String transpiler() {
		if (this.executor instanceof GraalJsCodeExecutor graalJs) {
			return graalJs.transpiler();
		}
		return (this.executor instanceof ProcessCodeExecutor process) ? process.transpiler() : null;
	}

	private @Nullable LimitsDescriptor limits() {
		if (this.executor instanceof GraalJsCodeExecutor graalJs) {
			return limits(graalJs.options(), graalJs.retiredThreads(), graalJs.retiredThreadsTotal());
		}
		// Each worker retires its own threads, out of this JVM's sight.
		return (this.executor instanceof ProcessCodeExecutor process) ? limits(process.options(), null, null) : null;
	}

	private static LimitsDescriptor limits(GraalJsExecutorOptions options, @Nullable Integer retiredThreads,
			@Nullable Long retiredThreadsTotal) {
		return new LimitsDescriptor(options.timeout().toString(), options.maxCpuTime().toString(),
				options.maxStatements(), options.maxAllocatedBytes(), options.maxCodeLength(),
				options.maxNestingDepth(), options.maxToolCalls(), options.maxToolCallsInFlight(),
				options.maxConsoleChars(), options.maxResultChars(), options.maxConcurrentExecutions(),
				options.maxRetiredThreads(), retiredThreads, retiredThreadsTotal, options.allowEval(),
				List.copyOf(options.env().keySet()), options.virtualToolThreads(),
				(options.toolExecutor() != null) ? options.toolExecutor().getClass().getName() : null);
	}

	private @Nullable WorkersDescriptor workers() {
		if (!(this.executor instanceof ProcessCodeExecutor process)) {
			return null;
		}
		WorkerStatistics statistics = process.workers();
		WorkerOptions options = process.workerOptions();
		return new WorkersDescriptor(statistics.count(), statistics.alive(), statistics.busy(), statistics.waiting(),
				statistics.restarts(), statistics.killedByCause(), statistics.lastStartFailure(),
				options.maxHeapBytes(), options.jvmArgs(), options.maxWaiting(), options.grace().toString(),
				options.startTimeout().toString());
	}

	private @Nullable CountersDescriptor counters() {
		CodeModeStatistics statistics = this.statistics;
		if (statistics == null) {
			return null;
		}
		return new CountersDescriptor(statistics.getExecutions(), statistics.getFailedExecutions(),
				statistics.getTimeouts(), statistics.getLimitHits(), statistics.getTruncations(),
				statistics.getToolCalls(), statistics.getFailedToolCalls());
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param toolName the name of the tool the model calls
	 * @param executor the class of the executor
	 * @param isolation where programs run: {@code in-process} or {@code process} (worker
	 * JVMs), or {@code null} for another executor
	 * @param transpiler what parses programs and strips their types (SWC's native
	 * library, or the pure-JVM path), or {@code null} for another executor or before the
	 * first worker JVM is ready
	 * @param namespaces the tools by namespace, or {@code null} when the tool is not a
	 * code mode tool of this library
	 * @param declarations the TypeScript declarations in the tool's description, or
	 * {@code null} likewise
	 * @param limits the limits of the GraalJS executor (in each worker JVM with process
	 * isolation), or {@code null} for another executor
	 * @param workers the worker JVMs, or {@code null} unless programs run in them
	 * @param counters the counters since startup, or {@code null} without statistics
	 */
	public record CodeModeDescriptor(String toolName, String executor, @Nullable String isolation,
			@Nullable String transpiler, @Nullable Map<String, List<ToolDescriptor>> namespaces,
			@Nullable String declarations, @Nullable LimitsDescriptor limits, @Nullable WorkersDescriptor workers,
			@Nullable CountersDescriptor counters) implements OperationResponseBody {
	}

	/**
	 * A tool that programs may call.
	 *
	 * @param name its name
	 * @param description its description
	 * @param requiresApproval whether each call must be approved before it runs
	 */
	public record ToolDescriptor(String name, String description, boolean requiresApproval) {
	}

	/**
	 * The limits of the GraalJS executor, as {@code codemode.*} properties and
	 * customizers made them.
	 *
	 * @param timeout wall-clock limit of an execution (ISO-8601)
	 * @param maxCpuTime CPU time limit of an execution (ISO-8601)
	 * @param maxStatements statements per execution
	 * @param maxAllocatedBytes bytes an execution may allocate
	 * @param maxCodeLength longest program, in characters
	 * @param maxNestingDepth deepest syntax tree
	 * @param maxToolCalls tool calls per execution
	 * @param maxToolCallsInFlight tool calls of an execution at once
	 * @param maxConsoleChars console characters kept
	 * @param maxResultChars characters of the result's JSON kept
	 * @param maxConcurrentExecutions executions at once (with process isolation, each
	 * worker runs one: see {@link WorkersDescriptor#count()})
	 * @param maxRetiredThreads execution threads that may be stuck before executions are
	 * refused
	 * @param retiredThreads execution threads stuck now past their timeout in work the
	 * engine could not stop, or {@code null} with process isolation (each worker has its
	 * own)
	 * @param retiredThreadsTotal execution threads retired since startup, or {@code null}
	 * likewise
	 * @param allowEval whether {@code eval} works
	 * @param env the names (never the values) of what programs see in {@code process.env}
	 * @param virtualToolThreads whether the executor's own tool threads are virtual
	 * @param toolExecutor the class of the executor that runs tool calls, or {@code null}
	 * for the executor's own threads
	 */
	public record LimitsDescriptor(String timeout, String maxCpuTime, long maxStatements, long maxAllocatedBytes,
			int maxCodeLength, int maxNestingDepth, int maxToolCalls, int maxToolCallsInFlight, int maxConsoleChars,
			int maxResultChars, int maxConcurrentExecutions, int maxRetiredThreads, @Nullable Integer retiredThreads,
			@Nullable Long retiredThreadsTotal, boolean allowEval, List<String> env, boolean virtualToolThreads,
			@Nullable String toolExecutor) {
	}

	/**
	 * The worker JVMs that run the programs with process isolation.
	 *
	 * @param count how many workers the pool keeps, one execution at a time each
	 * @param alive workers running now, busy or idle
	 * @param busy workers running an execution now
	 * @param waiting executions waiting for a free worker now
	 * @param restarts workers started to replace one that died
	 * @param killed workers that died, by cause: {@code timeout}, {@code heap},
	 * {@code crash}, {@code protocol}, {@code interrupted}
	 * @param lastStartFailure why the last attempt to start a worker failed, or
	 * {@code null} when it succeeded
	 * @param maxHeapBytes each worker's heap cap
	 * @param jvmArgs the extra options of each worker JVM
	 * @param maxWaiting executions that may wait for a free worker
	 * @param grace time past the timeout before a worker is killed (ISO-8601)
	 * @param startTimeout time a worker may take to start (ISO-8601)
	 */
	public record WorkersDescriptor(int count, int alive, int busy, int waiting, long restarts,
			Map<String, Long> killed, @Nullable String lastStartFailure, long maxHeapBytes, List<String> jvmArgs,
			int maxWaiting, String grace, String startTimeout) {
	}

	/**
	 * The counters since startup.
	 *
	 * @param executions calls of the tool
	 * @param failedExecutions executions that ended with an error
	 * @param timeouts executions past their timeout
	 * @param limitHits executions that ended at another limit
	 * @param truncations executions whose console output or result was cut
	 * @param toolCalls tool calls made by programs
	 * @param failedToolCalls tool calls that failed
	 */
	public record CountersDescriptor(long executions, long failedExecutions, long timeouts, long limitHits,
			long truncations, long toolCalls, long failedToolCalls) {
	}

}
