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
 * TypeScript declarations the model sees, the executor's limits, and the counters since
 * startup. Reading it discovers the application's tools if no program has done so yet.
 * The limits are the executor's options as they are; the values of {@code codemode.env}
 * are never shown, only their names (they may be secrets).
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
		String transpiler = (this.executor instanceof GraalJsCodeExecutor graalJs) ? graalJs.transpiler() : null;
		return new CodeModeDescriptor(this.codemode.getToolDefinition().name(), this.executor.getClass().getName(),
				transpiler, namespaces, declarations, limits(), counters());
	}

	private @Nullable CodeModeToolCallback callback() {
		if (this.codemode instanceof LazyCodeModeToolCallback lazy) {
			return lazy.getCallback();
		}
		return (this.codemode instanceof CodeModeToolCallback callback) ? callback : null;
	}

	private @Nullable LimitsDescriptor limits() {
		if (!(this.executor instanceof GraalJsCodeExecutor graalJs)) {
			return null;
		}
		GraalJsExecutorOptions options = graalJs.options();
		return new LimitsDescriptor(options.timeout().toString(), options.maxCpuTime().toString(),
				options.maxStatements(), options.maxAllocatedBytes(), options.maxCodeLength(),
				options.maxNestingDepth(), options.maxToolCalls(), options.maxToolCallsInFlight(),
				options.maxConsoleChars(), options.maxResultChars(), options.maxConcurrentExecutions(),
				options.maxRetiredThreads(), graalJs.retiredThreads(), graalJs.retiredThreadsTotal(),
				options.allowEval(), List.copyOf(options.env().keySet()), options.virtualToolThreads(),
				(options.toolExecutor() != null) ? options.toolExecutor().getClass().getName() : null);
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
	 * @param transpiler what parses programs and strips their types (SWC's native
	 * library, or the pure-JVM path), or {@code null} for another executor
	 * @param namespaces the tools by namespace, or {@code null} when the tool is not a
	 * code mode tool of this library
	 * @param declarations the TypeScript declarations in the tool's description, or
	 * {@code null} likewise
	 * @param limits the limits of the GraalJS executor, or {@code null} for another
	 * executor
	 * @param counters the counters since startup, or {@code null} without statistics
	 */
	public record CodeModeDescriptor(String toolName, String executor, @Nullable String transpiler,
			@Nullable Map<String, List<ToolDescriptor>> namespaces, @Nullable String declarations,
			@Nullable LimitsDescriptor limits, @Nullable CountersDescriptor counters) implements OperationResponseBody {
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
	 * @param maxConcurrentExecutions executions at once
	 * @param maxRetiredThreads execution threads that may be stuck before executions are
	 * refused
	 * @param retiredThreads execution threads stuck now past their timeout in work the
	 * engine could not stop
	 * @param retiredThreadsTotal execution threads retired since startup
	 * @param allowEval whether {@code eval} works
	 * @param env the names (never the values) of what programs see in {@code process.env}
	 * @param virtualToolThreads whether the executor's own tool threads are virtual
	 * @param toolExecutor the class of the executor that runs tool calls, or {@code null}
	 * for the executor's own threads
	 */
	public record LimitsDescriptor(String timeout, String maxCpuTime, long maxStatements, long maxAllocatedBytes,
			int maxCodeLength, int maxNestingDepth, int maxToolCalls, int maxToolCallsInFlight, int maxConsoleChars,
			int maxResultChars, int maxConcurrentExecutions, int maxRetiredThreads, int retiredThreads,
			long retiredThreadsTotal, boolean allowEval, List<String> env, boolean virtualToolThreads,
			@Nullable String toolExecutor) {
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
