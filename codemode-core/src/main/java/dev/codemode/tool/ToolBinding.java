package dev.codemode.tool;

import org.jspecify.annotations.Nullable;

/**
 * One tool as programs call it, prepared once when the {@code codemode} tool is built:
 * everything a call needs that does not change from one call to the next.
 *
 * @param tool the tool
 * @param identifier its name in programs
 * @param validator checks its input, or {@code null} when its schema cannot be read
 * @param objectInput whether its input is an object, so that no argument means {@code {}}
 * @param mcp whether it is one of Spring AI's MCP tools, whose results get MCP unwrapping
 * @param signature its TypeScript signature, shown when its input is invalid, or
 * {@code null} when it is not declared
 */
record ToolBinding(CodeModeTool tool, String identifier, @Nullable InputValidator validator, boolean objectInput,
		boolean mcp, @Nullable String signature) {

	/**
	 * @return the name programs call, e.g. {@code codemode.getWeather}
	 */
	String qualifiedName() {
		return this.tool.namespace() + "." + this.identifier;
	}

	/**
	 * @return whether the tool answers the user directly, so that programs may not call
	 * it
	 */
	boolean returnDirect() {
		return this.tool.callback().getToolMetadata().returnDirect();
	}

}
