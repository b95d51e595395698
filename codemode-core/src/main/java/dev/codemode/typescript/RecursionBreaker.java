package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps recursive named types valid TypeScript.
 * <p>
 * TypeScript accepts a type that refers to itself inside an object member, an array or a
 * tuple ({@code type Node = { children: Node[] }}), but not through an alias, a union, an
 * intersection or {@code Record<K, V>} alone ({@code type A = A | null}: "Type alias 'A'
 * circularly references itself"). Such schemas exist ({@code {"$ref": "#"}} at the root,
 * two {@code $defs} that are each other's {@code anyOf}); they describe no value that
 * their other members do not already describe, so each reference that closes such a cycle
 * becomes {@code unknown}. Which reference closes it follows the order of the
 * declarations, so the result is deterministic.
 */
final class RecursionBreaker {

	private final Map<String, NamedTypes.NamedType> declarations = new LinkedHashMap<>();

	private final Map<String, Integer> state = new HashMap<>();

	private final Map<NamedTypes.NamedType, Set<String>> cyclic = new LinkedHashMap<>();

	private RecursionBreaker(List<NamedTypes.NamedType> declarations) {
		declarations.forEach((declaration) -> this.declarations.put(declaration.name(), declaration));
	}

	static void breakCycles(NamedTypes declarations) {
		new RecursionBreaker(declarations.all()).run();
	}

	private void run() {
		for (NamedTypes.NamedType declaration : this.declarations.values()) {
			if (!this.state.containsKey(declaration.name())) {
				visit(declaration);
			}
		}
		this.cyclic.forEach((declaration, targets) -> declaration.define(withoutReferences(declaration.body(), targets),
				declaration.doc()));
	}

	// Depth-first over "refers to without deferral"; an edge to a type still on the stack
	// closes a cycle.
	private void visit(NamedTypes.NamedType declaration) {
		String name = declaration.name();
		this.state.put(name, 1);
		for (String target : immediateReferences(declaration.body())) {
			NamedTypes.NamedType targetDeclaration = this.declarations.get(target);
			if (targetDeclaration == null) {
				continue;
			}
			Integer targetState = this.state.get(target);
			if (targetState == null) {
				visit(targetDeclaration);
			}
			else if (targetState == 1) {
				this.cyclic.computeIfAbsent(declaration, (key) -> new LinkedHashSet<>()).add(target);
			}
		}
		this.state.put(name, 2);
	}

	private static Set<String> immediateReferences(TsType type) {
		Set<String> names = new LinkedHashSet<>();
		collect(type, names);
		return names;
	}

	private static void collect(TsType type, Set<String> names) {
		if (type instanceof TsType.Reference reference) {
			names.add(reference.name());
		}
		else if (type instanceof TsType.Union union) {
			union.members().forEach((member) -> collect(member, names));
		}
		else if (type instanceof TsType.Intersection intersection) {
			intersection.members().forEach((member) -> collect(member, names));
		}
		else if (type instanceof TsType.RecordOf record) {
			collect(record.value(), names);
		}
	}

	private static TsType withoutReferences(TsType type, Set<String> targets) {
		if (type instanceof TsType.Reference reference) {
			return targets.contains(reference.name()) ? TsType.UNKNOWN : type;
		}
		if (type instanceof TsType.Union union) {
			return TsType.union(replaceAll(union.members(), targets));
		}
		if (type instanceof TsType.Intersection intersection) {
			return TsType.intersection(replaceAll(intersection.members(), targets));
		}
		if (type instanceof TsType.RecordOf record) {
			return new TsType.RecordOf(record.key(), withoutReferences(record.value(), targets));
		}
		return type;
	}

	private static List<TsType> replaceAll(List<TsType> types, Set<String> targets) {
		List<TsType> replaced = new ArrayList<>(types.size());
		types.forEach((type) -> replaced.add(withoutReferences(type, targets)));
		return replaced;
	}

}
