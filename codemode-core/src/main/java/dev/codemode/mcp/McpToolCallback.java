package dev.codemode.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolCallException;

/**
 * One tool of an MCP server, called through its client rather than through Spring AI's
 * MCP callbacks, which drop {@code structuredContent} and report errors as Java
 * {@code toString}s (and log each at ERROR).
 */
final class McpToolCallback implements ToolCallback {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {
	};

	private final McpConnection connection;

	private final McpSchema.Tool tool;

	private final ToolDefinition definition;

	private final Duration timeout;

	private final Function<ToolContext, @Nullable Map<String, Object>> meta;

	McpToolCallback(McpConnection connection, McpSchema.Tool tool, Duration timeout,
			Function<ToolContext, @Nullable Map<String, Object>> meta) {
		this.connection = connection;
		this.tool = tool;
		this.timeout = timeout;
		this.meta = meta;
		this.definition = DefaultToolDefinition.builder()
			.name(tool.name())
			.description(McpToolHints.describe(tool))
			.inputSchema(JSON.writeValueAsString(tool.inputSchema()))
			.build();
	}

	McpSchema.Tool tool() {
		return this.tool;
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
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(this.tool.name())
			.arguments(arguments(toolInput))
			.meta((toolContext != null) ? this.meta.apply(toolContext) : null)
			.build();
		McpSchema.CallToolResult result;
		try {
			result = this.connection.call(request, this.timeout);
		}
		catch (McpConnection.ServerExitedException ex) {
			throw new ToolCallException("the MCP server of connection '" + this.connection.name() + "' exited; its "
					+ "tools cannot be called until the application restarts it");
		}
		catch (RuntimeException ex) {
			throw failure(ex);
		}
		if (result == null) {
			throw new ToolCallException("the MCP server '" + this.connection.name() + "' sent no result");
		}
		return McpResults.toJson(result);
	}

	private Map<String, Object> arguments(@Nullable String toolInput) {
		if (toolInput == null || toolInput.isBlank() || "null".equals(toolInput.strip())) {
			return Map.of();
		}
		try {
			return JSON.readValue(toolInput, ARGUMENTS);
		}
		catch (RuntimeException ex) {
			throw new ToolCallException("the input of " + this.tool.name() + " must be an object of its arguments");
		}
	}

	private static String protocolMessage(McpError ex) {
		McpSchema.JSONRPCResponse.JSONRPCError error = ex.getJsonRpcError();
		String message = (error != null && error.message() != null) ? error.message() : ex.getMessage();
		return (message != null && !message.isBlank()) ? message : "the MCP server refused the call";
	}

	private ToolCallException failure(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException) {
				// The execution ended (it returned, failed or timed out) while this call
				// waited.
				Thread.currentThread().interrupt();
				return new ToolCallException("the call was cancelled: its execution ended", ex);
			}
			if (cause instanceof TimeoutException) {
				return new ToolCallException("the MCP server '" + this.connection.name() + "' did not answer within "
						+ this.timeout.toSeconds() + " s", ex);
			}
			if (cause instanceof McpError mcpError) {
				return new ToolCallException(protocolMessage(mcpError), ex);
			}
		}
		return new ToolCallException("the MCP server '" + this.connection.name() + "' could not be reached"
				+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""), ex);
	}

}
