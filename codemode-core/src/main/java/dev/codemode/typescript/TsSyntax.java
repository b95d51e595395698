package dev.codemode.typescript;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Small pieces of TypeScript source: identifiers, quoted property names and literal
 * types.
 */
final class TsSyntax {

	private TsSyntax() {
	}

	/**
	 * Whether the text can be written as a bare property name or used as a type name.
	 * Only ASCII names count, as in the reference; any other name is quoted, which is
	 * always valid.
	 * @param name the name
	 * @return whether it is an ASCII identifier
	 */
	static boolean isIdentifier(@Nullable String name) {
		if (name == null || name.isEmpty() || Character.isDigit(name.charAt(0))) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			if (!ToolNames.isAsciiIdentifierPart(name.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A property name as it may appear in an object type: bare when it is an identifier,
	 * quoted otherwise.
	 * @param name the property name
	 * @return the source text
	 */
	static String propertyName(String name) {
		return isIdentifier(name) ? name : stringLiteral(name);
	}

	/**
	 * A double-quoted string literal with backslashes, quotes, control characters and the
	 * JavaScript line terminators escaped.
	 * @param value the string
	 * @return the source text
	 */
	static String stringLiteral(String value) {
		StringBuilder literal = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> literal.append("\\\\");
				case '"' -> literal.append("\\\"");
				case '\n' -> literal.append("\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				case '\u2028' -> literal.append("\\u2028");
				case '\u2029' -> literal.append("\\u2029");
				default -> {
					if (c <= 0x1F || c == 0x7F) {
						literal.append(String.format("\\u%04x", (int) c));
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	/**
	 * The literal type of a JSON value, as an {@code enum} or {@code const} gives it.
	 * Objects and arrays are written compactly in JSON syntax, which TypeScript reads as
	 * the object or tuple type of exactly that value, with one exception: {@code {}}
	 * would mean "any non-nullish value", so an empty object is
	 * {@code Record<string, never>}.
	 * @param value the JSON value
	 * @return the type
	 */
	static TsType literal(JsonNode value) {
		if (value.isNumber() && !isFinite(value)) {
			return TsType.NUMBER;
		}
		if (value.isNull()) {
			return TsType.NULL;
		}
		return new TsType.Literal(literalSource(value));
	}

	private static String literalSource(JsonNode value) {
		if (value.isString()) {
			return stringLiteral(value.stringValue());
		}
		if (value.isNumber()) {
			return isFinite(value) ? value.numberValue().toString() : "number";
		}
		if (value.isBoolean()) {
			return Boolean.toString(value.booleanValue());
		}
		if (value.isArray()) {
			StringBuilder tuple = new StringBuilder("[");
			for (JsonNode element : value) {
				tuple.append((tuple.length() > 1) ? "," : "").append(literalSource(element));
			}
			return tuple.append(']').toString();
		}
		if (value.isObject()) {
			if (value.isEmpty()) {
				return "Record<string, never>";
			}
			StringBuilder object = new StringBuilder("{");
			for (Map.Entry<String, JsonNode> property : value.properties()) {
				object.append((object.length() > 1) ? "," : "")
					.append(stringLiteral(property.getKey()))
					.append(':')
					.append(literalSource(property.getValue()));
			}
			return object.append('}').toString();
		}
		return "null";
	}

	// A JSON number too large for a double (1e400) has no literal type.
	private static boolean isFinite(JsonNode number) {
		return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
	}

}
