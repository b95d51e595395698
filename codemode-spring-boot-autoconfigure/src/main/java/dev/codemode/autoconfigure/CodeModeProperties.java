package dev.codemode.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codemode.discovery.DiscoveryMode;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.WorkerOptions;
import dev.codemode.program.Transpiler;
import dev.codemode.tool.CodeModeToolCallback;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of code mode, prefix {@code codemode}.
 * <p>
 * The limits bind to the options of the GraalJS executor, in the application or in each
 * worker JVM; a user-defined {@link dev.codemode.executor.CodeExecutor} bean ignores
 * them. Their defaults are the executor's own: the {@code DEFAULT_*} constants of
 * {@link GraalJsExecutorOptions} and, for the worker JVMs, of {@link WorkerOptions}.
 */
@ConfigurationProperties(CodeModeProperties.PREFIX)
public class CodeModeProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "codemode";

	/**
	 * Whether to enable code mode: the "codemode" tool, its executor and tool discovery.
	 */
	private boolean enabled = true;

	/**
	 * Name of the tool that the model calls to run a program.
	 */
	private String toolName = CodeModeToolCallback.DEFAULT_NAME;

	/**
	 * Template of the tool's description, where "{{types}}" marks the generated
	 * TypeScript declarations. When not set, the built-in description is used.
	 */
	private @Nullable String descriptionTemplate;

	/**
	 * Whether to log each program at INFO level. Programs are logged at DEBUG level
	 * otherwise. The values of "codemode.env" are never logged.
	 */
	private boolean logCode = false;

	/**
	 * Whether to warm the executor up in the background at startup (the JavaScript
	 * engine, or the worker JVMs, and a set of programs run until the JVM has compiled
	 * their paths), so that the first call does not pay for it.
	 */
	private boolean warmUp = true;

	/**
	 * Whether the application reports readiness (ReadinessState.ACCEPTING_TRAFFIC) only
	 * once the warm-up is over, waiting at most the workers' start timeout with process
	 * isolation and 60 seconds in-process. Has no effect when "warm-up" is false.
	 */
	private boolean warmUpBeforeReadiness = true;

	/**
	 * Maximum wall-clock time of one execution, waiting for tools included.
	 */
	private Duration timeout = GraalJsExecutorOptions.DEFAULT_TIMEOUT;

	/**
	 * Maximum CPU time that the JavaScript of one execution may use.
	 */
	private Duration maxCpuTime = GraalJsExecutorOptions.DEFAULT_MAX_CPU_TIME;

	/**
	 * Maximum number of JavaScript statements that one execution may run, 0 for no
	 * statement limit. Off by default: the timeout and the CPU-time limit bound a
	 * program's time on any machine.
	 */
	private long maxStatements = GraalJsExecutorOptions.DEFAULT_MAX_STATEMENTS;

	/**
	 * Maximum memory that one execution may allocate, garbage included. When not set, a
	 * quarter of the maximum heap (of each worker with process isolation), between 64MB
	 * and 1GB.
	 */
	private @Nullable DataSize maxAllocatedBytes;

	/**
	 * Maximum length of a program, in characters.
	 */
	private int maxCodeLength = GraalJsExecutorOptions.DEFAULT_MAX_CODE_LENGTH;

	/**
	 * Maximum nesting depth of a program's syntax tree.
	 */
	private int maxNestingDepth = GraalJsExecutorOptions.DEFAULT_MAX_NESTING_DEPTH;

	/**
	 * Maximum number of tool calls that one execution may make. The call after the last
	 * allowed one fails with an error that names this limit.
	 */
	private int maxToolCalls = GraalJsExecutorOptions.DEFAULT_MAX_TOOL_CALLS;

	/**
	 * Maximum number of tool calls of one execution that run at the same time. Further
	 * calls wait for their turn. Tool calls run on threads of code mode's own,
	 * max-concurrent-executions times this many, so that every execution can run this
	 * many at once.
	 */
	private int maxToolCallsInFlight = GraalJsExecutorOptions.DEFAULT_MAX_TOOL_CALLS_IN_FLIGHT;

	/**
	 * Maximum number of console characters kept per execution. The rest is cut with a
	 * marker.
	 */
	private int maxConsoleChars = GraalJsExecutorOptions.DEFAULT_MAX_CONSOLE_CHARS;

	/**
	 * Maximum number of characters of the result's JSON. A longer result is cut with a
	 * marker.
	 */
	private int maxResultChars = GraalJsExecutorOptions.DEFAULT_MAX_RESULT_CHARS;

	/**
	 * Maximum number of executions that run at the same time; further executions wait.
	 * When not set, twice the number of processors, at least 4.
	 */
	private @Nullable Integer maxConcurrentExecutions;

	/**
	 * Maximum number of execution threads that may stay stuck past their timeout in work
	 * the engine could not stop. Each is replaced so that capacity is kept; beyond this
	 * many, new executions are refused and the health indicator reports DOWN.
	 */
	private int maxRetiredThreads = GraalJsExecutorOptions.DEFAULT_MAX_RETIRED_THREADS;

	/**
	 * Whether programs may use "eval" and "new Function".
	 */
	private boolean allowEval = GraalJsExecutorOptions.DEFAULT_ALLOW_EVAL;

	/**
	 * Values that programs see as "process.env", by name. Empty by default: programs see
	 * no environment.
	 */
	private Map<String, String> env = new LinkedHashMap<>();

	/**
	 * Namespace of the tools of a bean, by bean name: the tools of that bean (a bean
	 * with @Tool methods, a ToolCallback or a ToolCallbackProvider) are called as
	 * "<namespace>.<tool>(input)" instead of "codemode.<tool>(input)". Takes precedence
	 * over @CodeModeNamespace. Empty by default.
	 */
	private Map<String, String> namespaces = new LinkedHashMap<>();

	private final Executor executor = new Executor();

	private final Tools tools = new Tools();

	private final ChatClient chatClient = new ChatClient();

	private final Approval approval = new Approval();

	private final Discovery discovery = new Discovery();

	private final Mcp mcp = new Mcp();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getToolName() {
		return this.toolName;
	}

	public void setToolName(String toolName) {
		this.toolName = toolName;
	}

	public @Nullable String getDescriptionTemplate() {
		return this.descriptionTemplate;
	}

	public void setDescriptionTemplate(@Nullable String descriptionTemplate) {
		this.descriptionTemplate = descriptionTemplate;
	}

	public boolean isLogCode() {
		return this.logCode;
	}

	public void setLogCode(boolean logCode) {
		this.logCode = logCode;
	}

	public boolean isWarmUp() {
		return this.warmUp;
	}

	public void setWarmUp(boolean warmUp) {
		this.warmUp = warmUp;
	}

	public boolean isWarmUpBeforeReadiness() {
		return this.warmUpBeforeReadiness;
	}

	public void setWarmUpBeforeReadiness(boolean warmUpBeforeReadiness) {
		this.warmUpBeforeReadiness = warmUpBeforeReadiness;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getMaxCpuTime() {
		return this.maxCpuTime;
	}

	public void setMaxCpuTime(Duration maxCpuTime) {
		this.maxCpuTime = maxCpuTime;
	}

	public long getMaxStatements() {
		return this.maxStatements;
	}

	public void setMaxStatements(long maxStatements) {
		this.maxStatements = maxStatements;
	}

	public @Nullable DataSize getMaxAllocatedBytes() {
		return this.maxAllocatedBytes;
	}

	public void setMaxAllocatedBytes(@Nullable DataSize maxAllocatedBytes) {
		this.maxAllocatedBytes = maxAllocatedBytes;
	}

	public int getMaxCodeLength() {
		return this.maxCodeLength;
	}

	public void setMaxCodeLength(int maxCodeLength) {
		this.maxCodeLength = maxCodeLength;
	}

	public int getMaxNestingDepth() {
		return this.maxNestingDepth;
	}

	public void setMaxNestingDepth(int maxNestingDepth) {
		this.maxNestingDepth = maxNestingDepth;
	}

	public int getMaxToolCalls() {
		return this.maxToolCalls;
	}

	public void setMaxToolCalls(int maxToolCalls) {
		this.maxToolCalls = maxToolCalls;
	}

	public int getMaxToolCallsInFlight() {
		return this.maxToolCallsInFlight;
	}

	public void setMaxToolCallsInFlight(int maxToolCallsInFlight) {
		this.maxToolCallsInFlight = maxToolCallsInFlight;
	}

	public int getMaxConsoleChars() {
		return this.maxConsoleChars;
	}

	public void setMaxConsoleChars(int maxConsoleChars) {
		this.maxConsoleChars = maxConsoleChars;
	}

	public int getMaxResultChars() {
		return this.maxResultChars;
	}

	public void setMaxResultChars(int maxResultChars) {
		this.maxResultChars = maxResultChars;
	}

	public @Nullable Integer getMaxConcurrentExecutions() {
		return this.maxConcurrentExecutions;
	}

	public void setMaxConcurrentExecutions(@Nullable Integer maxConcurrentExecutions) {
		this.maxConcurrentExecutions = maxConcurrentExecutions;
	}

	public int getMaxRetiredThreads() {
		return this.maxRetiredThreads;
	}

	public void setMaxRetiredThreads(int maxRetiredThreads) {
		this.maxRetiredThreads = maxRetiredThreads;
	}

	public boolean isAllowEval() {
		return this.allowEval;
	}

	public void setAllowEval(boolean allowEval) {
		this.allowEval = allowEval;
	}

	public Map<String, String> getEnv() {
		return this.env;
	}

	public void setEnv(Map<String, String> env) {
		this.env = env;
	}

	public Map<String, String> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(Map<String, String> namespaces) {
		this.namespaces = namespaces;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	public Tools getTools() {
		return this.tools;
	}

	public ChatClient getChatClient() {
		return this.chatClient;
	}

	public Approval getApproval() {
		return this.approval;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Mcp getMcp() {
		return this.mcp;
	}

	/** How programs are prepared and run. */
	public static class Executor {

		/**
		 * Which parser reads programs and strips their TypeScript types: "auto" takes
		 * SWC's native library where it loads (Linux x86-64, macOS arm64) and the
		 * pure-JVM path (Babel's parser and Sucrase, run in GraalJS) everywhere else;
		 * "native" and "jvm" ask for one of them ("native" falls back to the pure-JVM
		 * path, with a warning, where SWC does not load).
		 */
		private Transpiler transpiler = GraalJsExecutorOptions.DEFAULT_TRANSPILER;

		/**
		 * Maximum number of prepared programs kept so that a repeat of the same code (a
		 * model's retry) is not parsed and transpiled again; 0 turns this off. A program
		 * is found by its full text and the tool namespaces, never by a hash alone, and
		 * what is kept is bounded in characters too. Syntax errors are kept, limits and
		 * timeouts never.
		 */
		private int programCacheSize = GraalJsExecutorOptions.DEFAULT_PROGRAM_CACHE_SIZE;

		/**
		 * Where programs run: "in-process", in the application's JVM, or "process", in a
		 * pool of worker JVMs ("worker.*") with a hard heap cap, each killed and replaced
		 * when a program overruns its timeout, fills the heap or crashes it. The limits
		 * apply in both.
		 */
		private Isolation isolation = Isolation.IN_PROCESS;

		private final Worker worker = new Worker();

		public Transpiler getTranspiler() {
			return this.transpiler;
		}

		public void setTranspiler(Transpiler transpiler) {
			this.transpiler = transpiler;
		}

		public int getProgramCacheSize() {
			return this.programCacheSize;
		}

		public void setProgramCacheSize(int programCacheSize) {
			this.programCacheSize = programCacheSize;
		}

		public Isolation getIsolation() {
			return this.isolation;
		}

		public void setIsolation(Isolation isolation) {
			this.isolation = isolation;
		}

		public Worker getWorker() {
			return this.worker;
		}

	}

	/** Where programs run. */
	public enum Isolation {

		/** In the application's JVM. */
		IN_PROCESS,

		/** In worker JVMs that can be killed. */
		PROCESS

	}

	/**
	 * The worker JVMs of "isolation=process". Their defaults are the constants of
	 * {@link WorkerOptions}.
	 */
	public static class Worker {

		/**
		 * Number of worker JVMs, each running one execution at a time; further executions
		 * wait. When not set, the number of processors, at most 2.
		 */
		private @Nullable Integer count;

		/**
		 * Maximum heap of each worker JVM. A program that fills it ends its worker and
		 * gets an error that names this limit.
		 */
		private DataSize maxHeap = DataSize.ofBytes(WorkerOptions.DEFAULT_MAX_HEAP_BYTES);

		/**
		 * Extra options of each worker JVM, after the worker's own. Workers never get the
		 * application's JVM options or environment.
		 */
		private List<String> jvmArgs = new ArrayList<>();

		/**
		 * Maximum number of executions that wait for a free worker. Further executions
		 * fail at once with an error that says so.
		 */
		private int maxWaiting = WorkerOptions.DEFAULT_MAX_WAITING;

		/**
		 * Time past an execution's timeout that the application waits for its worker's
		 * result before it kills the worker.
		 */
		private Duration grace = WorkerOptions.DEFAULT_GRACE;

		/**
		 * Maximum time that a worker JVM may take to start and warm up.
		 */
		private Duration startTimeout = WorkerOptions.DEFAULT_START_TIMEOUT;

		public @Nullable Integer getCount() {
			return this.count;
		}

		public void setCount(@Nullable Integer count) {
			this.count = count;
		}

		public DataSize getMaxHeap() {
			return this.maxHeap;
		}

		public void setMaxHeap(DataSize maxHeap) {
			this.maxHeap = maxHeap;
		}

		public List<String> getJvmArgs() {
			return this.jvmArgs;
		}

		public void setJvmArgs(List<String> jvmArgs) {
			this.jvmArgs = jvmArgs;
		}

		public int getMaxWaiting() {
			return this.maxWaiting;
		}

		public void setMaxWaiting(int maxWaiting) {
			this.maxWaiting = maxWaiting;
		}

		public Duration getGrace() {
			return this.grace;
		}

		public void setGrace(Duration grace) {
			this.grace = grace;
		}

		public Duration getStartTimeout() {
			return this.startTimeout;
		}

		public void setStartTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
		}

	}

	/** Which tools programs may call. */
	public static class Tools {

		/**
		 * Name patterns of the tools that programs may call, where '*' matches any
		 * characters. A pattern with a dot matches "<namespace>.<tool>", any other the
		 * tool's name. When empty, every tool is included.
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Name patterns of the tools that programs may not call, in the form of
		 * "include". Applied after "include".
		 */
		private List<String> exclude = new ArrayList<>();

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/** How code mode joins Spring AI's auto-configured ChatClient.Builder. */
	public static class ChatClient {

		/**
		 * Whether every auto-configured ChatClient.Builder offers the "codemode" tool
		 * with each request that does not offer it already.
		 */
		private boolean defaultTools = false;

		public boolean isDefaultTools() {
			return this.defaultTools;
		}

		public void setDefaultTools(boolean defaultTools) {
			this.defaultTools = defaultTools;
		}

	}

	/** How programs find the tools when there are many. */
	public static class Discovery {

		/**
		 * When the tool's description lists the tools by name and programs look them up
		 * with "catalog.search" and "catalog.describe", instead of declaring every tool.
		 * "auto" does so when the declarations are longer than "max-declaration-chars".
		 */
		private DiscoveryMode mode = CodeModeToolCallback.DEFAULT_DISCOVERY_MODE;

		/**
		 * Maximum length of the declarations put in the tool's description, in
		 * characters.
		 */
		private int maxDeclarationChars = CodeModeToolCallback.DEFAULT_MAX_DECLARATION_CHARS;

		public DiscoveryMode getMode() {
			return this.mode;
		}

		public void setMode(DiscoveryMode mode) {
			this.mode = mode;
		}

		public int getMaxDeclarationChars() {
			return this.maxDeclarationChars;
		}

		public void setMaxDeclarationChars(int maxDeclarationChars) {
			this.maxDeclarationChars = maxDeclarationChars;
		}

	}

	/** Which tool calls wait for the application's ToolApprovalHandler. */
	public static class Approval {

		/**
		 * Name patterns, in the form of "tools.include", of the tools whose every call
		 * must be approved by the application's ToolApprovalHandler bean before it runs.
		 * Without such a bean, their calls are refused. Tools marked
		 * with @RequiresApproval need approval whatever this says.
		 */
		private List<String> tools = new ArrayList<>();

		/**
		 * Maximum time that the ToolApprovalHandler may take to decide on one call. A
		 * call without a decision by then is refused.
		 */
		private Duration timeout = CodeModeToolCallback.DEFAULT_APPROVAL_TIMEOUT;

		public List<String> getTools() {
			return this.tools;
		}

		public void setTools(List<String> tools) {
			this.tools = tools;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/** The tools of Spring AI's MCP client connections. */
	public static class Mcp {

		/**
		 * Whether the tools of each MCP client connection
		 * (spring.ai.mcp.client.<transport>.connections.<name>) are a namespace of their
		 * own, called through the connection's client. Spring AI's mcpToolCallbacks and
		 * mcpAsyncToolCallbacks beans are then left out of code mode.
		 */
		private boolean enabled = true;

		/**
		 * Whether every call of a destructive MCP tool must be approved by the
		 * application's ToolApprovalHandler bean. A tool is destructive unless its server
		 * says it is read-only or not destructive (the MCP specification's defaults).
		 */
		private boolean approveDestructive;

		/**
		 * Namespace of the tools of an MCP client connection, by connection name, instead
		 * of the connection's name made an identifier. Empty by default.
		 */
		private Map<String, String> namespaces = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isApproveDestructive() {
			return this.approveDestructive;
		}

		public void setApproveDestructive(boolean approveDestructive) {
			this.approveDestructive = approveDestructive;
		}

		public Map<String, String> getNamespaces() {
			return this.namespaces;
		}

		public void setNamespaces(Map<String, String> namespaces) {
			this.namespaces = namespaces;
		}

	}

}
