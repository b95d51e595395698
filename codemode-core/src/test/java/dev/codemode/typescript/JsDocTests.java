package dev.codemode.typescript;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSDoc on members and types: what a model needs beyond the type, and nothing that could
 * end the comment.
 */
class JsDocTests {

	private static String declare(String schema) {
		return TypeScriptDeclarations.declareType("T", schema.replace('\'', '"'));
	}

	@Test
	void aDescriptionAloneIsOneLine() {
		assertThat(declare("{'properties': {'city': {'type': 'string', 'description': 'City name'}}}"))
			.isEqualTo("type T = {\n    /** City name */\n    city?: string;\n}");
	}

	@Test
	void everyDocumentedKeywordIsATagInAFixedOrder() {
		assertThat(declare("{'properties': {'n': {'type': 'integer', 'deprecated': true, 'maximum': 10, 'minimum': 1,"
				+ " 'exclusiveMaximum': 11, 'exclusiveMinimum': 0, 'multipleOf': 2, 'examples': [2, 4], 'default': 2,"
				+ " 'description': 'How many', 'format': 'int32'}}}"))
			.isEqualTo("""
					type T = {
					    /**
					     * How many
					     * @format int32
					     * @default 2
					     * @example 2
					     * @example 4
					     * @minimum 1
					     * @exclusiveMinimum 0
					     * @maximum 10
					     * @exclusiveMaximum 11
					     * @multipleOf 2
					     * @deprecated
					     */
					    n?: number;
					}""");
	}

	@Test
	void stringArrayAndObjectConstraintsAreTags() {
		assertThat(declare(
				"{'properties': {'s': {'type': 'string', 'minLength': 1, 'maxLength': 3, 'pattern': '^[A-Z]{3}$', 'example': 'NOK'},"
						+ " 'a': {'type': 'array', 'minItems': 1, 'maxItems': 5, 'uniqueItems': true},"
						+ " 'o': {'type': 'object', 'minProperties': 1, 'maxProperties': 2, 'default': {'x': 1}}}}"))
			.isEqualTo("""
					type T = {
					    /**
					     * @example "NOK"
					     * @minLength 1
					     * @maxLength 3
					     * @pattern ^[A-Z]{3}$
					     */
					    s?: string;
					    /**
					     * @minItems 1
					     * @maxItems 5
					     * @uniqueItems
					     */
					    a?: unknown[];
					    /**
					     * @default {"x":1}
					     * @minProperties 1
					     * @maxProperties 2
					     */
					    o?: Record<string, unknown>;
					}""");
	}

	@Test
	void falseFlagsAndBlankDescriptionsAddNothing() {
		assertThat(declare(
				"{'properties': {'a': {'type': 'array', 'uniqueItems': false, 'deprecated': false, 'description': '  '}}}"))
			.isEqualTo("type T = {\n    a?: unknown[];\n}");
	}

	@Test
	void commentEndsAreEscapedWhereverTheyAppear() {
		assertThat(declare("{'properties': {'x': {'type': 'string', 'description': 'ends */ here', 'pattern': 'a*/b',"
				+ " 'default': '*/', 'format': 'x*/y'}}}"))
			.isEqualTo("""
					type T = {
					    /**
					     * ends *\\/ here
					     * @format x*\\/y
					     * @default "*\\/"
					     * @pattern a*\\/b
					     */
					    x?: string;
					}""")
			.doesNotContain("*/ here", "a*/b");
	}

	@Test
	void multiLineDescriptionsKeepTheirLinesAndParagraphs() {
		assertThat(declare(
				"{'properties': {'x': {'type': 'string', 'description': '\\nFirst line\\r\\nsecond line   \\n\\nNew paragraph\\u2028last\\n'}}}"))
			.isEqualTo("""
					type T = {
					    /**
					     * First line
					     * second line
					     *
					     * New paragraph
					     * last
					     */
					    x?: string;
					}""");
	}

	@Test
	void tagValuesStayOnOneLine() {
		assertThat(declare("{'properties': {'x': {'type': 'string', 'format': 'a\\nb', 'default': 'one\\ntwo'}}}"))
			.contains(" * @format a b\n", " * @default \"one\\ntwo\"\n");
	}

	@Test
	void theRootSchemaAndNamedTypesCarryTheirOwnDoc() {
		assertThat(declare(
				"{'description': 'The input', 'properties': {'a': {'$ref': '#/$defs/A'}}, '$defs': {'A': {'type': 'string', 'format': 'email'}}}"))
			.isEqualTo("""
					/** The input */
					type T = {
					    a?: A;
					}
					/** @format email */
					type A = string""");
	}

	@Test
	void toolDescriptionsAreBlocksOnTheFunctionMember() {
		String text = TypeScriptDeclarations
			.generate(java.util.List.of(new ToolSignature("codemode", "find",
					"Find things.\n\nReturns at most 10 */ results.", "{}", null, null)))
			.text();
		assertThat(text).contains("    /**\n     * Find things.\n     *\n     * Returns at most 10 *\\/ results.\n"
				+ "     */\n    find: (input: FindInput) => Promise<FindOutput>;");
	}

}
