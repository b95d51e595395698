package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link TypeScriptDeclarations}: identifiers and type names for all tools first,
 * so that a tool's names do not depend on the {@code $defs} of the tools before it, then
 * the types, then the text.
 */
final class DeclarationsBuilder {

	private static final Logger logger = LoggerFactory.getLogger(TypeScriptDeclarations.class);

	private static final String INDENT = "    ";

	private final NamedTypes namedTypes = new NamedTypes();

	private @Nullable JavaTypeConverter javaTypes;

	/** A tool with its identifier and the declarations of its input and output. */
	private record Planned(ToolSignature tool, String identifier, String prefix) {
	}

	TypeScriptDeclarations build(List<ToolSignature> tools) {
		List<Planned> planned = plan(tools);
		Map<Planned, NamedTypes.NamedType[]> types = new LinkedHashMap<>();
		for (Planned tool : planned) {
			types.put(tool, declareTypes(tool));
		}
		RecursionBreaker.breakCycles(this.namedTypes);
		return new TypeScriptDeclarations(text(planned), signatures(types), outputs(types));
	}

	/**
	 * What each tool's output type was generated from, for
	 * {@link TypeScriptDeclarations#outputSchema}.
	 */
	private TypeScriptDeclarations.Outputs outputs(Map<Planned, NamedTypes.NamedType[]> types) {
		Map<String, Map<String, TypeScriptDeclarations.Output>> outputs = new LinkedHashMap<>();
		types.forEach((planned, declared) -> {
			String resultSchema = planned.tool().resultSchema();
			boolean fromSchema = resultSchema != null && !resultSchema.isBlank()
					&& schema(planned.tool(), resultSchema, "result") != null;
			outputs.computeIfAbsent(planned.tool().namespace(), (key) -> new LinkedHashMap<>())
				.put(planned.identifier(),
						new TypeScriptDeclarations.Output(declared[1].name(), fromSchema ? resultSchema : null));
		});
		return new TypeScriptDeclarations.Outputs(this.namedTypes, outputs);
	}

	private List<Planned> plan(List<ToolSignature> tools) {
		Map<String, Map<String, ToolSignature>> byIdentifier = new LinkedHashMap<>();
		List<Planned> planned = new ArrayList<>();
		for (ToolSignature tool : tools) {
			String identifier = ToolNames.sanitize(tool.name());
			ToolSignature previous = byIdentifier.computeIfAbsent(tool.namespace(), (key) -> new LinkedHashMap<>())
				.putIfAbsent(identifier, tool);
			if (previous != null) {
				throw new IllegalArgumentException("Tools '" + previous.name() + "' and '" + tool.name()
						+ "' would both be " + tool.namespace() + "." + identifier + "; rename one of them");
			}
			String prefix = this.namedTypes.names().claimToolPrefix(TypeNames.pascalCase(identifier));
			planned.add(new Planned(tool, identifier, prefix));
		}
		return planned;
	}

	private NamedTypes.NamedType[] declareTypes(Planned planned) {
		ToolSignature tool = planned.tool();
		NamedTypes.NamedType input = this.namedTypes.declare(planned.prefix() + "Input");
		NamedTypes.NamedType output = this.namedTypes.declare(planned.prefix() + "Output");
		JsonNode inputSchema = schema(tool, tool.inputSchema(), "input");
		if (inputSchema != null) {
			input.define(SchemaConverter.convertDocument(this.namedTypes, input.name(), planned.prefix(), inputSchema),
					SchemaDocs.of(inputSchema));
		}
		JsonNode resultSchema = schema(tool, tool.resultSchema(), "result");
		if (resultSchema != null) {
			output.define(
					SchemaConverter.convertDocument(this.namedTypes, output.name(), planned.prefix(), resultSchema),
					SchemaDocs.of(resultSchema));
		}
		else if (tool.resultType() != null) {
			JavaTypeConverter converter = javaTypes();
			String format = converter.formatOf(tool.resultType());
			JsDoc doc = (format != null) ? JsDoc.builder().tag("format", format).build() : JsDoc.NONE;
			output.define(converter.convertResult(tool.resultType()), doc);
		}
		return new NamedTypes.NamedType[] { input, output };
	}

	// Created on first use: tools without Java result types never touch Spring AI's
	// JsonMapper.
	private JavaTypeConverter javaTypes() {
		if (this.javaTypes == null) {
			this.javaTypes = new JavaTypeConverter(this.namedTypes);
		}
		return this.javaTypes;
	}

	private static @Nullable JsonNode schema(ToolSignature tool, @Nullable String json, String what) {
		if (json == null || json.isBlank()) {
			return null;
		}
		try {
			return TypeScriptDeclarations.parse(json);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("The {} schema of tool '{}' is not valid JSON, so its type is unknown: {}", what, tool.name(),
					ex.getMessage());
			return null;
		}
	}

	private String text(List<Planned> planned) {
		StringBuilder text = new StringBuilder();
		for (NamedTypes.NamedType declaration : this.namedTypes.all()) {
			text.append(declaration.render()).append('\n');
		}
		Map<String, List<Planned>> namespaces = new LinkedHashMap<>();
		planned.forEach(
				(tool) -> namespaces.computeIfAbsent(tool.tool().namespace(), (key) -> new ArrayList<>()).add(tool));
		if (namespaces.isEmpty()) {
			// The reference declares an empty namespace, and a description always has
			// something to show.
			namespaces.put(ToolSignature.DEFAULT_NAMESPACE, List.of());
		}
		namespaces.forEach((namespace, tools) -> {
			text.append('\n').append("declare const ").append(namespace).append(": {");
			for (int i = 0; i < tools.size(); i++) {
				text.append((i == 0) ? "\n" : "\n\n").append(member(tools.get(i)));
			}
			text.append(tools.isEmpty() ? "}" : "\n}").append('\n');
		});
		return text.toString().strip();
	}

	private static String member(Planned planned) {
		ToolSignature tool = planned.tool();
		String description = tool.description();
		JsDoc doc = JsDoc.builder()
			.description((description == null || description.isBlank()) ? tool.name() : description)
			.build();
		return doc.render(INDENT, true) + INDENT + planned.identifier() + ": (input: " + planned.prefix()
				+ "Input) => Promise<" + planned.prefix() + "Output>;";
	}

	private static Map<String, Map<String, String>> signatures(Map<Planned, NamedTypes.NamedType[]> types) {
		Map<String, Map<String, String>> signatures = new LinkedHashMap<>();
		types.forEach((planned, declared) -> {
			String namespace = planned.tool().namespace();
			String signature = namespace + "." + planned.identifier() + "(input: "
					+ TypeRenderer.inline(declared[0].body()) + "): Promise<" + TypeRenderer.inline(declared[1].body())
					+ ">";
			signatures.computeIfAbsent(namespace, (key) -> new LinkedHashMap<>()).put(planned.identifier(), signature);
		});
		return signatures;
	}

}
