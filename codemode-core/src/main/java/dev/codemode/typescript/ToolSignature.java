package dev.codemode.typescript;

import java.lang.reflect.Type;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * One tool to declare: what a program calls and what it gets back.
 * <p>
 * The result's type comes from {@code resultSchema} when there is one, else from
 * {@code resultType}; with neither, it is {@code unknown}.
 *
 * @param namespace the object the tool is a member of in the sandbox, such as
 * {@code codemode}; it must be a valid identifier already (it is chosen by the
 * application, not by a tool)
 * @param name the tool's original name, as its {@link ToolDefinition#name()} gives it;
 * the declarations use the identifier {@link ToolNames#sanitize(String)} makes of it
 * @param description the tool's description, or {@code null}
 * @param inputSchema the JSON Schema of the tool's input, as
 * {@link ToolDefinition#inputSchema()} gives it, or {@code null} when unknown
 * @param resultType the Java return type of a {@code @Tool} method, or {@code null}
 * @param resultSchema a JSON Schema of the result when one is known (such as an MCP
 * tool's {@code outputSchema}), or {@code null}
 */
public record ToolSignature(String namespace, String name, @Nullable String description, @Nullable String inputSchema,
		@Nullable Type resultType, @Nullable String resultSchema) {

	static final String DEFAULT_NAMESPACE = "codemode";

	/**
	 * Checks the namespace and name; see the class description for the components.
	 * @throws IllegalArgumentException if the namespace is not a valid identifier
	 */
	public ToolSignature {
		Objects.requireNonNull(namespace, "namespace must not be null");
		Objects.requireNonNull(name, "name must not be null");
		if (!TsSyntax.isIdentifier(namespace) || !ToolNames.sanitize(namespace).equals(namespace)) {
			throw new IllegalArgumentException("namespace '" + namespace + "' is not a valid identifier; try '"
					+ ToolNames.sanitize(namespace) + "'");
		}
	}

	/**
	 * A tool of the {@code codemode} namespace whose result is not known, from its Spring
	 * AI definition.
	 * @param definition the tool's definition
	 * @return the signature
	 */
	public static ToolSignature of(ToolDefinition definition) {
		return new ToolSignature(DEFAULT_NAMESPACE, definition.name(), definition.description(),
				definition.inputSchema(), null, null);
	}

}
