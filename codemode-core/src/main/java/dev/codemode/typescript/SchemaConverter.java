package dev.codemode.typescript;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts one JSON Schema document (a tool's input or output schema) to a
 * {@link TsType}.
 * <p>
 * The keywords of one schema all apply at once, so they become an intersection:
 * {@code $ref}, every {@code allOf} member, the {@code anyOf} union, the {@code oneOf}
 * union and the type that {@code enum}, {@code const} or {@code type} (with
 * {@code properties}, {@code items}, …) describe. A bare {@code type} next to a
 * combinator adds nothing but noise ({@code Record<string, unknown> & (A | B)}), so it is
 * left out there. Keywords without a TypeScript counterpart ({@code not}, {@code if},
 * {@code pattern}, …) add nothing, which is {@code unknown} in an intersection; a schema
 * made only of them is {@code unknown}. {@code any} is never used.
 * <p>
 * Local references ({@code #}, {@code #/$defs/X}, {@code #/definitions/X}, any JSON
 * pointer into the document) become named types, declared once, so recursion is expressed
 * rather than cut off; {@code #} is the document's own type. References to other
 * documents, anchors and pointers to nothing are {@code unknown}.
 */
final class SchemaConverter {

	/**
	 * Deeper inline nesting than this is {@code unknown}: a guard against absurd schemas,
	 * not a style limit.
	 */
	static final int MAX_DEPTH = 32;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final NamedTypes namedTypes;

	private final String rootName;

	private final String toolPrefix;

	private final Map<String, String> nameByPointer = new HashMap<>();

	private final JsonNode root;

	private SchemaConverter(NamedTypes namedTypes, String rootName, String toolPrefix, JsonNode root) {
		this.namedTypes = namedTypes;
		this.rootName = rootName;
		this.toolPrefix = toolPrefix;
		this.root = root;
	}

	/**
	 * The type of a document.
	 * @param namedTypes where named types go
	 * @param rootName the name of the document's own type, which {@code #} refers to
	 * @param toolPrefix the tool's type-name prefix, for named types whose preferred name
	 * is taken
	 * @param document the schema document
	 * @return its type
	 */
	static TsType convertDocument(NamedTypes namedTypes, String rootName, String toolPrefix, JsonNode document) {
		return new SchemaConverter(namedTypes, rootName, toolPrefix, document).convert(document, 0);
	}

	private TsType convert(@Nullable JsonNode schema, int depth) {
		if (schema == null || schema.isMissingNode()) {
			return TsType.UNKNOWN;
		}
		if (schema.isBoolean()) {
			return schema.booleanValue() ? TsType.UNKNOWN : TsType.NEVER;
		}
		if (!schema.isObject() || depth > MAX_DEPTH) {
			return TsType.UNKNOWN;
		}
		List<TsType> combined = new ArrayList<>();
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString()) {
			combined.add(reference(ref.stringValue()));
		}
		JsonNode allOf = schema.get("allOf");
		if (allOf != null && allOf.isArray()) {
			allOf.forEach((member) -> combined.add(convert(member, depth + 1)));
		}
		for (String keyword : List.of("anyOf", "oneOf")) {
			JsonNode alternatives = schema.get(keyword);
			if (alternatives != null && alternatives.isArray()) {
				List<TsType> union = new ArrayList<>();
				alternatives.forEach((member) -> union.add(convert(member, depth + 1)));
				combined.add(TsType.union(union));
			}
		}
		TsType composition = TsType.intersection(combined);
		TsType type;
		if (valueKeywordsPresent(schema)) {
			type = TsType.intersection(List.of(valueType(schema, depth), composition));
		}
		else if (schema.has("type") && composition.equals(TsType.UNKNOWN)) {
			type = valueType(schema, depth);
		}
		else {
			type = composition;
		}
		JsonNode nullable = schema.get("nullable");
		return (nullable != null && nullable.isBoolean() && nullable.booleanValue()) ? TsType.nullable(type) : type;
	}

	// Keywords that describe values beyond their JSON type: with these, "type" is more
	// than a bare kind.
	private static boolean valueKeywordsPresent(JsonNode schema) {
		for (String keyword : List.of("enum", "const", "properties", "additionalProperties", "patternProperties",
				"items", "prefixItems", "additionalItems")) {
			if (schema.has(keyword)) {
				return true;
			}
		}
		return false;
	}

	private TsType valueType(JsonNode schema, int depth) {
		JsonNode values = schema.get("enum");
		if (values != null && values.isArray()) {
			List<TsType> literals = new ArrayList<>();
			values.forEach((value) -> literals.add(TsSyntax.literal(value)));
			return TsType.union(literals);
		}
		if (schema.has("const")) {
			return TsSyntax.literal(schema.get("const"));
		}
		List<TsType> alternatives = new ArrayList<>();
		for (String type : types(schema)) {
			alternatives.add(switch (type) {
				case "string" -> TsType.STRING;
				case "number", "integer" -> TsType.NUMBER;
				case "boolean" -> TsType.BOOLEAN;
				case "null" -> TsType.NULL;
				case "array" -> arrayType(schema, depth);
				case "object" -> objectType(schema, depth);
				default -> TsType.UNKNOWN;
			});
		}
		return alternatives.isEmpty() ? TsType.UNKNOWN : TsType.union(alternatives);
	}

	// The "type" keyword as a list; without it, object keywords imply an object and array
	// keywords an array.
	private static List<String> types(JsonNode schema) {
		JsonNode type = schema.get("type");
		List<String> types = new ArrayList<>();
		if (type != null && type.isString()) {
			types.add(type.stringValue());
		}
		else if (type != null && type.isArray()) {
			type.forEach((name) -> types.add(name.isString() ? name.stringValue() : ""));
		}
		else if (schema.has("properties") || schema.has("additionalProperties") || schema.has("patternProperties")) {
			types.add("object");
		}
		else if (schema.has("items") || schema.has("prefixItems")) {
			types.add("array");
		}
		return types;
	}

	private TsType arrayType(JsonNode schema, int depth) {
		JsonNode prefixItems = schema.get("prefixItems");
		JsonNode items = schema.get("items");
		if (prefixItems != null && prefixItems.isArray()) {
			// JSON Schema 2020-12: prefixItems are the tuple, items the rest.
			return tuple(schema, prefixItems, items, depth);
		}
		if (items != null && items.isArray()) {
			// Draft 7 and before: an items array is the tuple, additionalItems the rest.
			return tuple(schema, items, schema.get("additionalItems"), depth);
		}
		if (items == null || items.isMissingNode()) {
			return new TsType.ArrayOf(TsType.UNKNOWN);
		}
		if (items.isBoolean() && !items.booleanValue()) {
			return new TsType.Tuple(List.of(), 0, null);
		}
		return new TsType.ArrayOf(convert(items, depth + 1));
	}

	/**
	 * A tuple. Without {@code minItems} every listed element counts as required, which is
	 * what authors of such schemas mean (a pair is two things); with it, elements past
	 * {@code minItems} are optional. Without a rest schema the tuple is closed, also what
	 * authors mean; {@code false} closes it explicitly, a schema or {@code true} opens
	 * it.
	 */
	private TsType tuple(JsonNode schema, JsonNode elements, @Nullable JsonNode rest, int depth) {
		List<TsType> types = new ArrayList<>();
		elements.forEach((element) -> types.add(convert(element, depth + 1)));
		int required = types.size();
		JsonNode minItems = schema.get("minItems");
		if (minItems != null && minItems.isIntegralNumber()) {
			required = Math.max(0, Math.min(required, minItems.asInt()));
		}
		TsType restType = null;
		if (rest != null && !(rest.isBoolean() && !rest.booleanValue())) {
			restType = convert(rest, depth + 1);
		}
		return new TsType.Tuple(types, required, restType);
	}

	/**
	 * An object. Members keep the order of {@code properties}; names listed in
	 * {@code required} without a property schema are {@code unknown} members.
	 * {@code additionalProperties} and {@code patternProperties} become an index
	 * signature (see {@link TsType#object}); a closed object without members is
	 * {@code Record<string, never>}, where the reference's {@code {}} would accept any
	 * non-null value.
	 */
	private TsType objectType(JsonNode schema, int depth) {
		Set<String> required = new LinkedHashSet<>();
		JsonNode requiredNames = schema.get("required");
		if (requiredNames != null && requiredNames.isArray()) {
			requiredNames.forEach((name) -> {
				if (name.isString()) {
					required.add(name.stringValue());
				}
			});
		}
		List<TsType.Member> members = new ArrayList<>();
		JsonNode properties = schema.get("properties");
		if (properties != null && properties.isObject()) {
			for (Map.Entry<String, JsonNode> property : properties.properties()) {
				members.add(new TsType.Member(property.getKey(), !required.contains(property.getKey()),
						convert(property.getValue(), depth + 1), SchemaDocs.of(property.getValue())));
			}
		}
		for (String name : required) {
			if (properties == null || !properties.has(name)) {
				members.add(new TsType.Member(name, false, TsType.UNKNOWN, JsDoc.NONE));
			}
		}
		JsonNode additional = schema.get("additionalProperties");
		boolean closed = additional != null && additional.isBoolean() && !additional.booleanValue();
		return TsType.object(members, indexType(schema, depth), closed);
	}

	// The type of the other members, or null when the schema does not declare any.
	private @Nullable TsType indexType(JsonNode schema, int depth) {
		List<TsType> types = new ArrayList<>();
		JsonNode patternProperties = schema.get("patternProperties");
		if (patternProperties != null && patternProperties.isObject()) {
			patternProperties.forEach((pattern) -> types.add(convert(pattern, depth + 1)));
		}
		JsonNode additional = schema.get("additionalProperties");
		if (additional != null && !(additional.isBoolean() && !additional.booleanValue())) {
			types.add(convert(additional, depth + 1));
		}
		return types.isEmpty() ? null : TsType.union(types);
	}

	private TsType reference(String ref) {
		if (ref.equals("#")) {
			return new TsType.Reference(this.rootName);
		}
		JsonNode target = resolve(ref);
		if (target == null) {
			return TsType.UNKNOWN;
		}
		if (target.isBoolean()) {
			return target.booleanValue() ? TsType.UNKNOWN : TsType.NEVER;
		}
		String name = this.nameByPointer.get(ref);
		if (name != null) {
			return new TsType.Reference(name);
		}
		String key = key(ref);
		name = this.namedTypes.nameFor(key);
		if (name != null) {
			this.nameByPointer.put(ref, name);
			return new TsType.Reference(name);
		}
		name = this.namedTypes.names().claim(preferredName(ref), this.toolPrefix);
		this.nameByPointer.put(ref, name);
		this.namedTypes.remember(key, name);
		NamedTypes.NamedType declaration = this.namedTypes.declare(name);
		declaration.define(convert(target, 0), SchemaDocs.of(target));
		return new TsType.Reference(name);
	}

	// The node a local reference points to, or null for anything else.
	private @Nullable JsonNode resolve(String ref) {
		JsonPointer pointer = pointer(ref);
		if (pointer == null) {
			return null;
		}
		JsonNode target = this.root.at(pointer);
		return (target.isMissingNode() || !(target.isObject() || target.isBoolean())) ? null : target;
	}

	// A local reference is a URI fragment, so percent-encoded ("#/$defs/My%20Type")
	// around its JSON pointer.
	private static @Nullable JsonPointer pointer(String ref) {
		if (!ref.startsWith("#/")) {
			return null;
		}
		try {
			return JsonPointer.compile(URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// Named after the pointer's last segment: #/$defs/order-item is OrderItem.
	private static String preferredName(String ref) {
		JsonPointer pointer = pointer(ref);
		return TypeNames.typeName((pointer != null) ? pointer.last().getMatchingProperty() : "");
	}

	/**
	 * What makes two references the same type: the schemas of everything they reach. Two
	 * tools whose {@code $defs} hold the same {@code Address} share one {@code Address};
	 * different ones get different names. A reach that includes the document itself
	 * ({@code #}) depends on the document's own name too.
	 */
	private String key(String ref) {
		Map<String, JsonNode> reached = new TreeMap<>();
		Deque<String> pending = new ArrayDeque<>(List.of(ref));
		boolean reachesRoot = false;
		while (!pending.isEmpty()) {
			String next = pending.pop();
			if (next.equals("#")) {
				reachesRoot = true;
				continue;
			}
			JsonNode target = resolve(next);
			if (target == null || reached.containsKey(next)) {
				continue;
			}
			reached.put(next, target);
			target.findValues("$ref").forEach((value) -> {
				if (value.isString()) {
					pending.push(value.stringValue());
				}
			});
		}
		Map<String, Object> key = new TreeMap<>();
		key.put("ref", ref);
		key.put("reached", reached);
		if (reachesRoot) {
			key.put("root", this.rootName);
			key.put("document", this.root);
		}
		return "schema:" + JSON.writeValueAsString(key);
	}

}
