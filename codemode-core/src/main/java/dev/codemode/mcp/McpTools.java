package dev.codemode.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.tool.CodeModeConfigurationException;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolSource;
import dev.codemode.typescript.ToolNames;

/**
 * The tools of MCP servers as programs call them: each connection is a namespace of its
 * own ({@code filesystem.read_text_file({ path })}), each tool is declared from the
 * server's definition (input schema, description, {@code outputSchema} as its output
 * type, hints in its JSDoc) and called through the connection's client, and its result is
 * the value itself (see DESIGN contract item 9).
 * <p>
 * Each server's tools are listed on first use and again when it says they changed
 * ({@link #toolsChanged(String, List)}, on {@code notifications/tools/list_changed});
 * {@link #onChange(Runnable)} listeners then rebuild what depends on them.
 */
public final class McpTools implements CodeModeToolSource {

	private static final Logger logger = LoggerFactory.getLogger(McpTools.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Connection> connections;

	private final boolean approveDestructive;

	private final Duration callTimeout;

	private final Function<ToolContext, @Nullable Map<String, Object>> toolContextMeta;

	private final Map<String, List<McpSchema.Tool>> listed = new ConcurrentHashMap<>();

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private McpTools(Builder builder) {
		this.approveDestructive = builder.approveDestructive;
		this.callTimeout = builder.callTimeout;
		this.toolContextMeta = builder.toolContextMeta;
		this.connections = new LinkedHashMap<>();
		Map<String, String> byNamespace = new LinkedHashMap<>();
		for (McpConnection connection : builder.connections) {
			String namespace = builder.namespaces.getOrDefault(connection.name(),
					ToolNames.sanitize(connection.name()));
			if (!ToolNames.isValidNamespace(namespace)) {
				throw new CodeModeConfigurationException(
						"MCP connection '" + connection.name() + "' would be the namespace '" + namespace
								+ "', which is not an identifier, or is a reserved word or a global of the sandbox.",
						"Give it another namespace (codemode.mcp.namespaces." + connection.name() + ").");
			}
			String other = byNamespace.putIfAbsent(namespace, connection.name());
			if (other != null) {
				throw new CodeModeConfigurationException(
						"MCP connections '" + other + "' and '" + connection.name() + "' would both be the namespace '"
								+ namespace + "' in programs.",
						"Give one of them a namespace of its own (codemode.mcp.namespaces." + connection.name() + ").");
			}
			if (this.connections.putIfAbsent(connection.name(), new Connection(connection, namespace)) != null) {
				throw new CodeModeConfigurationException("Two MCP connections are named '" + connection.name() + "'.",
						"Give each MCP connection a name of its own.");
			}
		}
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the namespace of each connection, by connection name, in connection order
	 */
	public Map<String, String> namespaces() {
		Map<String, String> namespaces = new LinkedHashMap<>();
		this.connections.forEach((name, connection) -> namespaces.put(name, connection.namespace()));
		return namespaces;
	}

	/**
	 * The tools of every connection, listing each server's tools the first time. A server
	 * that cannot list its tools offers none, is logged, and is asked again the next
	 * time.
	 * @return the tools, by connection, in each server's order
	 */
	@Override
	public List<CodeModeTool> tools() {
		List<CodeModeTool> tools = new ArrayList<>();
		for (Connection connection : this.connections.values()) {
			for (McpSchema.Tool tool : listedTools(connection)) {
				tools.add(toTool(connection, tool));
			}
		}
		return tools;
	}

	/**
	 * Takes a server's new list of tools (after its
	 * {@code notifications/tools/list_changed}) and tells the {@link #onChange(Runnable)}
	 * listeners, so that the next execution sees them.
	 * @param connectionName the connection's name
	 * @param tools every tool the server offers now
	 */
	public void toolsChanged(String connectionName, List<McpSchema.Tool> tools) {
		if (!this.connections.containsKey(connectionName)) {
			return;
		}
		this.listed.put(connectionName, List.copyOf(tools));
		logger.info("MCP connection '{}' now offers {} tools", connectionName, tools.size());
		this.listeners.forEach(Runnable::run);
	}

	/**
	 * Records that a connection's server process has ended: the calls waiting for it fail
	 * at once, as do later ones, with an error that says so (an MCP client would wait for
	 * its request timeout on each).
	 * @param connectionName the connection's name
	 */
	public void serverExited(String connectionName) {
		Connection connection = this.connections.get(connectionName);
		if (connection != null && !connection.connection().hasExited()) {
			logger.warn("The MCP server of connection '{}' exited; programs cannot call its tools until the "
					+ "application restarts", connectionName);
			connection.connection().serverExited();
		}
	}

	/**
	 * @param listener called after a server's tools changed
	 */
	@Override
	public void onChange(Runnable listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * @return whether there are connections: their tools are those that Spring AI's MCP
	 * tool callbacks offer
	 */
	@Override
	public boolean replacesMcpToolCallbacks() {
		return !this.connections.isEmpty();
	}

	private List<McpSchema.Tool> listedTools(Connection connection) {
		String name = connection.connection().name();
		List<McpSchema.Tool> tools = this.listed.get(name);
		if (tools != null) {
			return tools;
		}
		try {
			tools = List.copyOf(connection.connection().listToolsUntilSent());
		}
		catch (RuntimeException ex) {
			// The server's own list may have come in meanwhile (toolsChanged).
			List<McpSchema.Tool> changed = this.listed.get(name);
			if (changed != null) {
				return changed;
			}
			logger.warn("MCP connection '{}' could not list its tools, so programs cannot call them for now: {}", name,
					ex.getMessage());
			return List.of();
		}
		List<McpSchema.Tool> previous = this.listed.putIfAbsent(name, tools);
		return (previous != null) ? previous : tools;
	}

	private CodeModeTool toTool(Connection connection, McpSchema.Tool tool) {
		McpToolCallback callback = new McpToolCallback(connection.connection(), tool, this.callTimeout,
				this.toolContextMeta);
		String outputSchema = (tool.outputSchema() != null) ? JSON.writeValueAsString(tool.outputSchema()) : null;
		boolean requiresApproval = this.approveDestructive && McpToolHints.isDestructive(tool);
		return new CodeModeTool(connection.namespace(), callback, null, requiresApproval, outputSchema);
	}

	private record Connection(McpConnection connection, String namespace) {
	}

	/** Builds {@link McpTools}. */
	public static final class Builder {

		private final List<McpConnection> connections = new ArrayList<>();

		private final Map<String, String> namespaces = new LinkedHashMap<>();

		private boolean approveDestructive;

		private Duration callTimeout = Duration.ofSeconds(30);

		private Function<ToolContext, @Nullable Map<String, Object>> toolContextMeta = (toolContext) -> null;

		private Builder() {
		}

		/**
		 * @param connection a connection; its tools are a namespace named after it
		 * @return this builder
		 */
		public Builder connection(McpConnection connection) {
			this.connections.add(Objects.requireNonNull(connection, "connection"));
			return this;
		}

		/**
		 * @param connectionName a connection's name
		 * @param namespace the namespace of its tools, instead of the connection's name
		 * made an identifier
		 * @return this builder
		 */
		public Builder namespace(String connectionName, String namespace) {
			this.namespaces.put(connectionName, namespace);
			return this;
		}

		/**
		 * @param approveDestructive whether calls of destructive tools (by the server's
		 * hints, see {@code McpToolHints}) need approval; off by default
		 * @return this builder
		 */
		public Builder approveDestructive(boolean approveDestructive) {
			this.approveDestructive = approveDestructive;
			return this;
		}

		/**
		 * @param callTimeout the longest wait for one call where the client allows a
		 * limit of its own (async clients); every call also ends when its execution does
		 * @return this builder
		 */
		public Builder callTimeout(Duration callTimeout) {
			this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
			return this;
		}

		/**
		 * @param toolContextMeta what of the outer call's {@code ToolContext} a server
		 * receives as the request's {@code _meta}; nothing by default
		 * @return this builder
		 */
		public Builder toolContextMeta(Function<ToolContext, @Nullable Map<String, Object>> toolContextMeta) {
			this.toolContextMeta = Objects.requireNonNull(toolContextMeta, "toolContextMeta");
			return this;
		}

		/**
		 * @return the tools
		 * @throws IllegalStateException when two connections would be one namespace, or a
		 * namespace would hide a reserved word or a global of the sandbox
		 */
		public McpTools build() {
			return new McpTools(this);
		}

	}

}
