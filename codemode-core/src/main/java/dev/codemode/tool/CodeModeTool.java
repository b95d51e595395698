package dev.codemode.tool;

import java.lang.reflect.Type;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.tool.ToolCallback;

import dev.codemode.executor.ToolNamespace;
import dev.codemode.typescript.ToolNames;

/**
 * A tool that programs may call: a Spring AI {@link ToolCallback}, the namespace it
 * appears in, and, where it is known, the type of its result, from which its TypeScript
 * output type is declared: the Java type of a {@code @Tool} method, or a JSON Schema (an
 * MCP tool's {@code outputSchema}).
 *
 * @param namespace the global object the tool is on, {@code codemode} by default
 * @param callback the tool
 * @param resultType the Java type of the tool's result, or {@code null} when unknown
 * @param requiresApproval whether each call must be approved by a
 * {@link dev.codemode.approval.ToolApprovalHandler} before it runs
 * @param resultSchema the JSON Schema of the tool's result, or {@code null} when unknown;
 * it takes precedence over {@code resultType}
 */
public record CodeModeTool(String namespace, ToolCallback callback, @Nullable Type resultType, boolean requiresApproval,
		@Nullable String resultSchema) {

	public CodeModeTool {
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(callback, "callback");
	}

	/**
	 * A tool whose result, if known, is known by its Java type.
	 * @param namespace the global object the tool is on
	 * @param callback the tool
	 * @param resultType the Java type of its result, or {@code null}
	 * @param requiresApproval whether each call must be approved before it runs
	 */
	public CodeModeTool(String namespace, ToolCallback callback, @Nullable Type resultType, boolean requiresApproval) {
		this(namespace, callback, resultType, requiresApproval, null);
	}

	/**
	 * A tool that needs no approval.
	 * @param namespace the global object the tool is on
	 * @param callback the tool
	 * @param resultType the Java type of its result, or {@code null}
	 */
	public CodeModeTool(String namespace, ToolCallback callback, @Nullable Type resultType) {
		this(namespace, callback, resultType, false);
	}

	/**
	 * @param callback the tool
	 * @return the tool in the default namespace, with no known result type
	 */
	public static CodeModeTool of(ToolCallback callback) {
		return new CodeModeTool(ToolNamespace.DEFAULT_NAME, callback, null);
	}

	/**
	 * @param namespace the global object the tool is on
	 * @return a copy in that namespace
	 */
	public CodeModeTool withNamespace(String namespace) {
		return new CodeModeTool(namespace, this.callback, this.resultType, this.requiresApproval, this.resultSchema);
	}

	/**
	 * @param requiresApproval whether each call must be approved before it runs
	 * @return a copy with that setting
	 */
	public CodeModeTool withRequiresApproval(boolean requiresApproval) {
		return new CodeModeTool(this.namespace, this.callback, this.resultType, requiresApproval, this.resultSchema);
	}

	/**
	 * @return the tool's name, as its definition gives it
	 */
	public String name() {
		return this.callback.getToolDefinition().name();
	}

	/**
	 * The tool's name as programs call it: its name sanitized into a JavaScript
	 * identifier ({@code my-tool} becomes {@code my_tool}). Two tools of one namespace
	 * with the same identifier cannot both be called: the {@code codemode} tool refuses
	 * to be built with both.
	 * @return the identifier
	 */
	public String identifier() {
		return ToolNames.sanitize(name());
	}

}
