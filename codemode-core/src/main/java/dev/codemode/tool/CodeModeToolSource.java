package dev.codemode.tool;

import java.util.List;

/**
 * Tools that come from somewhere other than the application's beans, such as the servers
 * of MCP connections ({@code dev.codemode.mcp.McpTools}), and whose list may change while
 * the application runs.
 */
public interface CodeModeToolSource {

	/**
	 * @return the tools now, each in its namespace
	 */
	List<CodeModeTool> tools();

	/**
	 * Registers a listener to call after the tools changed, so that the next execution
	 * sees the new ones.
	 * @param listener the listener
	 */
	default void onChange(Runnable listener) {
	}

	/**
	 * Whether this source serves the MCP clients whose Spring AI tool callbacks
	 * ({@code SyncMcpToolCallback}, {@code AsyncMcpToolCallback}) would otherwise also be
	 * found among the application's beans; those are then left out, so that no MCP tool
	 * is declared twice.
	 * @return whether Spring AI's MCP tool callbacks are left out
	 */
	default boolean replacesMcpToolCallbacks() {
		return false;
	}

}
