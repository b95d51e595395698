package dev.codemode.typescript;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ToolNamesTests {

	static Stream<Arguments> referenceCases() {
		return TypeCases.of("sanitizeToolName")
			.stream()
			.map((JsonNode c) -> Arguments.of(c.get("input").stringValue(), c.get("expected").stringValue()));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("referenceCases")
	void sanitizesLikeTheReference(String input, String expected) {
		assertThat(ToolNames.sanitize(input)).isEqualTo(expected);
	}

	@Test
	void emptyAndNullBecomeUnderscore() {
		assertThat(ToolNames.sanitize("")).isEqualTo("_");
		assertThat(ToolNames.sanitize(null)).isEqualTo("_");
	}

	@Test
	void javaScriptWhitespaceIsASeparatorEvenWhereJavaDoesNotCallItWhitespace() {
		assertThat(ToolNames.sanitize("get\u00A0weather")).isEqualTo("get_weather");
		assertThat(ToolNames.sanitize("get\u2003weather")).isEqualTo("get_weather");
		assertThat(ToolNames.sanitize("get\uFEFFweather")).isEqualTo("get_weather");
		assertThat(ToolNames.sanitize("a\tb\nc d")).isEqualTo("a_b_c_d");
	}

	@Test
	void separatorsAreReplacedOneForOne() {
		assertThat(ToolNames.sanitize("a--b..c")).isEqualTo("a__b__c");
		assertThat(ToolNames.sanitize("-")).isEqualTo("_");
	}

	@ParameterizedTest
	@ValueSource(strings = { "static", "yield", "implements", "interface", "package", "private", "protected", "public",
			"enum", "arguments", "NaN", "Infinity", "null", "true", "typeof", "new", "function", "return" })
	void reservedWordsGetASuffix(String word) {
		assertThat(ToolNames.sanitize(word)).isEqualTo(word + "_");
	}

	@ParameterizedTest
	@ValueSource(strings = { "of", "get", "set", "async", "from", "as", "constructor", "prototype", "toString",
			"__proto__", "Delete", "nan" })
	void contextualKeywordsAndOrdinaryNamesStay(String word) {
		assertThat(ToolNames.sanitize(word)).isEqualTo(word);
	}

	@Test
	void reservedCheckComesAfterCleaning() {
		assertThat(ToolNames.sanitize("de-lete")).isEqualTo("de_lete");
		assertThat(ToolNames.sanitize("del!ete")).isEqualTo("delete_");
	}

	@Test
	void surrogatePairsAreDropped() {
		assertThat(ToolNames.sanitize("search\uD83D\uDD0D")).isEqualTo("search");
	}

}
