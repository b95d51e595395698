package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The lines of a JSDoc comment, escaped so that no text can end the comment early.
 * <p>
 * Line breaks of a description are kept as lines of the comment (the reference joins them
 * into one line, which runs lists and paragraphs together).
 */
record JsDoc(List<String> lines) {

	static final JsDoc NONE = new JsDoc(List.of());

	// JavaScript's line terminators: a bare \u2028 in a description would otherwise break
	// the " * " layout.
	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n\u2028\u2029]");

	JsDoc {
		lines = List.copyOf(lines);
	}

	boolean isEmpty() {
		return lines.isEmpty();
	}

	/**
	 * The comment, or nothing when there are no lines: {@code /** text *}{@code /} for
	 * one line, a block with {@code  * } prefixes otherwise.
	 * @param indent what goes before each line
	 * @param alwaysBlock whether a single line is also written as a block (as tool
	 * descriptions are)
	 * @return the comment with a trailing line break, or the empty string
	 */
	String render(String indent, boolean alwaysBlock) {
		if (lines.isEmpty()) {
			return "";
		}
		if (lines.size() == 1 && !alwaysBlock) {
			return indent + "/** " + lines.get(0) + " */\n";
		}
		StringBuilder comment = new StringBuilder(indent).append("/**\n");
		for (String line : lines) {
			comment.append(indent).append(line.isEmpty() ? " *" : " * " + line).append('\n');
		}
		return comment.append(indent).append(" */\n").toString();
	}

	static Builder builder() {
		return new Builder();
	}

	/**
	 * Escapes {@code *}{@code /}, which would end the comment, as {@code *\/}.
	 * @param text the text
	 * @return the text, safe inside a block comment
	 */
	static String escape(String text) {
		return text.replace("*/", "*\\/");
	}

	/** Collects a description and tags in the order they should be read. */
	static final class Builder {

		private final List<String> lines = new ArrayList<>();

		/**
		 * Adds a description; blank descriptions add nothing, blank lines at either end
		 * are dropped, trailing spaces are trimmed, and inner blank lines stay as
		 * paragraph breaks.
		 * @param description the text, possibly {@code null} or multi-line
		 * @return this builder
		 */
		Builder description(@Nullable String description) {
			if (description == null || description.isBlank()) {
				return this;
			}
			List<String> text = new ArrayList<>();
			for (String line : LINE_BREAK.split(description.strip(), -1)) {
				text.add(escape(line.stripTrailing()));
			}
			lines.addAll(text);
			return this;
		}

		/**
		 * Adds a tag such as {@code @format date-time}; a value with line breaks is
		 * joined into one line.
		 * @param name the tag name without {@code @}
		 * @param value the value, or {@code null} for a tag without one (like
		 * {@code @deprecated})
		 * @return this builder
		 */
		Builder tag(String name, @Nullable String value) {
			String line = "@" + name;
			if (value != null && !value.isEmpty()) {
				line += " " + escape(LINE_BREAK.matcher(value).replaceAll(" "));
			}
			lines.add(line);
			return this;
		}

		JsDoc build() {
			return lines.isEmpty() ? NONE : new JsDoc(lines);
		}

	}

}
