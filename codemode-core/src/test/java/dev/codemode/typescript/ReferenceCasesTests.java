package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code jsonSchemaToType} and {@code generateTypesFromJsonSchema} case of the
 * reference corpus. Ours must equal the reference's output up to whitespace, except where
 * we deliberately write something more faithful: those cases are listed below, each with
 * what we write instead and why, and each override is checked to still differ from the
 * reference so that none goes stale.
 */
class ReferenceCasesTests {

	/** What we write instead of the reference, and why. */
	record Override(String expected, String reason) {
	}

	private static final Map<Integer, Override> SCHEMA_OVERRIDES = Map.of(7, new Override("""
			type T = {
			    address?: Address;
			}
			type Address = {
			    street?: string;
			    city?: string;
			}""", "a $ref becomes a named type, declared once and shared by every use"), 10, new Override("""
			type T = {
			    child?: T;
			}""", "a reference to the root (#) is the root's own type, not unknown"), 22,
			new Override("type T = Record<string, never>",
					"{} would accept any non-null value; Record<string, never> accepts only an object without members"),
			26, new Override("""
					type T = {
					    /**
					     * Line one
					     * Line two
					     * Line three
					     */
					    field?: string;
					}""", "line breaks of a description stay JSDoc lines instead of running together"), 27,
			new Override("""
					type T = {
					    a: string;
					} | null""", "type [\"object\", \"null\"] keeps its null"), 28, new Override("""
					type T = TNode
					type TNode = {
					    value?: number;
					    children?: TNode[];
					}""", "a recursive $defs entry is a named recursive type; Node is a DOM global, so it is TNode"),
			31, new Override(nestedObjects(30, "string"),
					"nesting is cut at depth " + SchemaConverter.MAX_DEPTH + ", not 20, so all 30 levels are kept"));

	private static final Map<Integer, Override> GENERATE_OVERRIDES = Map.of(0, new Override("""
			type GetWeatherInput = {
			    /** City name */
			    city: string;
			    units?: "celsius" | "fahrenheit";
			}
			type GetWeatherOutput = unknown

			declare const codemode: {
			    /**
			     * Get weather for a city
			     */
			    getWeather: (input: GetWeatherInput) => Promise<GetWeatherOutput>;
			}""", "no @param input.city line: the JSDoc of the input type's member says the same"), 3, new Override("""
			type XInput = Record<string, unknown>
			type XOutput = unknown
			type MultiLineInput = {
			    x?: string;
			}
			type MultiLineOutput = unknown
			type BaddescInput = Record<string, unknown>
			type BaddescOutput = unknown

			declare const codemode: {
			    /**
			     * x
			     */
			    x: (input: XInput) => Promise<XOutput>;

			    /**
			     * Tool that does
			     * multiple things
			     * on multiple lines
			     */
			    multi_line: (input: MultiLineInput) => Promise<MultiLineOutput>;

			    /**
			     * A tool with *\\/ in description
			     */
			    baddesc: (input: BaddescInput) => Promise<BaddescOutput>;
			}""", "line breaks of a tool description stay JSDoc lines instead of running together"));

	static Stream<Arguments> schemaCases() {
		List<JsonNode> cases = TypeCases.of("jsonSchemaToType");
		return IntStream.range(0, cases.size()).mapToObj((i) -> Arguments.of(i, cases.get(i)));
	}

	static Stream<Arguments> generateCases() {
		List<JsonNode> cases = TypeCases.of("generateTypesFromJsonSchema");
		return IntStream.range(0, cases.size()).mapToObj((i) -> Arguments.of(i, cases.get(i)));
	}

	@ParameterizedTest(name = "jsonSchemaToType #{0}")
	@MethodSource("schemaCases")
	void declaresEachSchemaLikeTheReferenceOrBetter(int index, JsonNode testCase) {
		String ours = TypeScriptDeclarations.declareType(testCase.get("typeName").stringValue(),
				testCase.get("schema").toString());
		assertMatches(ours, testCase.get("expected").stringValue(), SCHEMA_OVERRIDES.get(index));
	}

	@ParameterizedTest(name = "generateTypesFromJsonSchema #{0}")
	@MethodSource("generateCases")
	void generatesEachToolSetLikeTheReferenceOrBetter(int index, JsonNode testCase) {
		List<ToolSignature> tools = new ArrayList<>();
		for (Map.Entry<String, JsonNode> tool : testCase.get("tools").properties()) {
			JsonNode description = tool.getValue().get("description");
			tools.add(new ToolSignature("codemode", tool.getKey(),
					(description != null) ? description.stringValue() : null,
					tool.getValue().get("inputSchema").toString(), null, null));
		}
		String ours = TypeScriptDeclarations.generate(tools).text();
		assertMatches(ours, testCase.get("expected").stringValue(), GENERATE_OVERRIDES.get(index));
	}

	@Test
	void everyOverrideNamesAnExistingCase() {
		assertThat(SCHEMA_OVERRIDES.keySet()).allMatch((i) -> i < TypeCases.of("jsonSchemaToType").size());
		assertThat(GENERATE_OVERRIDES.keySet()).allMatch((i) -> i < TypeCases.of("generateTypesFromJsonSchema").size());
	}

	private static void assertMatches(String ours, String reference, Override override) {
		if (override == null) {
			assertThat(normalized(ours)).isEqualTo(normalized(reference));
		}
		else {
			assertThat(normalized(ours)).as(override.reason()).isEqualTo(normalized(override.expected()));
			assertThat(normalized(ours)).as("override no longer needed").isNotEqualTo(normalized(reference));
		}
	}

	private static String normalized(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	private static String nestedObjects(int levels, String leaf) {
		StringBuilder text = new StringBuilder("type T = ");
		for (int level = 0; level < levels; level++) {
			text.append("{ nested?: ");
		}
		text.append(leaf).append(';');
		for (int level = 0; level < levels; level++) {
			text.append(" }").append((level < levels - 1) ? ";" : "");
		}
		return text.toString();
	}

}
