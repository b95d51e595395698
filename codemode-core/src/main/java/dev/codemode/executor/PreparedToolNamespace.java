package dev.codemode.executor;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A namespace's name and tool identifiers, prepared once per tool set, so that each
 * execution gets its {@link ToolNamespace} without copying them:
 * {@link #bind(IntFunction)} makes a namespace whose functions are a read-only view over
 * these identifiers, which asks for an identifier's function only when it is looked up.
 * <p>
 * Immutable and thread-safe.
 */
public final class PreparedToolNamespace {

	private final String name;

	private final List<String> identifiers;

	private final Set<String> identifierSet;

	private final Map<String, Integer> indexes;

	/**
	 * @param name the identifier of the global, e.g. {@code codemode}
	 * @param identifiers the tools' identifiers, in declaration order
	 * @throws IllegalArgumentException when an identifier is there twice
	 */
	public PreparedToolNamespace(String name, List<String> identifiers) {
		this.name = Objects.requireNonNull(name, "name");
		this.identifiers = List.copyOf(identifiers);
		Map<String, Integer> indexes = new HashMap<>();
		for (int i = 0; i < this.identifiers.size(); i++) {
			if (indexes.putIfAbsent(this.identifiers.get(i), i) != null) {
				throw new IllegalArgumentException(
						"the identifier " + this.identifiers.get(i) + " is in namespace " + name + " twice");
			}
		}
		this.indexes = indexes;
		this.identifierSet = Collections.unmodifiableSet(new LinkedHashSet<>(this.identifiers));
	}

	/**
	 * @return the identifier of the global
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the tools' identifiers, in declaration order
	 */
	public List<String> identifiers() {
		return this.identifiers;
	}

	/**
	 * The namespace of one execution: its functions are a read-only view over the
	 * prepared identifiers, in their order, and looking up the identifier at index
	 * {@code i} returns {@code functions.apply(i)}, made at the first look-up and kept
	 * (so an execution makes only the functions its program calls).
	 * @param functions makes the function of the identifier at an index; never returns
	 * {@code null}
	 * @return the namespace
	 */
	public ToolNamespace bind(IntFunction<ToolFunction> functions) {
		return new ToolNamespace(this.name, new BoundToolFunctions(this, Objects.requireNonNull(functions)));
	}

	/**
	 * @return the index of the identifier, or {@code -1} when there is none of that name
	 */
	int indexOf(Object identifier) {
		Integer index = this.indexes.get(identifier);
		return (index != null) ? index : -1;
	}

	Set<String> identifierSet() {
		return this.identifierSet;
	}

}
