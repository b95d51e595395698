package dev.codemode.executor.toolset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

/**
 * What an executor needs of a tool set that does not change from one execution to the
 * next: each namespace's name and identifiers, in order, and which of the given
 * namespaces holds each tool. Two namespaces of one name are merged, the later tool of an
 * identifier winning. Equal shapes are equal by every name and identifier, in order
 * (never by a hash alone); the functions themselves are not part of it, so one shape
 * serves every execution of its tool set.
 * <p>
 * Internal to codemode: not an API, and it may change without notice.
 */
public final class ToolShape {

	/** Each given namespace's name and identifiers, in order: what equality compares. */
	private final List<Map.Entry<String, List<String>>> given;

	private final Map<String, List<String>> identifiers;

	/**
	 * For each namespace and identifier, the index of the given namespace that holds it.
	 */
	private final Map<String, Map<String, Integer>> holders;

	private final int hash;

	private ToolShape(List<Map.Entry<String, List<String>>> given) {
		this.given = given;
		Map<String, Map<String, Integer>> holders = new LinkedHashMap<>();
		for (int i = 0; i < given.size(); i++) {
			Map<String, Integer> holder = holders.computeIfAbsent(given.get(i).getKey(),
					(name) -> new LinkedHashMap<>());
			for (String identifier : given.get(i).getValue()) {
				holder.put(identifier, i);
			}
		}
		Map<String, List<String>> identifiers = new LinkedHashMap<>();
		holders.forEach((name, holder) -> identifiers.put(name, List.copyOf(holder.keySet())));
		this.identifiers = Collections.unmodifiableMap(identifiers);
		this.holders = holders;
		this.hash = given.hashCode();
	}

	/**
	 * @param namespaces the namespaces of an execution
	 * @return their shape
	 */
	public static ToolShape of(List<ToolNamespace> namespaces) {
		List<Map.Entry<String, List<String>>> given = new ArrayList<>(namespaces.size());
		for (ToolNamespace namespace : namespaces) {
			given.add(Map.entry(namespace.name(), List.copyOf(namespace.functions().keySet())));
		}
		return new ToolShape(List.copyOf(given));
	}

	/**
	 * Whether the namespaces have this shape: the same names and identifiers, in the same
	 * order. Allocates nothing but iterators.
	 * @param namespaces the namespaces of an execution
	 * @return whether they match
	 */
	public boolean matches(List<ToolNamespace> namespaces) {
		if (namespaces.size() != this.given.size()) {
			return false;
		}
		for (int i = 0; i < namespaces.size(); i++) {
			ToolNamespace namespace = namespaces.get(i);
			Map.Entry<String, List<String>> expected = this.given.get(i);
			if (!expected.getKey().equals(namespace.name())
					|| namespace.functions().size() != expected.getValue().size()) {
				return false;
			}
			Iterator<String> identifiers = expected.getValue().iterator();
			for (String identifier : namespace.functions().keySet()) {
				if (!identifier.equals(identifiers.next())) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * @return each namespace's tool identifiers, merged by name, in declaration order
	 */
	public Map<String, List<String>> identifiers() {
		return this.identifiers;
	}

	/**
	 * @return the namespace's tool identifiers, empty when there is no such namespace
	 */
	public List<String> identifiersOf(String namespace) {
		return this.identifiers.getOrDefault(namespace, List.of());
	}

	/**
	 * @param namespaces namespaces of this shape (see {@link #matches(List)})
	 * @param namespace a namespace's name
	 * @param identifier a tool's identifier
	 * @return the tool, or {@code null} when the namespace has none of that name
	 */
	public @Nullable ToolFunction function(List<ToolNamespace> namespaces, String namespace, String identifier) {
		Integer holder = this.holders.getOrDefault(namespace, Map.of()).get(identifier);
		return (holder != null) ? namespaces.get(holder).functions().get(identifier) : null;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ToolShape shape && this.hash == shape.hash && this.given.equals(shape.given);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return this.identifiers.toString();
	}

}
