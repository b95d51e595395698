package dev.codemode.typescript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The type names of one set of declarations: each name is handed out once, and never one
 * that TypeScript itself declares globally ({@code Promise}, {@code Record},
 * {@code Date}, the DOM's {@code Node}, …) or that cannot name a type ({@code string},
 * {@code unknown}, …). Names are handed out in the order asked, so the same tools always
 * get the same names.
 */
final class TypeNames {

	private static final Set<String> UNAVAILABLE = unavailableNames();

	private static final Pattern UNDERSCORE_LETTER = Pattern.compile("_([a-z])");

	private final Set<String> taken = new HashSet<>();

	/**
	 * The reference's {@code toPascalCase} of a sanitized tool name: {@code _x} becomes
	 * {@code X} and the first letter is upper-cased, so {@code get_item} and
	 * {@code getItem} both give {@code GetItem} (which {@link #claimToolPrefix(String)}
	 * then tells apart).
	 * @param identifier an identifier
	 * @return the Pascal-case form
	 */
	static String pascalCase(String identifier) {
		Matcher matcher = UNDERSCORE_LETTER.matcher(identifier);
		String joined = matcher.replaceAll((match) -> match.group(1).toUpperCase());
		if (!joined.isEmpty() && joined.charAt(0) >= 'a' && joined.charAt(0) <= 'z') {
			joined = Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
		}
		return joined;
	}

	/**
	 * A type name made from any text, such as the last segment of
	 * {@code #/$defs/order-item}.
	 * @param text the text
	 * @return a Pascal-case identifier, {@code Type} when the text has no identifier
	 * characters
	 */
	static String typeName(String text) {
		String identifier = ToolNames.identifierCharacters(text);
		if (identifier.isEmpty()) {
			return "Type";
		}
		if (Character.isDigit(identifier.charAt(0))) {
			identifier = "_" + identifier;
		}
		return pascalCase(identifier);
	}

	/**
	 * Takes a name that the caller chose, such as the type name given to
	 * {@link TypeScriptDeclarations#declareType(String, String)}.
	 * @param name the name
	 * @throws IllegalArgumentException if it is not an identifier or is taken
	 */
	void claimExactly(String name) {
		if (!TsSyntax.isIdentifier(name) || !this.taken.add(name)) {
			throw new IllegalArgumentException("'" + name + "' is not an available type name");
		}
	}

	/**
	 * Takes the prefix of a tool's {@code <prefix>Input} and {@code <prefix>Output}
	 * types: the preferred one, or {@code <prefix>2}, {@code <prefix>3}, … when one of
	 * the two names is not available.
	 * @param preferred the Pascal-case form of the tool's identifier
	 * @return the prefix
	 */
	String claimToolPrefix(String preferred) {
		for (int n = 1;; n++) {
			String prefix = numbered(preferred, n);
			if (isAvailable(prefix + "Input") && isAvailable(prefix + "Output")) {
				this.taken.add(prefix + "Input");
				this.taken.add(prefix + "Output");
				return prefix;
			}
		}
	}

	/**
	 * Takes a name for a named type: the preferred one, else the preferred one after the
	 * tool's prefix (so that two tools' different {@code Item}s become {@code Item} and
	 * {@code SearchItem}), else numbered.
	 * @param preferred the preferred name, an identifier
	 * @param fallbackPrefix the tool's type-name prefix, or {@code null}
	 * @return the name
	 */
	String claim(String preferred, @Nullable String fallbackPrefix) {
		if (isAvailable(preferred)) {
			this.taken.add(preferred);
			return preferred;
		}
		String base = (fallbackPrefix != null && !preferred.startsWith(fallbackPrefix)) ? fallbackPrefix + preferred
				: preferred;
		for (int n = 1;; n++) {
			String name = numbered(base, n);
			if (isAvailable(name)) {
				this.taken.add(name);
				return name;
			}
		}
	}

	private boolean isAvailable(String name) {
		return !this.taken.contains(name) && !UNAVAILABLE.contains(name);
	}

	// Item, Item2, Item3; but V1, V1_2, V1_3, so that a number never runs into the name's
	// own digits.
	private static String numbered(String name, int n) {
		if (n == 1) {
			return name;
		}
		return (Character.isDigit(name.charAt(name.length() - 1)) ? name + "_" : name) + n;
	}

	private static Set<String> unavailableNames() {
		// What TypeScript does not accept as the name of a type alias, and the keywords
		// of type positions.
		Set<String> names = new HashSet<>(Set.of("any", "unknown", "never", "number", "bigint", "boolean", "string",
				"symbol", "void", "object", "undefined", "null", "this", "true", "false", "keyof", "typeof", "infer",
				"is", "asserts", "readonly", "unique", "intrinsic"));
		try (InputStream in = TypeNames.class.getResourceAsStream("typescript-lib-types.txt")) {
			if (in == null) {
				throw new IllegalStateException("typescript-lib-types.txt is missing from the class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			reader.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach(names::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(names);
	}

}
