package dev.codemode.executor.graaljs;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.toolset.ToolShape;
import dev.codemode.executor.toolset.ToolShapes;
import dev.codemode.program.ToolCallSites;

/**
 * The tools of one execution, by namespace, with what the sandbox runtime is given to
 * bind them: each namespace's identifiers and the alias its call sites use (see
 * {@link ToolCallSites}), both as JSON. All of that depends only on the tool set's
 * {@link ToolShape}, so it is made once per shape; per execution, only the namespaces are
 * kept, to look their functions up.
 */
final class ToolTable {

	/**
	 * Shapes kept: an application has one tool set per {@code codemode} tool, and a new
	 * one each time its MCP tools change.
	 */
	private static final int SHAPES_KEPT = 16;

	private static final ToolShapes<Layout> LAYOUTS = new ToolShapes<>(SHAPES_KEPT, Layout::of);

	private final List<ToolNamespace> namespaces;

	private final Layout layout;

	private ToolTable(List<ToolNamespace> namespaces, Layout layout) {
		this.namespaces = namespaces;
		this.layout = layout;
	}

	/**
	 * @param namespaces the namespaces; two of one name are merged, the later tool of a
	 * name winning
	 * @return their table
	 */
	static ToolTable of(List<ToolNamespace> namespaces) {
		// A copy, so that a caller that changes its list afterwards changes nothing here.
		List<ToolNamespace> own = List.copyOf(namespaces);
		return new ToolTable(own, LAYOUTS.of(own));
	}

	/**
	 * @return the tool, or {@code null} when the namespace has none of that name
	 */
	@Nullable ToolFunction function(String namespace, String identifier) {
		return this.layout.shape().function(this.namespaces, namespace, identifier);
	}

	/**
	 * @return each namespace's tool identifiers, in declaration order
	 */
	Map<String, List<String>> identifiers() {
		return this.layout.shape().identifiers();
	}

	/**
	 * @return the namespace's tool identifiers, empty when there is no such namespace
	 */
	List<String> identifiersOf(String namespace) {
		return this.layout.shape().identifiersOf(namespace);
	}

	/**
	 * @return the alias of each namespace
	 */
	Map<String, String> aliases() {
		return this.layout.aliases();
	}

	/**
	 * @return each namespace's tool identifiers, in declaration order, as JSON
	 */
	String identifiersJson() {
		return this.layout.identifiersJson();
	}

	/**
	 * @return {@link #aliases()} as JSON
	 */
	String aliasesJson() {
		return this.layout.aliasesJson();
	}

	/**
	 * What the runtime is given for one shape.
	 *
	 * @param shape the shape
	 * @param aliases the alias of each namespace
	 * @param identifiersJson each namespace's identifiers as JSON
	 * @param aliasesJson {@code aliases} as JSON
	 */
	private record Layout(ToolShape shape, Map<String, String> aliases, String identifiersJson, String aliasesJson) {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		static Layout of(ToolShape shape) {
			Map<String, String> aliases = Collections
				.unmodifiableMap(ToolCallSites.aliases(shape.identifiers().keySet()));
			return new Layout(shape, aliases, JSON.writeValueAsString(shape.identifiers()),
					JSON.writeValueAsString(aliases));
		}

	}

}
