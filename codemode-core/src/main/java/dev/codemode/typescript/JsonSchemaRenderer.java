package dev.codemode.typescript;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a declared type as a JSON Schema (draft 2020-12) that accepts exactly the JSON
 * values the TypeScript type describes, so that a value can be checked against what its
 * declaration promised. Named types become {@code $defs}. Object types with named members
 * and no index signature admit no other members ({@code additionalProperties: false}),
 * because they list every property Jackson writes; inside an intersection, where each
 * part has only some of the members, that is said once for the whole
 * ({@code unevaluatedProperties}).
 */
final class JsonSchemaRenderer {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String OPEN = ".open";

	private final NamedTypes namedTypes;

	private final Set<String> used = new LinkedHashSet<>();

	private JsonSchemaRenderer(NamedTypes namedTypes) {
		this.namedTypes = namedTypes;
	}

	/**
	 * @param namedTypes the named types the type refers to
	 * @param name the named type to write
	 * @return the schema of that type, with the named types it uses in {@code $defs}
	 */
	static ObjectNode render(NamedTypes namedTypes, String name) {
		JsonSchemaRenderer renderer = new JsonSchemaRenderer(namedTypes);
		ObjectNode schema = NODES.objectNode();
		schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		schema.setAll(renderer.type(new TsType.Reference(name), false));
		ObjectNode defs = NODES.objectNode();
		Deque<String> pending = new ArrayDeque<>(renderer.used);
		Set<String> done = new LinkedHashSet<>();
		while (!pending.isEmpty()) {
			String key = pending.poll();
			if (!done.add(key)) {
				continue;
			}
			boolean open = key.endsWith(OPEN);
			String declared = open ? key.substring(0, key.length() - OPEN.length()) : key;
			NamedTypes.NamedType declaration = namedTypes.get(declared);
			renderer.used.clear();
			defs.set(key, (declaration != null) ? renderer.type(declaration.body(), open) : NODES.objectNode());
			pending.addAll(renderer.used);
		}
		if (!defs.isEmpty()) {
			schema.set("$defs", defs);
		}
		return schema;
	}

	/**
	 * @param open whether an object type may have members it does not name (it is a part
	 * of an intersection)
	 */
	private ObjectNode type(TsType type, boolean open) {
		ObjectNode schema = NODES.objectNode();
		if (type instanceof TsType.Keyword keyword) {
			switch (keyword.name()) {
				case "string", "number", "boolean", "null" -> schema.put("type", keyword.name());
				case "unknown" -> {
				}
				// never, and undefined, which no JSON value is
				default -> schema.set("not", NODES.objectNode());
			}
		}
		else if (type instanceof TsType.Literal literal) {
			try {
				schema.set("const", JSON.readTree(literal.source()));
			}
			catch (JacksonException ex) {
				// A literal that is not JSON (an empty object type from a schema): no
				// constraint rather than a
				// wrong one.
			}
		}
		else if (type instanceof TsType.Reference reference) {
			String key = reference.name() + (open ? OPEN : "");
			this.used.add(key);
			schema.put("$ref", "#/$defs/" + key);
		}
		else if (type instanceof TsType.ArrayOf array) {
			schema.put("type", "array");
			schema.set("items", type(array.element(), false));
		}
		else if (type instanceof TsType.Tuple tuple) {
			schema.put("type", "array");
			ArrayNode prefix = schema.putArray("prefixItems");
			tuple.elements().forEach((element) -> prefix.add(type(element, false)));
			schema.put("minItems", tuple.required());
			if (tuple.rest() != null) {
				schema.set("items", type(tuple.rest(), false));
			}
			else {
				schema.put("items", false);
			}
		}
		else if (type instanceof TsType.RecordOf record) {
			schema.put("type", "object");
			if (!record.key().equals(TsType.STRING)) {
				schema.set("propertyNames", type(record.key(), false));
			}
			schema.set("additionalProperties", type(record.value(), false));
		}
		else if (type instanceof TsType.ObjectType object) {
			schema.put("type", "object");
			ObjectNode properties = schema.putObject("properties");
			ArrayNode required = NODES.arrayNode();
			for (TsType.Member member : object.members()) {
				properties.set(member.name(), type(member.type(), false));
				if (!member.optional()) {
					required.add(member.name());
				}
			}
			if (!required.isEmpty()) {
				schema.set("required", required);
			}
			if (object.index() != null) {
				schema.set("additionalProperties", type(object.index(), false));
			}
			else if (!open) {
				schema.put("additionalProperties", false);
			}
		}
		else if (type instanceof TsType.Union union) {
			ArrayNode anyOf = schema.putArray("anyOf");
			union.members().forEach((member) -> anyOf.add(type(member, open)));
		}
		else if (type instanceof TsType.Intersection intersection) {
			ArrayNode allOf = schema.putArray("allOf");
			intersection.members().forEach((member) -> allOf.add(type(member, true)));
			if (!open) {
				schema.put("unevaluatedProperties", false);
			}
		}
		return schema;
	}

}
