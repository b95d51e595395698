package dev.codemode.tool;

import java.util.Set;

import org.springframework.ai.tool.ToolCallback;

/**
 * Tells Spring AI's MCP tool callbacks from every other tool: only their results get MCP
 * handling ({@link ToolResults}). The check is an {@code instanceof} by class name (the
 * callback's class or one of its superclasses), so that codemode-core needs no dependency
 * on spring-ai-mcp and works whether it is present or not.
 */
public final class McpCallbacks {

	/**
	 * Spring AI's MCP tool callbacks (module spring-ai-mcp), both classes, not
	 * interfaces.
	 */
	static final Set<String> CLASS_NAMES = Set.of("org.springframework.ai.mcp.SyncMcpToolCallback",
			"org.springframework.ai.mcp.AsyncMcpToolCallback");

	/** Spring AI's providers of MCP tool callbacks, one per kind of client. */
	static final Set<String> PROVIDER_CLASS_NAMES = Set.of("org.springframework.ai.mcp.SyncMcpToolCallbackProvider",
			"org.springframework.ai.mcp.AsyncMcpToolCallbackProvider");

	private McpCallbacks() {
	}

	/**
	 * @param type a bean's type
	 * @return whether it is one of Spring AI's providers of MCP tool callbacks, or a
	 * subclass of one
	 */
	public static boolean isMcpProvider(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (PROVIDER_CLASS_NAMES.contains(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param callback a tool
	 * @return whether it is one of Spring AI's MCP tool callbacks, or a subclass of one
	 */
	public static boolean isMcp(ToolCallback callback) {
		for (Class<?> type = callback.getClass(); type != null; type = type.getSuperclass()) {
			if (CLASS_NAMES.contains(type.getName())) {
				return true;
			}
		}
		return false;
	}

}
