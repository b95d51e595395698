package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A TypeScript type expression, as a small tree rather than text, so that the same type
 * can be written out in full for the declarations and one level deep for an error
 * message, and so that unions and intersections can be simplified before anything is
 * written.
 */
sealed interface TsType {

	TsType UNKNOWN = new Keyword("unknown");

	TsType NEVER = new Keyword("never");

	TsType STRING = new Keyword("string");

	TsType NUMBER = new Keyword("number");

	TsType BOOLEAN = new Keyword("boolean");

	TsType NULL = new Keyword("null");

	TsType UNDEFINED = new Keyword("undefined");

	/**
	 * A union, simplified: nested unions flattened, duplicates and {@code never} dropped,
	 * {@code unknown} absorbing everything, a single member standing for itself and no
	 * member meaning {@code never}.
	 * @param types the members
	 * @return the union
	 */
	static TsType union(List<TsType> types) {
		Set<TsType> members = new LinkedHashSet<>();
		for (TsType type : types) {
			if (type.equals(UNKNOWN)) {
				return UNKNOWN;
			}
			if (type instanceof Union union) {
				members.addAll(union.members());
			}
			else if (!type.equals(NEVER)) {
				members.add(type);
			}
		}
		if (members.isEmpty()) {
			return NEVER;
		}
		return (members.size() == 1) ? members.iterator().next() : new Union(List.copyOf(members));
	}

	static TsType union(TsType... types) {
		return union(List.of(types));
	}

	/**
	 * An intersection, simplified the other way round: {@code unknown} dropped,
	 * {@code never} absorbing, no member meaning {@code unknown}.
	 * @param types the members
	 * @return the intersection
	 */
	static TsType intersection(List<TsType> types) {
		Set<TsType> members = new LinkedHashSet<>();
		for (TsType type : types) {
			if (type.equals(NEVER)) {
				return NEVER;
			}
			if (type instanceof Intersection intersection) {
				members.addAll(intersection.members());
			}
			else if (!type.equals(UNKNOWN)) {
				members.add(type);
			}
		}
		if (members.isEmpty()) {
			return UNKNOWN;
		}
		return (members.size() == 1) ? members.iterator().next() : new Intersection(List.copyOf(members));
	}

	/**
	 * This type with {@code null} allowed.
	 * @param type the type
	 * @return {@code type | null}
	 */
	static TsType nullable(TsType type) {
		return union(type, NULL);
	}

	/**
	 * This type with {@code null} taken out, for a property that Jackson leaves out
	 * instead of writing null.
	 * @param type the type
	 * @return the type without {@code null}
	 */
	static TsType withoutNull(TsType type) {
		if (type instanceof Union union) {
			List<TsType> rest = new ArrayList<>(union.members());
			rest.remove(NULL);
			return union(rest);
		}
		return type.equals(NULL) ? NEVER : type;
	}

	/**
	 * An object type with named members and possibly an index signature. TypeScript
	 * requires every named member to fit the index signature, so the index type also
	 * admits the members' types (and {@code undefined} for an optional member). Without
	 * named members this is {@code Record<string, T>}; a closed object without members is
	 * {@code Record<string, never>}, the type of {@code {}} and nothing else.
	 * @param members the named members, in order
	 * @param index the type of the other members, or {@code null} when there are none
	 * @param closed whether no other members are allowed, when {@code index} is
	 * {@code null}
	 * @return the type
	 */
	static TsType object(List<Member> members, @Nullable TsType index, boolean closed) {
		if (members.isEmpty()) {
			return new RecordOf(STRING, (index != null) ? index : closed ? NEVER : UNKNOWN);
		}
		TsType admitted = index;
		if (index != null && !index.equals(UNKNOWN)) {
			List<TsType> types = new ArrayList<>(List.of(index));
			for (Member member : members) {
				types.add(member.type());
				if (member.optional()) {
					types.add(UNDEFINED);
				}
			}
			admitted = union(types);
		}
		return new ObjectType(List.copyOf(members), admitted);
	}

	/** A predefined type: {@code string}, {@code unknown}, … */
	record Keyword(String name) implements TsType {
	}

	/**
	 * A literal type, already written as TypeScript source: {@code "C"}, {@code 42},
	 * {@code true}.
	 */
	record Literal(String source) implements TsType {
	}

	/** A reference to a named type declared elsewhere in the same declarations. */
	record Reference(String name) implements TsType {
	}

	/** {@code T[]}. */
	record ArrayOf(TsType element) implements TsType {
	}

	/**
	 * A tuple: {@code [A, B?, ...C[]]}.
	 *
	 * @param elements the element types
	 * @param required how many leading elements are required; the others are optional
	 * @param rest the type of further elements, or {@code null} when there are none
	 */
	record Tuple(List<TsType> elements, int required, @Nullable TsType rest) implements TsType {
	}

	/**
	 * {@code Record<K, V>}, or {@code Partial<Record<K, V>>} when the keys are a closed
	 * set of literals (a Java map with enum keys) because such a map need not hold every
	 * key.
	 */
	record RecordOf(TsType key, TsType value) implements TsType {
	}

	/**
	 * An object type literal.
	 *
	 * @param members the named members, in order
	 * @param index the type of other members ({@code [key: string]: T}), or {@code null}
	 * when there are none
	 */
	record ObjectType(List<Member> members, @Nullable TsType index) implements TsType {
	}

	/** A member of an {@link ObjectType}. */
	record Member(String name, boolean optional, TsType type, JsDoc doc) {
	}

	/** {@code A | B}; build with {@link TsType#union(List)}. */
	record Union(List<TsType> members) implements TsType {
	}

	/** {@code A & B}; build with {@link TsType#intersection(List)}. */
	record Intersection(List<TsType> members) implements TsType {
	}

}
