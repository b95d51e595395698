package dev.codemode.boot;

import java.util.function.Supplier;

import dev.codemode.tool.CodeModeOutcome;
import dev.codemode.tool.CodeModeToolCallback;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;

/**
 * The auto-configured {@code codemode} tool: a {@link CodeModeToolCallback} that is built
 * on first use, when every bean of the application exists.
 * <p>
 * Its description lists the application's tools, and those include beans that themselves
 * depend on the {@code codemode} tool (a {@code ChatClient.Builder} that has it as a
 * default tool, a service that calls a model). Building it late breaks that cycle. Only
 * the tool's name is known early: Spring AI's tool resolver reads the names of all tool
 * beans while the context starts, and that read does not discover anything.
 */
public final class LazyCodeModeToolCallback implements ToolCallback {

	private final String toolName;

	private final Supplier<CodeModeToolCallback> factory;

	private final ToolDefinition toolDefinition = new LazyToolDefinition();

	private volatile @Nullable CodeModeToolCallback callback;

	/**
	 * @param toolName the name of the tool, which must be the name of the tool that
	 * {@code factory} builds
	 * @param factory builds the tool; called on first use, and again on the first use
	 * after {@link #refresh()}
	 */
	public LazyCodeModeToolCallback(String toolName, Supplier<CodeModeToolCallback> factory) {
		Assert.hasText(toolName, "toolName must not be empty");
		Assert.notNull(factory, "factory must not be null");
		this.toolName = toolName;
		this.factory = factory;
	}

	/**
	 * The tool, discovering the application's tools and building it if that has not
	 * happened yet.
	 * @return the tool
	 */
	public CodeModeToolCallback getCallback() {
		CodeModeToolCallback callback = this.callback;
		if (callback == null) {
			synchronized (this) {
				callback = this.callback;
				if (callback == null) {
					callback = this.factory.get();
					String builtName = callback.getToolDefinition().name();
					Assert.state(this.toolName.equals(builtName),
							() -> "Expected a tool named '" + this.toolName + "' but got '" + builtName + "'");
					this.callback = callback;
				}
			}
		}
		return callback;
	}

	/**
	 * Forgets the built tool, so that the next use discovers the application's tools
	 * again: for tools that changed while the application runs (an MCP server's
	 * {@code notifications/tools/list_changed}). Executions already running finish with
	 * the tools they started with.
	 */
	public void refresh() {
		synchronized (this) {
			this.callback = null;
		}
	}

	/**
	 * @return whether the tool has been built, i.e. whether the application's tools have
	 * been discovered
	 */
	public boolean isResolved() {
		return this.callback != null;
	}

	/**
	 * Runs a program and returns what happened as data, as
	 * {@link CodeModeToolCallback#execute(String, ToolContext)} does.
	 * @param code the program
	 * @param toolContext what every tool the program calls receives, or {@code null}
	 * @return the outcome, never {@code null}
	 */
	public CodeModeOutcome execute(String code, @Nullable ToolContext toolContext) {
		return getCallback().execute(code, toolContext);
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.toolDefinition;
	}

	@Override
	public String call(String toolInput) {
		return getCallback().call(toolInput);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		return getCallback().call(toolInput, toolContext);
	}

	@Override
	public String toString() {
		return "LazyCodeModeToolCallback[" + this.toolName + (isResolved() ? "" : ", not resolved yet") + "]";
	}

	private final class LazyToolDefinition implements ToolDefinition {

		@Override
		public String name() {
			return LazyCodeModeToolCallback.this.toolName;
		}

		@Override
		public String description() {
			return getCallback().getToolDefinition().description();
		}

		@Override
		public String inputSchema() {
			return getCallback().getToolDefinition().inputSchema();
		}

		@Override
		public String toString() {
			return "ToolDefinition[" + name() + "]";
		}

	}

}
