package dev.codemode.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.discovery.CatalogNamespace;
import dev.codemode.discovery.ToolCatalog;
import dev.codemode.executor.PreparedToolNamespace;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.typescript.ToolNames;
import dev.codemode.typescript.ToolSignature;
import dev.codemode.typescript.TypeScriptDeclarations;

/**
 * The tools of one {@code codemode} tool, bound once when it is built: their namespaces
 * and identifiers, input validators, declarations and signatures. The rules of what
 * programs may call live here: the {@value CatalogNamespace#NAME} namespace is reserved,
 * and two tools of one namespace may not share an identifier.
 */
final class ToolBindings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Prepared> namespaces;

	private final List<ToolSignature> signatures;

	private final TypeScriptDeclarations declarations;

	private ToolBindings(List<Prepared> namespaces, List<ToolSignature> signatures,
			TypeScriptDeclarations declarations) {
		this.namespaces = namespaces;
		this.signatures = signatures;
		this.declarations = declarations;
	}

	/**
	 * @param tools the tools, in declaration order
	 * @return their bindings
	 * @throws CodeModeConfigurationException when a tool is in the reserved namespace, or
	 * two tools of one namespace become the same identifier
	 */
	static ToolBindings of(List<CodeModeTool> tools) {
		Map<String, Map<String, CodeModeTool>> byNamespace = new LinkedHashMap<>();
		List<ToolSignature> signatures = new ArrayList<>();
		for (CodeModeTool tool : tools) {
			if (CatalogNamespace.NAME.equals(tool.namespace())) {
				throw new CodeModeConfigurationException("The namespace '" + CatalogNamespace.NAME
						+ "' is reserved for tool discovery, and tool '" + tool.name() + "' is in it.",
						"Put tool '" + tool.name() + "' in another namespace.");
			}
			String identifier = tool.identifier();
			CodeModeTool previous = byNamespace.computeIfAbsent(tool.namespace(), (name) -> new LinkedHashMap<>())
				.putIfAbsent(identifier, tool);
			if (previous != null) {
				throw new CodeModeConfigurationException(
						"Tools '" + previous.name() + "' and '" + tool.name() + "' both become " + tool.namespace()
								+ "." + identifier + " in programs.",
						"Rename one of them or put it in another namespace.");
			}
			ToolDefinition definition = tool.callback().getToolDefinition();
			if (!tool.callback().getToolMetadata().returnDirect()) {
				signatures.add(new ToolSignature(tool.namespace(), definition.name(), definition.description(),
						definition.inputSchema(), tool.resultType(), tool.resultSchema()));
			}
		}
		TypeScriptDeclarations declarations = TypeScriptDeclarations.generate(signatures);
		List<Prepared> namespaces = new ArrayList<>();
		byNamespace.forEach((namespace, byIdentifier) -> namespaces
			.add(new Prepared(new PreparedToolNamespace(namespace, List.copyOf(byIdentifier.keySet())),
					byIdentifier.values().stream().map((tool) -> bind(tool, declarations)).toList())));
		return new ToolBindings(List.copyOf(namespaces), List.copyOf(signatures), declarations);
	}

	private static ToolBinding bind(CodeModeTool tool, TypeScriptDeclarations declarations) {
		String inputSchema = tool.callback().getToolDefinition().inputSchema();
		return new ToolBinding(tool, tool.identifier(), InputValidator.of(inputSchema), isObjectSchema(inputSchema),
				McpCallbacks.isMcp(tool.callback()), declarations.signature(tool.namespace(), tool.identifier()));
	}

	/**
	 * The namespaces one execution gets, in declaration order: the prepared namespaces,
	 * each tool's function made by {@code bind} from its prebuilt binding when the
	 * executor looks it up. Nothing is copied, parsed or validated here.
	 * @param bind the function that calls a tool in one execution
	 * @param extra a namespace to add at the end, or {@code null}
	 * @return the namespaces
	 */
	List<ToolNamespace> namespaces(Function<ToolBinding, ToolFunction> bind, @Nullable ToolNamespace extra) {
		ToolNamespace[] bound = new ToolNamespace[this.namespaces.size() + ((extra != null) ? 1 : 0)];
		for (int i = 0; i < this.namespaces.size(); i++) {
			List<ToolBinding> bindings = this.namespaces.get(i).bindings();
			bound[i] = this.namespaces.get(i).namespace().bind((index) -> bind.apply(bindings.get(index)));
		}
		if (extra != null) {
			bound[bound.length - 1] = extra;
		}
		return List.of(bound);
	}

	/**
	 * @return the signatures of the tools that programs may call, in declaration order
	 */
	List<ToolSignature> signatures() {
		return this.signatures;
	}

	TypeScriptDeclarations declarations() {
		return this.declarations;
	}

	/**
	 * @return the catalog that {@code catalog.search} and {@code catalog.describe} read
	 */
	ToolCatalog catalog() {
		List<ToolCatalog.Entry> entries = new ArrayList<>();
		for (ToolSignature signature : this.signatures) {
			String identifier = ToolNames.sanitize(signature.name());
			List<String> parameters = new ArrayList<>();
			try {
				JSON.readTree((signature.inputSchema() != null) ? signature.inputSchema() : "{}")
					.path("properties")
					.propertyNames()
					.forEach(parameters::add);
			}
			catch (RuntimeException ex) {
				// a schema that cannot be read contributes no parameter names
			}
			entries.add(new ToolCatalog.Entry(signature.namespace(), identifier, signature.description(), parameters,
					this.declarations.signature(signature.namespace(), identifier)));
		}
		return new ToolCatalog(entries);
	}

	/**
	 * One namespace's tools: its identifiers, prepared for the executor, and their
	 * bindings in the same order.
	 */
	private record Prepared(PreparedToolNamespace namespace, List<ToolBinding> bindings) {
	}

	private static boolean isObjectSchema(@Nullable String inputSchema) {
		try {
			return "object".equals(JSON.readTree((inputSchema != null) ? inputSchema : "{}").path("type").asString(""));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
