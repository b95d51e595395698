package dev.codemode.tool;

import org.springframework.ai.tool.ToolCallback;

/**
 * Tells Spring AI's MCP tool callbacks from every other tool: only their results get MCP
 * handling ({@link ToolResults}). spring-ai-mcp is optional: the types are checked with
 * {@code instanceof} only when it is on the class path, and nothing is MCP when it is
 * not.
 */
public final class McpCallbacks {

	private static final boolean MCP_PRESENT = isPresent("org.springframework.ai.mcp.SyncMcpToolCallback");

	private McpCallbacks() {
	}

	/**
	 * @param type a bean's type
	 * @return whether it is one of Spring AI's providers of MCP tool callbacks, or a
	 * subclass of one
	 */
	public static boolean isMcpProvider(Class<?> type) {
		return MCP_PRESENT && McpTypes.isProvider(type);
	}

	/**
	 * @param callback a tool
	 * @return whether it is one of Spring AI's MCP tool callbacks, or a subclass of one
	 */
	public static boolean isMcp(ToolCallback callback) {
		return MCP_PRESENT && McpTypes.isCallback(callback);
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, McpCallbacks.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * The checks that name spring-ai-mcp's types: loaded only when they are present, so
	 * that their absence is never a {@link NoClassDefFoundError}.
	 */
	private static final class McpTypes {

		static boolean isCallback(ToolCallback callback) {
			return callback instanceof org.springframework.ai.mcp.SyncMcpToolCallback
					|| callback instanceof org.springframework.ai.mcp.AsyncMcpToolCallback;
		}

		static boolean isProvider(Class<?> type) {
			return org.springframework.ai.mcp.SyncMcpToolCallbackProvider.class.isAssignableFrom(type)
					|| org.springframework.ai.mcp.AsyncMcpToolCallbackProvider.class.isAssignableFrom(type);
		}

	}

}
