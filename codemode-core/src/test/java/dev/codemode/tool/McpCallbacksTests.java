package dev.codemode.tool;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.mcp.AsyncMcpToolCallbackProvider;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;

import dev.codemode.mcp.McpTestServer;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/** Only Spring AI's MCP tools, told by their type, get MCP handling. */
class McpCallbacksTests {

	@Test
	void springAisMcpToolCallbacksAreMcp() throws Exception {
		try (McpTestServer server = McpTestServer.start(McpTestServer.tool("echo",
				io.modelcontextprotocol.spec.McpSchema.CallToolResult.builder().addTextContent("hi").build()))) {
			List<ToolCallback> callbacks = server.callbacks();
			assertThat(callbacks).isNotEmpty().allMatch(McpCallbacks::isMcp);
		}
	}

	@Test
	void aToolThatOnlyLooksLikeMcpIsNot() {
		ToolCallback named = tool("mcpEcho", "Has Mcp in its name.", "{}", (input, context) -> "1");
		assertThat(McpCallbacks.isMcp(named)).isFalse();
		assertThat(McpCallbacks.isMcp(new NotAnMcpToolCallback())).isFalse();
	}

	@Test
	void providersOfMcpToolCallbacksAndTheirSubclassesAreKnownByType() {
		assertThat(McpCallbacks.isMcpProvider(SyncMcpToolCallbackProvider.class)).isTrue();
		assertThat(McpCallbacks.isMcpProvider(AsyncMcpToolCallbackProvider.class)).isTrue();
		assertThat(McpCallbacks.isMcpProvider(SyncMcpSubclass.class)).isTrue();
		assertThat(McpCallbacks.isMcpProvider(Object.class)).isFalse();
	}

	/** A class whose simple name contains "Mcp": names do not count. */
	private static final class NotAnMcpToolCallback implements ToolCallback {

		private final ToolCallback delegate = tool("x", "x", "{}", (input, context) -> "1");

		@Override
		public org.springframework.ai.tool.definition.ToolDefinition getToolDefinition() {
			return this.delegate.getToolDefinition();
		}

		@Override
		public String call(String toolInput) {
			return "1";
		}

	}

	private abstract static class SyncMcpSubclass extends SyncMcpToolCallbackProvider {

		SyncMcpSubclass() {
			super(List.of());
		}

	}

}
