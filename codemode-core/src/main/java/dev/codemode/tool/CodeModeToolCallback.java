package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.RefusedCall;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.discovery.CatalogNamespace;
import dev.codemode.discovery.DiscoveryMode;
import dev.codemode.discovery.ToolCatalog;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolCallException;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.internal.CodeModeThreads;
import dev.codemode.typescript.ToolNames;
import dev.codemode.typescript.ToolSignature;
import dev.codemode.typescript.TypeScriptDeclarations;

/**
 * The {@code codemode} tool: one Spring AI {@link ToolCallback} whose description is a
 * typed TypeScript API of the application's tools, and whose input is a program that
 * calls them.
 * <p>
 * {@link #call(String, ToolContext)} takes {@code {"code": "..."}} and returns a JSON
 * object with {@code result} (the program's return value), {@code logs} (its console
 * output) and, when it failed, {@code error}. It never throws for anything the model
 * wrote. Every tool the program calls receives the outer call's {@link ToolContext}, and
 * its input is checked against its schema before it runs.
 * <p>
 * Tools run in their caller's context: what Micrometer's context-propagation knows of the
 * calling thread (the Spring Security login, MDC, locale, the current observation, …) is
 * captured when the tool is called and restored around each tool call, on whichever
 * thread runs it (see {@link CallerContextPropagation}).
 * <p>
 * Build one with {@link #builder()}; it needs no Spring Boot.
 */
public final class CodeModeToolCallback implements ToolCallback {

	/** The default name of the tool. */
	public static final String DEFAULT_NAME = "codemode";

	private static final Logger logger = LoggerFactory.getLogger(CodeModeToolCallback.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Approval handlers may block while a person decides; they wait on threads of their
	 * own.
	 */
	private static final ExecutorService APPROVALS = Executors
		.newCachedThreadPool(CodeModeThreads.factory("codemode-approval-", 0));

	private static final String INPUT_SCHEMA = """
			{
			  "type": "object",
			  "properties": {
			    "code": {
			      "type": "string",
			      "description": "The program: an async arrow function in JavaScript or TypeScript that calls the declared tools and returns the result, e.g. async () => { const r = await codemode.someTool({}); return r; }"
			    }
			  },
			  "required": ["code"],
			  "additionalProperties": false
			}""";

	private final ToolDefinition definition;

	private final CodeExecutor executor;

	private final List<CodeModeTool> tools;

	private final Map<String, Map<String, Bound>> namespaces;

	private final TypeScriptDeclarations declarations;

	private final boolean logCode;

	private final CodeModeListener listener;

	private final ToolApprovalHandler approvalHandler;

	private final Duration approvalTimeout;

	private final ToolCatalog catalog;

	private final CallerContextPropagation contextPropagation;

	private CodeModeToolCallback(Builder builder) {
		this.executor = Objects.requireNonNull(builder.executor, "executor");
		this.tools = List.copyOf(builder.tools);
		this.logCode = builder.logCode;
		this.listener = builder.listener;
		this.approvalHandler = builder.approvalHandler;
		this.approvalTimeout = builder.approvalTimeout;
		this.contextPropagation = builder.contextPropagation;
		List<ToolSignature> signatures = new ArrayList<>();
		this.namespaces = new LinkedHashMap<>();
		for (CodeModeTool tool : this.tools) {
			ToolDefinition toolDefinition = tool.callback().getToolDefinition();
			if (CatalogNamespace.NAME.equals(tool.namespace())) {
				throw new CodeModeConfigurationException("The namespace '" + CatalogNamespace.NAME
						+ "' is reserved for tool discovery, and tool '" + tool.name() + "' is in it.",
						"Put tool '" + tool.name() + "' in another namespace.");
			}
			String identifier = ToolNames.sanitize(toolDefinition.name());
			Map<String, Bound> namespace = this.namespaces.computeIfAbsent(tool.namespace(),
					(name) -> new LinkedHashMap<>());
			Bound previous = namespace.putIfAbsent(identifier, new Bound(tool, identifier,
					InputValidator.of(toolDefinition.inputSchema()), isObjectSchema(toolDefinition.inputSchema())));
			if (previous != null) {
				throw new CodeModeConfigurationException(
						"Tools '" + previous.tool().name() + "' and '" + tool.name() + "' both become "
								+ tool.namespace() + "." + identifier + " in programs.",
						"Rename one of them or put it in another namespace.");
			}
			if (!tool.callback().getToolMetadata().returnDirect()) {
				signatures.add(new ToolSignature(tool.namespace(), toolDefinition.name(), toolDefinition.description(),
						toolDefinition.inputSchema(), tool.resultType(), tool.resultSchema()));
			}
		}
		this.declarations = TypeScriptDeclarations.generate(signatures);
		String types = this.declarations.text();
		boolean discover = builder.discoveryMode == DiscoveryMode.ALWAYS
				|| (builder.discoveryMode == DiscoveryMode.AUTO && types.length() > builder.maxDeclarationChars);
		this.catalog = discover ? catalog(signatures) : null;
		if (discover) {
			types = CatalogNamespace.declarations(this.catalog, builder.maxDeclarationChars);
		}
		String description = ToolDescription.render(builder.descriptionTemplate, types, this.executor.describeLimits(),
				discover ? ToolDescription.discoveryExample() : example(signatures));
		this.definition = DefaultToolDefinition.builder()
			.name(builder.name)
			.description(description)
			.inputSchema(INPUT_SCHEMA)
			.build();
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.definition;
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, ToolContext toolContext) {
		String code = null;
		ExecutionResult result;
		List<RefusedCall> refused = new CopyOnWriteArrayList<>();
		CodeModeListener.Execution observation = CodeModeListener.Execution.NOOP;
		try {
			// First, and on the calling thread: the program's tools run on other threads,
			// in this context.
			CallerContext caller = this.contextPropagation.capture();
			Object parsed = parseCode(toolInput);
			if (parsed instanceof ExecutionError inputError) {
				observation = started(null, toolContext);
				result = ExecutionResult.failed(inputError);
			}
			else {
				code = (String) parsed;
				logCode(code);
				observation = started(code, toolContext);
				result = this.executor.execute(code, bind(toolContext, caller, observation, refused));
			}
		}
		catch (RuntimeException ex) {
			// Only a broken executor gets here; the model still gets an answer it can
			// read.
			logger.warn("The code executor failed", ex);
			result = ExecutionResult.failed(new ExecutionError("Error", "internal error while running the program"));
		}
		try {
			observation.executionFinished(result);
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
		}
		return toJson(result, refused);
	}

	/**
	 * @return the generated TypeScript declarations of the tools that programs may call
	 */
	public String declarations() {
		return this.declarations.text();
	}

	/**
	 * @return the tools that programs may call, in declaration order
	 */
	public List<CodeModeTool> tools() {
		return this.tools;
	}

	/**
	 * @param namespace a namespace
	 * @param identifier a tool's identifier in programs
	 * @return the tool's TypeScript signature, or {@code null} when there is no such tool
	 */
	public String signature(String namespace, String identifier) {
		return this.declarations.signature(namespace, identifier);
	}

	private CodeModeListener.Execution started(String code, ToolContext toolContext) {
		try {
			CodeModeListener.Execution execution = this.listener.executionStarted(code, toolContext);
			return (execution != null) ? execution : CodeModeListener.Execution.NOOP;
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
			return CodeModeListener.Execution.NOOP;
		}
	}

	private void logCode(String code) {
		if (this.logCode) {
			logger.info("Running program:\n{}", code);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Running program:\n{}", code);
		}
	}

	/**
	 * @return the code, or the error that says why the input holds none
	 */
	private static Object parseCode(String toolInput) {
		JsonNode input;
		try {
			input = JSON.readTree((toolInput != null) ? toolInput : "");
		}
		catch (RuntimeException ex) {
			return new ExecutionError(ExecutionError.INPUT,
					"the input is not valid JSON; send {\"code\": \"<program>\"}");
		}
		if (input == null || !input.isObject()) {
			return new ExecutionError(ExecutionError.INPUT,
					"the input must be a JSON object: {\"code\": \"<program>\"}");
		}
		JsonNode code = input.get("code");
		if (code == null || code.isNull()) {
			return new ExecutionError(ExecutionError.INPUT,
					"the input has no \"code\"; send {\"code\": \"<program>\"}");
		}
		if (!code.isString()) {
			return new ExecutionError(ExecutionError.INPUT,
					"\"code\" must be a string holding the program, not " + code.getNodeType().name().toLowerCase());
		}
		return code.asString();
	}

	private List<ToolNamespace> bind(ToolContext toolContext, CallerContext caller,
			CodeModeListener.Execution observation, List<RefusedCall> refused) {
		List<ToolNamespace> bound = new ArrayList<>(this.namespaces.size() + 1);
		for (Map.Entry<String, Map<String, Bound>> namespace : this.namespaces.entrySet()) {
			Map<String, ToolFunction> functions = new LinkedHashMap<>();
			for (Bound tool : namespace.getValue().values()) {
				// Whatever thread runs the call, it runs in the caller's context, and the
				// thread's own comes back.
				functions.put(tool.identifier(), (input) -> caller
					.restored(() -> invoke(tool, input, toolContext, caller, observation, refused)));
			}
			bound.add(new ToolNamespace(namespace.getKey(), functions));
		}
		if (this.catalog != null) {
			bound.add(CatalogNamespace.of(this.catalog));
		}
		return bound;
	}

	private String invoke(Bound bound, String input, ToolContext toolContext, CallerContext caller,
			CodeModeListener.Execution observation, List<RefusedCall> refused) {
		CodeModeTool tool = bound.tool();
		String qualified = tool.namespace() + "." + bound.identifier();
		if (tool.callback().getToolMetadata().returnDirect()) {
			throw new ToolCallException(qualified + " returns its result directly to the user, so programs cannot "
					+ "call it; call it as a tool of its own");
		}
		if ("null".equals(input) && bound.objectInput()) {
			// codemode.getOutbox() for a tool whose input is an object: the model means
			// "no arguments".
			input = "{}";
		}
		if (bound.validator() != null) {
			String problems = bound.validator().problems(input);
			if (problems != null) {
				String signature = this.declarations.signature(tool.namespace(), bound.identifier());
				throw new ToolCallException("invalid input for " + qualified + ": " + problems
						+ ((signature != null) ? ". Expected: " + signature : ""));
			}
		}
		if (tool.requiresApproval()) {
			String denied = approval(tool, input, toolContext, caller);
			if (denied != null) {
				refused.add(new RefusedCall(qualified, input, denied));
				throw new ToolCallException(qualified + " needs approval and did not run: " + denied);
			}
		}
		String arguments = input;
		String output = caller.decorated(() -> {
			CodeModeListener.ToolCall call = toolCallStarted(observation, tool, arguments);
			String returned;
			try {
				returned = (toolContext != null) ? tool.callback().call(arguments, toolContext)
						: tool.callback().call(arguments);
			}
			catch (RuntimeException ex) {
				toolCallFinished(call, null, ex);
				throw ex;
			}
			toolCallFinished(call, returned, null);
			return returned;
		});
		return ToolResults.unwrap(output, McpCallbacks.isMcp(tool.callback()));
	}

	/**
	 * @return why the call may not run, or {@code null} when it was approved
	 */
	private String approval(CodeModeTool tool, String input, ToolContext toolContext, CallerContext caller) {
		if (this.approvalHandler == null) {
			return "no approval handler is configured; ask the user to approve this call, then run the program again";
		}
		ApprovalRequest request = new ApprovalRequest(tool.namespace(), tool.name(), input, toolContext);
		// A FutureTask, so that cancelling it interrupts the handler: the execution may
		// end while a person decides.
		// The handler runs in the caller's context, on the approval thread.
		FutureTask<ApprovalDecision> decision = new FutureTask<>(
				() -> caller.restored(() -> this.approvalHandler.decide(request)));
		APPROVALS.execute(decision);
		try {
			ApprovalDecision answer = decision.get(this.approvalTimeout.toNanos(), TimeUnit.NANOSECONDS);
			if (answer == null || !answer.approved()) {
				return (answer != null && answer.reason() != null) ? "denied: " + answer.reason() : "denied";
			}
			return null;
		}
		catch (TimeoutException ex) {
			decision.cancel(true);
			return "no decision was made within " + this.approvalTimeout.toSeconds() + " s";
		}
		catch (ExecutionException ex) {
			logger.warn("The approval handler failed", ex.getCause());
			return "the approval handler failed: " + ex.getCause().getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			decision.cancel(true);
			return "the execution ended while waiting for approval";
		}
	}

	private static CodeModeListener.ToolCall toolCallStarted(CodeModeListener.Execution observation, CodeModeTool tool,
			String input) {
		try {
			CodeModeListener.ToolCall call = observation.toolCallStarted(tool, input);
			return (call != null) ? call : CodeModeListener.ToolCall.NOOP;
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
			return CodeModeListener.ToolCall.NOOP;
		}
	}

	private static void toolCallFinished(CodeModeListener.ToolCall call, String output, Throwable failure) {
		try {
			call.toolCallFinished(output, failure);
		}
		catch (RuntimeException ex) {
			logger.warn("A CodeModeListener failed", ex);
		}
	}

	private static boolean isObjectSchema(String inputSchema) {
		try {
			return "object".equals(JSON.readTree((inputSchema != null) ? inputSchema : "{}").path("type").asString(""));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private ToolCatalog catalog(List<ToolSignature> signatures) {
		List<ToolCatalog.Entry> entries = new ArrayList<>();
		for (ToolSignature signature : signatures) {
			String identifier = ToolNames.sanitize(signature.name());
			List<String> parameters = new ArrayList<>();
			try {
				JSON.readTree((signature.inputSchema() != null) ? signature.inputSchema() : "{}")
					.path("properties")
					.propertyNames()
					.forEach(parameters::add);
			}
			catch (RuntimeException ex) {
				// a schema that cannot be read contributes no parameter names
			}
			entries.add(new ToolCatalog.Entry(signature.namespace(), identifier, signature.description(), parameters,
					this.declarations.signature(signature.namespace(), identifier)));
		}
		return new ToolCatalog(entries);
	}

	private String example(List<ToolSignature> signatures) {
		if (signatures.isEmpty()) {
			return ToolDescription.emptyExample();
		}
		ToolSignature first = signatures.get(0);
		return ToolDescription.example(first.namespace(), ToolNames.sanitize(first.name()), first.inputSchema());
	}

	/**
	 * The contract's JSON: {@code result} as raw JSON, {@code logs}, and {@code error}
	 * only on failure.
	 */
	static String toJson(ExecutionResult result, List<RefusedCall> refused) {
		java.io.StringWriter out = new java.io.StringWriter();
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			if (result.resultJson() != null) {
				json.writeName("result");
				json.writeRawValue(result.resultJson());
			}
			json.writeName("logs");
			json.writeStartArray();
			for (String line : result.logs()) {
				json.writeString(line);
			}
			json.writeEndArray();
			if (result.error() != null) {
				json.writeStringProperty("error", result.error().describe());
			}
			if (!refused.isEmpty()) {
				// Calls that need a person's approval: the application can ask, then run
				// the program again.
				json.writeName("refused");
				json.writeStartArray();
				for (RefusedCall call : refused) {
					json.writeStartObject();
					json.writeStringProperty("tool", call.tool());
					json.writeName("input");
					json.writeRawValue(call.inputJson());
					json.writeStringProperty("reason", call.reason());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			json.writeEndObject();
		}
		return out.toString();
	}

	private record Bound(CodeModeTool tool, String identifier, InputValidator validator, boolean objectInput) {
	}

	/** Builds a {@link CodeModeToolCallback}. */
	public static final class Builder {

		private String name = DEFAULT_NAME;

		private CodeExecutor executor;

		private final List<CodeModeTool> tools = new ArrayList<>();

		private String descriptionTemplate = ToolDescription.defaultTemplate();

		private boolean logCode;

		private CodeModeListener listener = CodeModeListener.NOOP;

		private ToolApprovalHandler approvalHandler;

		private Duration approvalTimeout = Duration.ofSeconds(30);

		private DiscoveryMode discoveryMode = DiscoveryMode.AUTO;

		private int maxDeclarationChars = 24_000;

		private CallerContextPropagation contextPropagation = CallerContextPropagation.defaults();

		private Builder() {
		}

		/**
		 * @param contextPropagation how the caller's context reaches the tools (default:
		 * {@link CallerContextPropagation#defaults()}, every accessor of the global
		 * {@code ContextRegistry})
		 * @return this
		 */
		public Builder contextPropagation(CallerContextPropagation contextPropagation) {
			this.contextPropagation = Objects.requireNonNull(contextPropagation, "contextPropagation");
			return this;
		}

		/**
		 * @param approvalHandler decides on calls of tools that require approval; without
		 * one they are refused
		 * @return this
		 */
		public Builder approvalHandler(ToolApprovalHandler approvalHandler) {
			this.approvalHandler = approvalHandler;
			return this;
		}

		/**
		 * @param approvalTimeout how long a decision may take (default 30 s) @return this
		 */
		public Builder approvalTimeout(Duration approvalTimeout) {
			this.approvalTimeout = Objects.requireNonNull(approvalTimeout, "approvalTimeout");
			return this;
		}

		/**
		 * @param mode when programs discover tools through {@code catalog.search} and
		 * {@code catalog.describe} instead of finding every tool declared (default
		 * {@link DiscoveryMode#AUTO})
		 * @param maxDeclarationChars the longest declarations put in the description; in
		 * {@code AUTO} mode, longer ones switch to discovery (default 24,000 characters)
		 * @return this
		 */
		public Builder discovery(DiscoveryMode mode, int maxDeclarationChars) {
			this.discoveryMode = Objects.requireNonNull(mode, "mode");
			this.maxDeclarationChars = maxDeclarationChars;
			return this;
		}

		/**
		 * @param name the tool's name (default {@code codemode}) @return this
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/**
		 * @param executor what runs the programs (required) @return this
		 */
		public Builder executor(CodeExecutor executor) {
			this.executor = executor;
			return this;
		}

		/**
		 * @param tools tools programs may call @return this
		 */
		public Builder tools(Collection<CodeModeTool> tools) {
			this.tools.addAll(tools);
			return this;
		}

		/**
		 * @param tool a tool programs may call @return this
		 */
		public Builder tool(CodeModeTool tool) {
			this.tools.add(Objects.requireNonNull(tool, "tool"));
			return this;
		}

		/**
		 * @param callbacks Spring AI tools, put in the default namespace @return this
		 */
		public Builder toolCallbacks(Collection<? extends ToolCallback> callbacks) {
			callbacks.forEach((callback) -> this.tools.add(CodeModeTool.of(callback)));
			return this;
		}

		/**
		 * @param template the description; {@code {{types}}} marks where the declarations
		 * go, and {@code {{limits}}} and {@code {{example}}} may be used too
		 * @return this
		 */
		public Builder descriptionTemplate(String template) {
			if (!Objects.requireNonNull(template, "template").contains(ToolDescription.TYPES)) {
				throw new IllegalArgumentException("the description template must contain " + ToolDescription.TYPES);
			}
			this.descriptionTemplate = template;
			return this;
		}

		/**
		 * @param logCode whether to log each program at INFO rather than DEBUG @return
		 * this
		 */
		public Builder logCode(boolean logCode) {
			this.logCode = logCode;
			return this;
		}

		/**
		 * @param listener observes executions and tool calls @return this
		 */
		public Builder listener(CodeModeListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * @return the tool
		 */
		public CodeModeToolCallback build() {
			return new CodeModeToolCallback(this);
		}

	}

}
