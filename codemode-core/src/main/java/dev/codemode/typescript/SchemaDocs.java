package dev.codemode.typescript;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSDoc of a schema: what a model needs to call a tool right that the type alone
 * cannot say.
 * <p>
 * Tags are named after the JSON Schema keywords ({@code @minimum 1}, {@code @pattern
 * ^[A-Z]{3}$}), values other than patterns and formats are written as JSON, and the order
 * is fixed so the output is deterministic: description, format, default, examples,
 * constraints, deprecation.
 */
final class SchemaDocs {

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * Keywords whose value is a number (or, for the exclusive bounds of draft 4, a
	 * boolean).
	 */
	private static final List<String> NUMERIC_CONSTRAINTS = List.of("minimum", "exclusiveMinimum", "maximum",
			"exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties",
			"maxProperties");

	private SchemaDocs() {
	}

	/**
	 * The JSDoc of a schema.
	 * @param schema the schema, possibly a boolean schema or not an object
	 * @return the JSDoc, possibly empty
	 */
	static JsDoc of(@Nullable JsonNode schema) {
		if (schema == null || !schema.isObject()) {
			return JsDoc.NONE;
		}
		JsDoc.Builder doc = JsDoc.builder();
		JsonNode description = schema.get("description");
		if (description != null && description.isString()) {
			doc.description(description.stringValue());
		}
		JsonNode format = schema.get("format");
		if (format != null && format.isString()) {
			doc.tag("format", format.stringValue());
		}
		if (schema.has("default")) {
			doc.tag("default", json(schema.get("default")));
		}
		JsonNode examples = schema.get("examples");
		if (examples != null && examples.isArray()) {
			examples.forEach((example) -> doc.tag("example", json(example)));
		}
		if (schema.has("example")) {
			doc.tag("example", json(schema.get("example")));
		}
		for (String keyword : NUMERIC_CONSTRAINTS) {
			JsonNode value = schema.get(keyword);
			if (value != null && (value.isNumber() || value.isBoolean())) {
				doc.tag(keyword, json(value));
			}
		}
		JsonNode pattern = schema.get("pattern");
		if (pattern != null && pattern.isString()) {
			doc.tag("pattern", pattern.stringValue());
		}
		if (isTrue(schema, "uniqueItems")) {
			doc.tag("uniqueItems", null);
		}
		if (isTrue(schema, "deprecated")) {
			doc.tag("deprecated", null);
		}
		return doc.build();
	}

	private static boolean isTrue(JsonNode schema, String keyword) {
		JsonNode value = schema.get(keyword);
		return value != null && value.isBoolean() && value.booleanValue();
	}

	private static String json(JsonNode value) {
		return JSON.writeValueAsString(value);
	}

}
