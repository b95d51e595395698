package dev.codemode.executor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of tool functions, visible to a program as one global object
 * ({@code codemode} by default).
 *
 * @param name the identifier of the global, e.g. {@code codemode}
 * @param functions the functions by the identifier the program uses, in declaration order
 * (copied, unless they come from {@link PreparedToolNamespace#bind})
 */
public record ToolNamespace(String name, Map<String, ToolFunction> functions) {

	/** The namespace that holds every tool unless configured otherwise. */
	public static final String DEFAULT_NAME = "codemode";

	public ToolNamespace {
		Objects.requireNonNull(name, "name");
		// A prepared namespace's functions are already a read-only view: copying them
		// would undo what preparing saves.
		functions = (functions instanceof BoundToolFunctions) ? functions
				: Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(functions, "functions")));
	}

	/**
	 * A namespace named {@value #DEFAULT_NAME}.
	 * @param functions the functions by identifier
	 * @return the namespace
	 */
	public static ToolNamespace of(Map<String, ToolFunction> functions) {
		return new ToolNamespace(DEFAULT_NAME, functions);
	}

}
