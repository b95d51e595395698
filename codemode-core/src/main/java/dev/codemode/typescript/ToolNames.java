package dev.codemode.typescript;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns tool names into the JavaScript identifiers under which a program calls them, e.g.
 * {@code codemode.get_weather(...)} for a tool named {@code get-weather}.
 * <p>
 * The rules are exactly those of {@code sanitizeToolName} in
 * {@code @cloudflare/codemode}, so that a model that learned them there, and tests
 * written against them, see the same identifiers here:
 * <ol>
 * <li>every {@code -}, {@code .} and JavaScript whitespace character becomes
 * {@code _};</li>
 * <li>every other character outside {@code [a-zA-Z0-9_$]} is dropped (non-ASCII letters
 * included);</li>
 * <li>nothing left gives {@code _};</li>
 * <li>a leading digit gets a {@code _} prefix;</li>
 * <li>a JavaScript reserved word (including the strict-mode ones and {@code undefined},
 * {@code NaN}, {@code Infinity}, {@code eval}, {@code arguments}) gets a {@code _}
 * suffix.</li>
 * </ol>
 * Examples: {@code my-tool} → {@code my_tool}, {@code 3d} → {@code _3d}, {@code delete} →
 * {@code delete_}, {@code @#$} → {@code $}, {@code 日本} → {@code _}.
 */
public final class ToolNames {

	/**
	 * The namespace of tool discovery ({@code catalog.search}, {@code catalog.describe}),
	 * which no tool may use.
	 */
	public static final String DISCOVERY_NAMESPACE = "catalog";

	// The reference list (ES reserved words, future and strict-mode reserved words, the
	// old Java-like ones that
	// ES3 reserved) plus the global values that a member must not pretend to be.
	private static final Set<String> RESERVED = Set.of("abstract", "arguments", "await", "boolean", "break", "byte",
			"case", "catch", "char", "class", "const", "continue", "debugger", "default", "delete", "do", "double",
			"else", "enum", "eval", "export", "extends", "false", "final", "finally", "float", "for", "function",
			"goto", "if", "implements", "import", "in", "instanceof", "int", "interface", "let", "long", "native",
			"new", "null", "package", "private", "protected", "public", "return", "short", "static", "super", "switch",
			"synchronized", "this", "throw", "throws", "transient", "true", "try", "typeof", "undefined", "var", "void",
			"volatile", "while", "with", "yield", "NaN", "Infinity");

	// The globals of the sandbox that a namespace would hide from programs, and the
	// discovery namespace.
	private static final Set<String> SANDBOX_GLOBALS = Set.of("globalThis", "console", "process", "JSON", "Math",
			"Object", "Array", "String", "Number", "Boolean", "Promise", "Error", "Date", "RegExp", "Map", "Set",
			"Symbol", "async", DISCOVERY_NAMESPACE);

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

	private ToolNames() {
	}

	/**
	 * Whether a namespace can hold tools: an ASCII identifier that is neither a reserved
	 * word nor a global of the sandbox (it would hide {@code console}, {@code JSON}, …
	 * from programs).
	 * @param namespace a namespace
	 * @return whether it is allowed
	 */
	public static boolean isValidNamespace(@Nullable String namespace) {
		return namespace != null && IDENTIFIER.matcher(namespace).matches() && !RESERVED.contains(namespace)
				&& !SANDBOX_GLOBALS.contains(namespace);
	}

	/**
	 * The identifier for a tool name.
	 * @param toolName the tool's name as its definition gives it; {@code null} counts as
	 * empty
	 * @return a valid JavaScript identifier that is not a reserved word
	 */
	public static String sanitize(@Nullable String toolName) {
		String sanitized = identifierCharacters(toolName);
		if (sanitized.isEmpty()) {
			return "_";
		}
		if (Character.isDigit(sanitized.charAt(0))) {
			sanitized = "_" + sanitized;
		}
		return RESERVED.contains(sanitized) ? sanitized + "_" : sanitized;
	}

	/**
	 * Rules 1 and 2: separators to {@code _}, everything else outside
	 * {@code [a-zA-Z0-9_$]} dropped.
	 * @param text any text, possibly {@code null}
	 * @return the remaining characters, possibly empty
	 */
	static String identifierCharacters(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder identifier = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '-' || c == '.' || isJavaScriptWhitespace(c)) {
				identifier.append('_');
			}
			else if (isAsciiIdentifierPart(c)) {
				identifier.append(c);
			}
		}
		return identifier.toString();
	}

	static boolean isAsciiIdentifierPart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
	}

	// What the reference's regex \s matches: JavaScript's WhiteSpace and LineTerminator,
	// which is wider than
	// Java's \s (no-break space, the Unicode space separators, the line and paragraph
	// separators, the BOM).
	private static boolean isJavaScriptWhitespace(char c) {
		return switch (c) {
			case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
					'\u3000', '\uFEFF' ->
				true;
			default -> c >= '\u2000' && c <= '\u200A';
		};
	}

}
