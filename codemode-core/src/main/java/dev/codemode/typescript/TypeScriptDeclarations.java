package dev.codemode.typescript;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TypeScript declarations of tools, for a model to read: one {@code declare const} per
 * namespace whose members are the tools, each taking its input type and returning a
 * {@code Promise} of its output type, with the named types they use declared first.
 *
 * <pre class="code">
 * type GetWeatherInput = {
 *     &#47;** City name *&#47;
 *     city: string;
 *     unit?: "C" | "F";
 * }
 * type GetWeatherOutput = Weather
 * type Weather = {
 *     city: string;
 *     &#47;** &#64;format date-time *&#47;
 *     observedAt: string;
 *     temperature: number;
 * }
 *
 * declare const codemode: {
 *     &#47;**
 *      * Get the current weather for a city
 *      *&#47;
 *     getWeather: (input: GetWeatherInput) =&gt; Promise&lt;GetWeatherOutput&gt;;
 * }
 * </pre>
 *
 * The layout follows {@code @cloudflare/codemode}'s {@code generateTypesFromJsonSchema},
 * and so do tool identifiers ({@link ToolNames}) and the names of input and output types
 * ({@code get_weather} gives {@code GetWeatherInput}). The types are more faithful than
 * the reference's: {@code null} is kept, references are named types (recursion included),
 * tuples, {@code allOf}, {@code additionalProperties} and constraints are carried,
 * outputs come from Java return types, and names never collide with each other or with
 * TypeScript's own global types. The declarations are valid under {@code tsc --strict}.
 * Generation is deterministic: the same tools in the same order give the same text.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @see ToolSignature
 */
public final class TypeScriptDeclarations {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final String text;

	private final Map<String, Map<String, String>> signatures;

	private final Outputs outputs;

	TypeScriptDeclarations(String text, Map<String, Map<String, String>> signatures, Outputs outputs) {
		this.text = text;
		Map<String, Map<String, String>> copy = new LinkedHashMap<>();
		signatures.forEach((namespace, tools) -> copy.put(namespace, new LinkedHashMap<>(tools)));
		this.signatures = copy;
		this.outputs = outputs;
	}

	/**
	 * NamedTypes of the given tools. A schema that is not valid JSON gives an
	 * {@code unknown} type (and a warning in the log) rather than failing the other
	 * tools.
	 * @param tools the tools, in the order they should be listed
	 * @return the declarations
	 * @throws IllegalArgumentException if two tools of a namespace have the same
	 * identifier (such as {@code get-item} and {@code get_item}): a program could call
	 * only one of them
	 */
	public static TypeScriptDeclarations generate(List<ToolSignature> tools) {
		return new DeclarationsBuilder().build(tools);
	}

	/**
	 * The TypeScript declaration of one JSON Schema as a named type, followed by the
	 * named types it refers to: {@code type T = ...}. This is the counterpart of the
	 * reference's {@code jsonSchemaToType}.
	 * @param typeName the name of the type, an identifier
	 * @param jsonSchema the schema
	 * @return the declarations, one per line group, without a trailing line break
	 * @throws IllegalArgumentException if the name is not an identifier or the schema is
	 * not JSON
	 */
	public static String declareType(String typeName, String jsonSchema) {
		NamedTypes namedTypes = new NamedTypes();
		namedTypes.names().claimExactly(typeName);
		NamedTypes.NamedType root = namedTypes.declare(typeName);
		JsonNode schema = parse(jsonSchema);
		root.define(SchemaConverter.convertDocument(namedTypes, typeName, typeName, schema), SchemaDocs.of(schema));
		RecursionBreaker.breakCycles(namedTypes);
		StringBuilder text = new StringBuilder();
		for (NamedTypes.NamedType declaration : namedTypes.all()) {
			text.append(text.isEmpty() ? "" : "\n").append(declaration.render());
		}
		return text.toString();
	}

	static JsonNode parse(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a JSON Schema: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The declarations, for a tool description.
	 * @return the TypeScript source, without a trailing line break
	 */
	public String text() {
		return this.text;
	}

	/**
	 * A one-line signature of a tool for error messages, with the input's members written
	 * out and the types nested in them elided: {@code codemode.getWeather(input: { city:
	 * string; unit?: "C" | "F" }): Promise<Weather>}.
	 * @param namespace the namespace
	 * @param identifier the tool's identifier in it (sanitized, as a program calls it)
	 * @return the signature, or {@code null} when there is no such tool
	 */
	public @Nullable String signature(String namespace, String identifier) {
		return this.signatures.getOrDefault(namespace, Map.of()).get(identifier);
	}

	/**
	 * The identifiers of a namespace's tools.
	 * @param namespace the namespace
	 * @return the identifiers in declaration order; empty for an unknown namespace
	 */
	public List<String> identifiers(String namespace) {
		return List.copyOf(this.signatures.getOrDefault(namespace, Map.of()).keySet());
	}

	/**
	 * The JSON Schema of a tool's declared output type: the result schema the declaration
	 * was generated from (such as an MCP tool's {@code outputSchema}), or else the
	 * declared type written as a JSON Schema (draft 2020-12) that accepts exactly the
	 * JSON values it describes, e.g. for a Java return type. A value a program receives
	 * from the tool is what the declaration promised when it is valid against this
	 * schema.
	 * @param namespace the namespace
	 * @param identifier the tool's identifier in it (sanitized, as a program calls it)
	 * @return the schema as JSON, or {@code null} when there is no such tool
	 */
	public @Nullable String outputSchema(String namespace, String identifier) {
		Output output = this.outputs.byTool().getOrDefault(namespace, Map.of()).get(identifier);
		if (output == null) {
			return null;
		}
		if (output.resultSchema() != null) {
			return output.resultSchema();
		}
		return JSON.writeValueAsString(JsonSchemaRenderer.render(this.outputs.namedTypes(), output.typeName()));
	}

	/**
	 * A tool's output: its declared type's name and the result schema it came from, if
	 * any.
	 */
	record Output(String typeName, @Nullable String resultSchema) {
	}

	/** The named types of the declarations, and each tool's output. */
	record Outputs(NamedTypes namedTypes, Map<String, Map<String, Output>> byTool) {
	}

	@Override
	public String toString() {
		return this.text;
	}

}
