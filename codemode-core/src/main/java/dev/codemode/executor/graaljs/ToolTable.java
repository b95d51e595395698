package dev.codemode.executor.graaljs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.program.ToolCallSites;

/**
 * The tools of one execution, by namespace, with what the sandbox runtime is given to
 * bind them: each namespace's identifiers and the alias its call sites use (see
 * {@link ToolCallSites}), both as JSON.
 *
 * @param functions each namespace's tools by identifier, in declaration order
 * @param identifiers each namespace's tool identifiers, in declaration order
 * @param aliases the alias of each namespace
 * @param identifiersJson {@code identifiers} as JSON
 * @param aliasesJson {@code aliases} as JSON
 */
record ToolTable(Map<String, Map<String, ToolFunction>> functions, Map<String, List<String>> identifiers,
		Map<String, String> aliases, String identifiersJson, String aliasesJson) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @param namespaces the namespaces; two of one name are merged, the later tool of a
	 * name winning
	 * @return their table
	 */
	static ToolTable of(List<ToolNamespace> namespaces) {
		Map<String, Map<String, ToolFunction>> functions = new LinkedHashMap<>();
		Map<String, List<String>> identifiers = new LinkedHashMap<>();
		for (ToolNamespace namespace : namespaces) {
			functions.computeIfAbsent(namespace.name(), (name) -> new LinkedHashMap<>()).putAll(namespace.functions());
			identifiers.put(namespace.name(), List.copyOf(functions.get(namespace.name()).keySet()));
		}
		Map<String, String> aliases = ToolCallSites.aliases(identifiers.keySet());
		return new ToolTable(functions, identifiers, aliases, JSON.writeValueAsString(identifiers),
				JSON.writeValueAsString(aliases));
	}

	/**
	 * @return the tool, or {@code null} when the namespace has none of that name
	 */
	@Nullable ToolFunction function(String namespace, String identifier) {
		return this.functions.getOrDefault(namespace, Map.of()).get(identifier);
	}

	/**
	 * @return the namespace's tool identifiers, empty when there is no such namespace
	 */
	List<String> identifiersOf(String namespace) {
		return this.identifiers.getOrDefault(namespace, List.of());
	}

}
