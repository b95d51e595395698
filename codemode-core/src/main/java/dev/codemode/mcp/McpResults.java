package dev.codemode.mcp;

import java.util.List;
import java.util.stream.Collectors;

import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import dev.codemode.executor.ToolCallException;

/**
 * What a program receives for an MCP tool's result (DESIGN contract item 9): the
 * {@code structuredContent} when there is one; else one text content is that text (its
 * parsed value when the text is JSON); several contents are an array of texts as strings
 * and other contents (images, audio, resources, links) as objects with their
 * {@code type}. A result with {@code isError} is a failure whose message is the server's
 * text.
 */
final class McpResults {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private McpResults() {
	}

	/**
	 * @param result the server's result
	 * @return the value as JSON
	 * @throws ToolCallException when the server reported an error
	 */
	static String toJson(McpSchema.CallToolResult result) {
		if (Boolean.TRUE.equals(result.isError())) {
			throw new ToolCallException(errorText(result.content()));
		}
		if (result.structuredContent() != null) {
			return JSON.writeValueAsString(result.structuredContent());
		}
		List<McpSchema.Content> content = result.content();
		if (content.isEmpty()) {
			return "null";
		}
		if (content.size() == 1 && content.get(0) instanceof McpSchema.TextContent text) {
			return textValue(text.text());
		}
		ArrayNode items = JSON.createArrayNode();
		for (McpSchema.Content item : content) {
			if (item instanceof McpSchema.TextContent text) {
				items.add(text.text());
			}
			else {
				items.add(JSON.valueToTree(item));
			}
		}
		return JSON.writeValueAsString(items);
	}

	// A text that is JSON is the value it holds; any other text is the string itself.
	private static String textValue(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		try {
			JsonNode value = JSON.readTree(text);
			if (value != null && !value.isMissingNode()) {
				return JSON.writeValueAsString(value);
			}
		}
		catch (RuntimeException notJson) {
			// a plain text
		}
		return JSON.writeValueAsString(text);
	}

	private static String errorText(List<McpSchema.Content> content) {
		String text = content.stream()
			.filter(McpSchema.TextContent.class::isInstance)
			.map((item) -> ((McpSchema.TextContent) item).text())
			.filter((line) -> line != null && !line.isBlank())
			.collect(Collectors.joining("\n"));
		return text.isEmpty() ? "the tool reported an error" : text;
	}

}
