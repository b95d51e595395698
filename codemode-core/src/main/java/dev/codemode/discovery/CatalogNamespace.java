package dev.codemode.discovery;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolCallException;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.typescript.ToolNames;

/**
 * The reserved {@value #NAME} namespace: {@code catalog.search(query, limit?)} and
 * {@code catalog.describe(name)}. It is a namespace of its own so that it never shadows
 * an application's tools, whatever they are called.
 */
public final class CatalogNamespace {

	/** The name of the reserved namespace. */
	public static final String NAME = ToolNames.DISCOVERY_NAMESPACE;

	private static final int DEFAULT_LIMIT = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CatalogNamespace() {
	}

	/**
	 * @param catalog the tools to search
	 * @return the namespace programs call
	 */
	public static ToolNamespace of(ToolCatalog catalog) {
		Map<String, ToolFunction> functions = new LinkedHashMap<>();
		functions.put("search", (input) -> search(catalog, JSON.readTree(input)));
		functions.put("describe", (input) -> describe(catalog, JSON.readTree(input)));
		return new ToolNamespace(NAME, functions);
	}

	/**
	 * @param catalog the tools
	 * @param maxChars the budget for the declarations and the listing together
	 * @return the TypeScript declarations programs get in discovery mode, and a listing
	 * of the tools
	 */
	public static String declarations(ToolCatalog catalog, int maxChars) {
		Set<String> namespaces = new LinkedHashSet<>();
		catalog.entries().forEach((entry) -> namespaces.add(entry.namespace()));
		StringBuilder text = new StringBuilder();
		text.append(
				"""
						/** Tool discovery: the tools are too many to declare here, so find them and read their types. */
						declare const catalog: {
						    /** The tools that best match what you describe in words, best first (limit: 10 by default, at most 50). */
						    search(query: string, limit?: number): Promise<{ name: string; summary: string; score: number }[]>;
						    /** The TypeScript declaration (input and output types) of one tool, by the name that search returns, e.g. "%s". */
						    describe(name: string): Promise<string>;
						};
						"""
					.formatted(catalog.entries().isEmpty() ? "codemode.someTool"
							: catalog.entries().get(0).qualifiedName()));
		for (String namespace : namespaces) {
			long count = catalog.entries().stream().filter((entry) -> entry.namespace().equals(namespace)).count();
			text.append("/** ")
				.append(count)
				.append(" tools; call them by the names below, with the input that catalog.describe shows. */\n");
			text.append("declare const ")
				.append(namespace)
				.append(": { [tool: string]: (input?: unknown) => Promise<unknown> };\n");
		}
		text.append(listing(catalog, maxChars - text.length()));
		return text.toString();
	}

	/**
	 * Names with summaries if they fit, else names alone, else the count per namespace.
	 */
	private static String listing(ToolCatalog catalog, int budget) {
		StringBuilder withSummaries = new StringBuilder("\n// Tools:\n");
		StringBuilder namesOnly = new StringBuilder("\n// Tools: ");
		for (ToolCatalog.Entry entry : catalog.entries()) {
			withSummaries.append("//   ").append(entry.qualifiedName());
			if (!entry.summary().isEmpty()) {
				withSummaries.append(" — ").append(entry.summary().replace("*/", "*\\/"));
			}
			withSummaries.append('\n');
			namesOnly.append(entry.qualifiedName()).append(", ");
		}
		if (withSummaries.length() <= budget) {
			return withSummaries.toString();
		}
		if (namesOnly.length() <= budget) {
			return namesOnly.substring(0, namesOnly.length() - 2) + "\n";
		}
		return "\n// " + catalog.entries().size() + " tools: use catalog.search to find the ones you need.\n";
	}

	private static String search(ToolCatalog catalog, JsonNode input) {
		String query;
		int limit = DEFAULT_LIMIT;
		if (input.isString()) {
			query = input.asString();
		}
		else if (input.isArray() && input.size() > 0 && input.get(0).isString()) {
			query = input.get(0).asString();
			limit = input.path(1).asInt(DEFAULT_LIMIT);
		}
		else if (input.isObject() && input.path("query").isString()) {
			query = input.get("query").asString();
			limit = input.path("limit").asInt(DEFAULT_LIMIT);
		}
		else {
			throw new ToolCallException("catalog.search takes a query in words: catalog.search(\"send an email\", 5)");
		}
		List<ToolCatalog.Match> matches = catalog.search(query, limit);
		return JSON.writeValueAsString(matches);
	}

	private static String describe(ToolCatalog catalog, JsonNode input) {
		String name = input.isString() ? input.asString()
				: (input.isArray() && input.size() > 0) ? input.get(0).asString("") : input.path("name").asString("");
		String declaration = catalog.describe(name);
		if (declaration == null) {
			throw new ToolCallException("there is no tool \"" + name + "\"; use the names that catalog.search returns, "
					+ "e.g. \""
					+ (catalog.entries().isEmpty() ? "codemode.someTool" : catalog.entries().get(0).qualifiedName())
					+ "\"");
		}
		return JSON.writeValueAsString(declaration);
	}

}
