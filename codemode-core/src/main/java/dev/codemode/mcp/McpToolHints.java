package dev.codemode.mcp;

import java.util.ArrayList;
import java.util.List;

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/**
 * What an MCP tool's {@code annotations} say about it. They are hints of the server,
 * untrusted: they are shown to the model, and may add an approval requirement
 * ({@link #isDestructive}), never remove one.
 */
final class McpToolHints {

	private McpToolHints() {
	}

	/**
	 * The description a program's declarations show: the server's, then the hints it set,
	 * on a line of their own.
	 * @param tool the tool
	 * @return the description
	 */
	static String describe(McpSchema.Tool tool) {
		String description = (tool.description() != null) ? tool.description().strip() : "";
		McpSchema.ToolAnnotations annotations = tool.annotations();
		if (annotations == null) {
			return description;
		}
		List<String> hints = new ArrayList<>();
		add(hints, "readOnlyHint", annotations.readOnlyHint());
		add(hints, "destructiveHint", annotations.destructiveHint());
		add(hints, "idempotentHint", annotations.idempotentHint());
		add(hints, "openWorldHint", annotations.openWorldHint());
		if (hints.isEmpty()) {
			return description;
		}
		String line = "MCP hints: " + String.join(", ", hints);
		return description.isEmpty() ? line : description + "\n\n" + line;
	}

	private static void add(List<String> hints, String name, @Nullable Boolean value) {
		if (value != null) {
			hints.add(name + "=" + value);
		}
	}

	/**
	 * Whether a tool may destroy something, as the MCP specification reads its hints:
	 * {@code destructiveHint} defaults to true, and only counts when the tool is not
	 * read-only ({@code readOnlyHint} defaults to false). A tool without hints is
	 * destructive.
	 * @param tool the tool
	 * @return whether it is destructive
	 */
	static boolean isDestructive(McpSchema.Tool tool) {
		McpSchema.ToolAnnotations annotations = tool.annotations();
		if (annotations == null) {
			return true;
		}
		if (Boolean.TRUE.equals(annotations.readOnlyHint())) {
			return false;
		}
		return !Boolean.FALSE.equals(annotations.destructiveHint());
	}

}
