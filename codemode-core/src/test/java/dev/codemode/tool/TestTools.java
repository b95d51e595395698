package dev.codemode.tool;

import java.util.function.BiFunction;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * Tool callbacks for tests: a name, a schema and a body that sees the input JSON and the
 * tool context.
 */
final class TestTools {

	static final String LOCATION_SCHEMA = """
			{"type":"object","properties":{"location":{"type":"string","description":"A city"}},"required":["location"]}""";

	private TestTools() {
	}

	static ToolCallback tool(String name, String description, String schema,
			BiFunction<String, ToolContext, String> body) {
		return tool(name, description, schema, false, body);
	}

	static ToolCallback tool(String name, String description, String schema, boolean returnDirect,
			BiFunction<String, ToolContext, String> body) {
		ToolDefinition definition = DefaultToolDefinition.builder()
			.name(name)
			.description(description)
			.inputSchema(schema)
			.build();
		ToolMetadata metadata = ToolMetadata.builder().returnDirect(returnDirect).build();
		return new ToolCallback() {
			@Override
			public ToolDefinition getToolDefinition() {
				return definition;
			}

			@Override
			public ToolMetadata getToolMetadata() {
				return metadata;
			}

			@Override
			public String call(String toolInput) {
				return body.apply(toolInput, null);
			}

			@Override
			public String call(String toolInput, ToolContext toolContext) {
				return body.apply(toolInput, toolContext);
			}
		};
	}

}
