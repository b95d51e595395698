package dev.codemode.tool;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolCallException;

/**
 * Makes tool results what a program expects: the value itself. An MCP {@code CallToolResult} is unwrapped
 * (its {@code structuredContent} preferred, else its text content, whose JSON the program receives parsed),
 * and one that reports {@code isError} becomes a failure the program can catch.
 */
final class ToolResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolResults() {
    }

    static String unwrap(String output, boolean mcp) {
        if (output == null) {
            return "null";
        }
        String text = output.strip();
        boolean object = text.startsWith("{") && (text.contains("\"content\"") || text.contains("\"structuredContent\""));
        boolean array = mcp && text.startsWith("[");
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
                throw new ToolCallException((content != null && !content.isBlank()) ? content : "the tool reported an error");
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
            if (!item.isObject() || !item.has("type")) {
                return false;
            }
        }
        return true;
    }

    /** One text item is the text itself; several are a JSON array of texts. */
    private static String contentText(JsonNode content) {
        if (content == null || !content.isArray() || content.isEmpty()) {
            return null;
        }
        if (content.size() == 1 && "text".equals(content.get(0).path("type").asString())) {
            return content.get(0).path("text").asString();
        }
        var texts = JSON.createArrayNode();
        for (JsonNode item : content) {
            if ("text".equals(item.path("type").asString())) {
                texts.add(item.path("text").asString());
            }
            else {
                texts.add(item);
            }
        }
        return JSON.writeValueAsString(texts);
    }

}
