package dev.codemode.demo.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the generated declarations out of the {@code codemode} tool's description, where
 * the contract puts them: in one fenced block that starts with {@code ```typescript} and
 * contains {@code declare const codemode: {}. Reading them from the description (rather
 * than from the starter's classes) shows exactly what the model gets.
 */
final class ToolDescriptions {

	private static final Pattern TYPESCRIPT_BLOCK = Pattern.compile("```typescript\\r?\\n(.*?)\\r?\\n```",
			Pattern.DOTALL);

	private ToolDescriptions() {
	}

	/**
	 * @param description a tool's description
	 * @return the TypeScript declarations, or an empty string when the description has
	 * none
	 */
	static String declarations(String description) {
		Matcher block = TYPESCRIPT_BLOCK.matcher(description);
		return block.find() ? block.group(1) : "";
	}

}
