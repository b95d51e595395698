package dev.codemode.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills the description template: {@code {{types}}} with the declarations,
 * {@code {{limits}}} with the executor's limits, {@code {{example}}} with a short program
 * that calls a real tool of the set.
 */
final class ToolDescription {

	static final String TYPES = "{{types}}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int EXAMPLE_PROPERTIES = 3;

	private ToolDescription() {
	}

	static String defaultTemplate() {
		try (InputStream in = ToolDescription.class.getResourceAsStream("description.md")) {
			if (in == null) {
				throw new IllegalStateException("description.md is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String render(String template, String types, @Nullable String limits, String example) {
		return template.replace(TYPES, types.strip())
			.replace("{{limits}}", (limits != null) ? limits : "")
			.replace("{{example}}", example)
			.strip();
	}

	/**
	 * @param namespace the namespace of the example tool
	 * @param identifier its identifier in programs
	 * @param inputSchema its input schema
	 * @return a program that calls it with plausible input
	 */
	static String example(String namespace, String identifier, @Nullable String inputSchema) {
		String input = exampleInput(inputSchema);
		return "async () => {\n  const result = await " + namespace + "." + identifier + "(" + input + ");\n"
				+ "  console.log(result);\n  return result;\n}";
	}

	static String discoveryExample() {
		return "async () => {\n  const [best] = await catalog.search(\"what you need, in words\", 5);\n"
				+ "  console.log(await catalog.describe(best.name));\n  return best.name;\n}";
	}

	static String emptyExample() {
		return "async () => {\n  console.log(\"no tools are available\");\n  return 1 + 1;\n}";
	}

	private static String exampleInput(@Nullable String inputSchema) {
		JsonNode schema;
		try {
			schema = JSON.readTree((inputSchema != null) ? inputSchema : "{}");
		}
		catch (RuntimeException ex) {
			return "{}";
		}
		JsonNode properties = schema.path("properties");
		List<String> names = new ArrayList<>();
		schema.path("required").forEach((name) -> names.add(name.asString()));
		if (names.isEmpty()) {
			Iterator<String> all = properties.propertyNames().iterator();
			if (all.hasNext()) {
				names.add(all.next());
			}
		}
		List<String> members = new ArrayList<>();
		for (String name : names.subList(0, Math.min(names.size(), EXAMPLE_PROPERTIES))) {
			String key = name.matches("[A-Za-z_$][\\w$]*") ? name : JSON.writeValueAsString(name);
			members.add(key + ": " + exampleValue(properties.path(name)));
		}
		return members.isEmpty() ? "{}" : "{ " + String.join(", ", members) + " }";
	}

	private static String exampleValue(JsonNode property) {
		if (property.has("enum") && property.get("enum").size() > 0) {
			return JSON.writeValueAsString(property.get("enum").get(0));
		}
		if (property.has("default")) {
			return JSON.writeValueAsString(property.get("default"));
		}
		String type = property.path("type").isArray() ? property.path("type").path(0).asString("")
				: property.path("type").asString("");
		return switch (type) {
			case "integer", "number" -> "1";
			case "boolean" -> "true";
			case "array" -> "[]";
			case "object" -> "{}";
			default -> "\"...\"";
		};
	}

}
