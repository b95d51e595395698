package dev.codemode.typescript;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes {@link TsType}s as TypeScript source, either in full (object types over several
 * lines, members with their JSDoc, four spaces per level as in the reference) or on one
 * line for error messages.
 */
final class TypeRenderer {

	private static final String INDENT = "    ";

	/**
	 * Objects nested deeper than this are elided on one line: a signature should stay
	 * short.
	 */
	private static final int INLINE_OBJECT_DEPTH = 1;

	private final boolean inline;

	private TypeRenderer(boolean inline) {
		this.inline = inline;
	}

	/**
	 * The type in full, for the declarations.
	 * @param type the type
	 * @param indent the indentation of the line on which the type starts
	 * @return the source
	 */
	static String full(TsType type, String indent) {
		return new TypeRenderer(false).render(type, indent, 0);
	}

	/**
	 * The type on one line: the members of an object type written out, but objects nested
	 * in it shown as {@code { ... }}; named types stay by name.
	 * @param type the type
	 * @return the source
	 */
	static String inline(TsType type) {
		return new TypeRenderer(true).render(type, "", 0);
	}

	private String render(TsType type, String indent, int objectDepth) {
		if (type instanceof TsType.Keyword keyword) {
			return keyword.name();
		}
		if (type instanceof TsType.Literal literal) {
			return literal.source();
		}
		if (type instanceof TsType.Reference reference) {
			return reference.name();
		}
		if (type instanceof TsType.ArrayOf array) {
			return operand(array.element(), indent, objectDepth) + "[]";
		}
		if (type instanceof TsType.Tuple tuple) {
			return tuple(tuple, indent, objectDepth);
		}
		if (type instanceof TsType.RecordOf record) {
			String body = "Record<" + render(record.key(), indent, objectDepth) + ", "
					+ render(record.value(), indent, objectDepth) + ">";
			return record.key().equals(TsType.STRING) ? body : "Partial<" + body + ">";
		}
		if (type instanceof TsType.ObjectType object) {
			return inline ? inlineObject(object, objectDepth) : object(object, indent, objectDepth);
		}
		if (type instanceof TsType.Union union) {
			return join(union.members(), " | ", indent, objectDepth, false);
		}
		if (type instanceof TsType.Intersection intersection) {
			return join(intersection.members(), " & ", indent, objectDepth, true);
		}
		throw new IllegalStateException("Unexpected type " + type);
	}

	private String join(List<TsType> members, String operator, String indent, int objectDepth,
			boolean parenthesizeUnions) {
		return members.stream()
			.map((member) -> (parenthesizeUnions && member instanceof TsType.Union)
					? "(" + render(member, indent, objectDepth) + ")" : render(member, indent, objectDepth))
			.collect(Collectors.joining(operator));
	}

	// An array element or optional tuple element: unions, intersections and negative
	// literals need parentheses.
	private String operand(TsType type, String indent, int objectDepth) {
		String source = render(type, indent, objectDepth);
		boolean compound = type instanceof TsType.Union || type instanceof TsType.Intersection
				|| source.startsWith("-");
		return compound ? "(" + source + ")" : source;
	}

	private String tuple(TsType.Tuple tuple, String indent, int objectDepth) {
		StringBuilder source = new StringBuilder("[");
		List<TsType> elements = tuple.elements();
		for (int i = 0; i < elements.size(); i++) {
			source.append((i > 0) ? ", " : "");
			if (i < tuple.required()) {
				source.append(render(elements.get(i), indent, objectDepth));
			}
			else {
				source.append(operand(elements.get(i), indent, objectDepth)).append('?');
			}
		}
		if (tuple.rest() != null) {
			source.append(elements.isEmpty() ? "" : ", ")
				.append("...")
				.append(operand(tuple.rest(), indent, objectDepth))
				.append("[]");
		}
		return source.append(']').toString();
	}

	private String object(TsType.ObjectType object, String indent, int objectDepth) {
		if (object.members().isEmpty() && object.index() == null) {
			return "{}";
		}
		String inner = indent + INDENT;
		StringBuilder source = new StringBuilder("{\n");
		for (TsType.Member member : object.members()) {
			source.append(member.doc().render(inner, false))
				.append(inner)
				.append(TsSyntax.propertyName(member.name()))
				.append(member.optional() ? "?: " : ": ")
				.append(render(member.type(), inner, objectDepth + 1))
				.append(";\n");
		}
		if (object.index() != null) {
			source.append(inner)
				.append("[key: string]: ")
				.append(render(object.index(), inner, objectDepth + 1))
				.append(";\n");
		}
		return source.append(indent).append('}').toString();
	}

	private String inlineObject(TsType.ObjectType object, int objectDepth) {
		if (object.members().isEmpty() && object.index() == null) {
			return "{}";
		}
		if (objectDepth >= INLINE_OBJECT_DEPTH) {
			return "{ ... }";
		}
		StringBuilder source = new StringBuilder("{ ");
		for (TsType.Member member : object.members()) {
			source.append((source.length() > 2) ? "; " : "")
				.append(TsSyntax.propertyName(member.name()))
				.append(member.optional() ? "?: " : ": ")
				.append(render(member.type(), "", objectDepth + 1));
		}
		if (object.index() != null) {
			source.append((source.length() > 2) ? "; " : "")
				.append("[key: string]: ")
				.append(render(object.index(), "", objectDepth + 1));
		}
		return source.append(" }").toString();
	}

}
