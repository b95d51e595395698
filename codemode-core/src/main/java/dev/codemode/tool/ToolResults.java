package dev.codemode.tool;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolCallException;

/**
 * Makes the results of MCP tools what a program expects: the value itself. An MCP
 * {@code CallToolResult} is unwrapped (its {@code structuredContent} preferred, else its
 * text content, whose JSON the program receives parsed), and one that reports
 * {@code isError} becomes a failure the program can catch. The result of any other tool
 * is never reshaped, whatever keys it has.
 */
final class ToolResults {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ToolResults() {
	}

	/**
	 * @param output what the tool returned
	 * @param mcp whether the tool is an MCP tool ({@link McpCallbacks}); only then is its
	 * result unwrapped
	 * @return what the program receives
	 */
	static String unwrap(@Nullable String output, boolean mcp) {
		if (output == null) {
			return "null";
		}
		if (!mcp) {
			return output;
		}
		String text = output.strip();
		boolean object = text.startsWith("{")
				&& (text.contains("\"content\"") || text.contains("\"structuredContent\""));
		boolean array = text.startsWith("[");
		if (!object && !array) {
			return output;
		}
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (RuntimeException notJson) {
			return output;
		}
		if (node.isObject() && isCallToolResult(node)) {
			String content = contentText(node.get("content"));
			if (node.path("isError").asBoolean(false)) {
				throw new ToolCallException(
						(content != null && !content.isBlank()) ? content : "the tool reported an error");
			}
			if (node.hasNonNull("structuredContent")) {
				return JSON.writeValueAsString(node.get("structuredContent"));
			}
			return (content != null) ? content : output;
		}
		if (node.isArray() && isContentList(node)) {
			String content = contentText(node);
			return (content != null) ? content : output;
		}
		return output;
	}

	private static boolean isCallToolResult(JsonNode node) {
		return (node.has("content") && node.get("content").isArray() && isContentList(node.get("content")))
				|| node.has("structuredContent");
	}

	private static boolean isContentList(JsonNode content) {
		for (JsonNode item : content) {
			if (!item.isObject() || !(item.has("type") || isText(item))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A text content item. Spring AI's {@code SyncMcpToolCallback} writes the contents
	 * without their {@code type} ({@code [{"text":"..."}]}), so an item with a string
	 * {@code text} and no {@code type} is one too.
	 */
	private static boolean isText(JsonNode item) {
		JsonNode type = item.get("type");
		return (type == null) ? item.path("text").isString() : "text".equals(type.asString());
	}

	/** One text item is the text itself; several are a JSON array of texts. */
	private static @Nullable String contentText(@Nullable JsonNode content) {
		if (content == null || !content.isArray() || content.isEmpty()) {
			return null;
		}
		if (content.size() == 1 && isText(content.get(0))) {
			return content.get(0).path("text").asString();
		}
		var texts = JSON.createArrayNode();
		for (JsonNode item : content) {
			if (isText(item)) {
				texts.add(item.path("text").asString());
			}
			else {
				texts.add(item);
			}
		}
		return JSON.writeValueAsString(texts);
	}

}
