package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.discovery.CatalogNamespace;
import dev.codemode.discovery.DiscoveryMode;
import dev.codemode.discovery.ToolCatalog;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.typescript.ToolNames;
import dev.codemode.typescript.ToolSignature;

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
 * {@link #execute(String, ToolContext)} runs a program and returns what it did as data
 * ({@link CodeModeOutcome}): the same answer, plus every tool call with its input, output
 * and timing.
 * <p>
 * Build one with {@link #builder()}; it needs no Spring Boot.
 */
public final class CodeModeToolCallback implements ToolCallback {

	/** The default name of the tool. */
	public static final String DEFAULT_NAME = "codemode";

	/** How long an approval handler may take to decide, unless configured otherwise. */
	public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofSeconds(30);

	/** When programs discover tools instead of finding them all declared, by default. */
	public static final DiscoveryMode DEFAULT_DISCOVERY_MODE = DiscoveryMode.AUTO;

	/**
	 * The longest declarations put in the description by default; longer ones switch
	 * {@link DiscoveryMode#AUTO} to discovery.
	 */
	public static final int DEFAULT_MAX_DECLARATION_CHARS = 24_000;

	private static final Logger logger = LoggerFactory.getLogger(CodeModeToolCallback.class);

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

	private final ToolBindings bindings;

	private final ToolCallPipeline pipeline;

	private final boolean logCode;

	private final CodeModeListener listener;

	private final CallerContextPropagation contextPropagation;

	private CodeModeToolCallback(Builder builder) {
		this.executor = Objects.requireNonNull(builder.executor, "executor");
		this.tools = List.copyOf(builder.tools);
		this.logCode = builder.logCode;
		this.listener = builder.listener;
		this.contextPropagation = builder.contextPropagation;
		this.bindings = ToolBindings.of(this.tools);
		String types = this.bindings.declarations().text();
		boolean discover = builder.discoveryMode == DiscoveryMode.ALWAYS
				|| (builder.discoveryMode == DiscoveryMode.AUTO && types.length() > builder.maxDeclarationChars);
		ToolNamespace catalogNamespace = null;
		if (discover) {
			ToolCatalog catalog = this.bindings.catalog();
			types = CatalogNamespace.declarations(catalog, builder.maxDeclarationChars);
			catalogNamespace = CatalogNamespace.of(catalog);
		}
		this.pipeline = new ToolCallPipeline(this.bindings,
				new ApprovalGate(builder.approvalHandler, builder.approvalTimeout, builder.approvalExecutor),
				catalogNamespace);
		String description = ToolDescription.render(builder.descriptionTemplate, types, this.executor.describeLimits(),
				discover ? ToolDescription.discoveryExample() : example(this.bindings.signatures()));
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

	/**
	 * Runs the program in {@code {"code": "..."}} and answers the contract's JSON: the
	 * {@link #executeToolInput(String, ToolContext) outcome} written as JSON, without its
	 * tool calls.
	 */
	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		return run(ContractJson.readInput(toolInput), toolContext, false).toJson();
	}

	/**
	 * Runs a program, as {@link #call(String, ToolContext)} does, and returns what it did
	 * as data: its result, logs, error, refused calls and every tool call it made, with
	 * its input, output, error and timing. Like {@code call}, it never throws for
	 * anything in the program: a program that fails has an {@link CodeModeOutcome#error()
	 * error}.
	 * @param code the program, as a model would write it
	 * @param toolContext the tool context that every tool the program calls receives, or
	 * {@code null}
	 * @return the outcome; its {@link CodeModeOutcome#toJson()} is what {@code call}
	 * would have answered
	 */
	public CodeModeOutcome execute(String code, @Nullable ToolContext toolContext) {
		return run(new ContractJson.ProgramInput(Objects.requireNonNull(code, "code"), null), toolContext, true);
	}

	/**
	 * Runs the tool's input as {@link #call(String, ToolContext)} does, e.g. when a model
	 * called the tool, and returns what it did as data (see
	 * {@link #execute(String, ToolContext)}). An input that holds no program is an
	 * outcome with an {@code InputError}.
	 * @param toolInput the tool's input, {@code {"code": "..."}}
	 * @param toolContext the tool context that every tool the program calls receives, or
	 * {@code null}
	 * @return the outcome; its {@link CodeModeOutcome#toJson()} is what {@code call}
	 * answers
	 */
	public CodeModeOutcome executeToolInput(String toolInput, @Nullable ToolContext toolContext) {
		return run(ContractJson.readInput(toolInput), toolContext, true);
	}

	private CodeModeOutcome run(ContractJson.ProgramInput input, @Nullable ToolContext toolContext,
			boolean recordToolCalls) {
		ExecutionResult result;
		ExecutionScope scope = null;
		try {
			// First, and on the calling thread: the program's tools run on other threads,
			// in this context.
			CallerContext caller = this.contextPropagation.capture();
			if (input.error() != null) {
				scope = ExecutionScope.start(this.listener, null, toolContext, caller, false);
				result = ExecutionResult.failed(input.error());
			}
			else {
				logCode(input.code());
				scope = ExecutionScope.start(this.listener, input.code(), toolContext, caller, recordToolCalls);
				result = this.executor.execute(input.code(), this.pipeline.namespaces(scope));
			}
		}
		catch (RuntimeException ex) {
			// Only a broken executor gets here; the model still gets an answer it can
			// read.
			logger.warn("The code executor failed", ex);
			result = ExecutionResult.failed(new ExecutionError("Error", "internal error while running the program"));
		}
		return (scope != null) ? scope.finish(input.code(), result)
				: CodeModeOutcome.of(input.code(), result, List.of(), List.of());
	}

	/**
	 * @return the generated TypeScript declarations of the tools that programs may call
	 */
	public String declarations() {
		return this.bindings.declarations().text();
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
	public @Nullable String signature(String namespace, String identifier) {
		return this.bindings.declarations().signature(namespace, identifier);
	}

	private void logCode(String code) {
		if (this.logCode) {
			logger.info("Running program:\n{}", code);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Running program:\n{}", code);
		}
	}

	private static String example(List<ToolSignature> signatures) {
		if (signatures.isEmpty()) {
			return ToolDescription.emptyExample();
		}
		ToolSignature first = signatures.get(0);
		return ToolDescription.example(first.namespace(), ToolNames.sanitize(first.name()), first.inputSchema());
	}

	/** Builds a {@link CodeModeToolCallback}. */
	public static final class Builder {

		private String name = DEFAULT_NAME;

		private @Nullable CodeExecutor executor;

		private final List<CodeModeTool> tools = new ArrayList<>();

		private String descriptionTemplate = ToolDescription.defaultTemplate();

		private boolean logCode;

		private CodeModeListener listener = CodeModeListener.NOOP;

		private @Nullable ToolApprovalHandler approvalHandler;

		private Duration approvalTimeout = DEFAULT_APPROVAL_TIMEOUT;

		private @Nullable Executor approvalExecutor;

		private DiscoveryMode discoveryMode = DEFAULT_DISCOVERY_MODE;

		private int maxDeclarationChars = DEFAULT_MAX_DECLARATION_CHARS;

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
		public Builder approvalHandler(@Nullable ToolApprovalHandler approvalHandler) {
			this.approvalHandler = approvalHandler;
			return this;
		}

		/**
		 * @param approvalExecutor runs the approval handler, which may block while a
		 * person decides (default: a new daemon thread per decision); a decision still
		 * pending when its call ends is cancelled, which interrupts its thread
		 * @return this
		 */
		public Builder approvalExecutor(@Nullable Executor approvalExecutor) {
			this.approvalExecutor = approvalExecutor;
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
