package dev.codemode.typescript;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The declarations of a set of tools: layout, namespaces, identifiers, type names,
 * signatures, determinism.
 */
class TypeScriptDeclarationsTests {

	private static final String WEATHER_SCHEMA = """
			{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
			 "properties": {"location": {"type": "string", "description": "City name"},
			                "unit": {"type": "string", "enum": ["C", "F"]}},
			 "required": ["location"], "additionalProperties": false}""";

	private static ToolSignature tool(String name, String inputSchema) {
		return new ToolSignature("codemode", name, "The " + name + " tool", inputSchema, null, null);
	}

	@Test
	void declaresTypesThenTheNamespaceWithOneFunctionMemberPerTool() {
		TypeScriptDeclarations declarations = TypeScriptDeclarations.generate(List
			.of(new ToolSignature("codemode", "getWeather", "Get the weather", WEATHER_SCHEMA, String.class, null)));
		assertThat(declarations.text()).isEqualTo("""
				type GetWeatherInput = {
				    /** City name */
				    location: string;
				    unit?: "C" | "F";
				}
				type GetWeatherOutput = string

				declare const codemode: {
				    /**
				     * Get the weather
				     */
				    getWeather: (input: GetWeatherInput) => Promise<GetWeatherOutput>;
				}""");
		assertThat(declarations).hasToString(declarations.text());
	}

	@Test
	void noToolsStillDeclareTheCodemodeNamespace() {
		assertThat(TypeScriptDeclarations.generate(List.of()).text()).isEqualTo("declare const codemode: {}");
	}

	@Test
	void eachNamespaceIsDeclaredOnceInFirstSeenOrder() {
		TypeScriptDeclarations declarations = TypeScriptDeclarations
			.generate(List.of(new ToolSignature("github", "list_issues", null, "{}", null, null), tool("search", "{}"),
					new ToolSignature("github", "get_issue", null, "{}", null, null)));
		String text = declarations.text();
		assertThat(text).containsOnlyOnce("declare const github: {").containsOnlyOnce("declare const codemode: {");
		assertThat(text.indexOf("declare const github")).isLessThan(text.indexOf("declare const codemode"));
		assertThat(declarations.identifiers("github")).containsExactly("list_issues", "get_issue");
		assertThat(declarations.identifiers("codemode")).containsExactly("search");
		assertThat(declarations.identifiers("nowhere")).isEmpty();
	}

	@Test
	void toolNamesAreSanitizedIntoIdentifiers() {
		TypeScriptDeclarations declarations = TypeScriptDeclarations.generate(List.of(tool("get-weather", "{}"),
				tool("delete", "{}"), tool("3d.render", "{}"), tool("class", "{}"), tool("__proto__", "{}")));
		assertThat(declarations.identifiers("codemode")).containsExactly("get_weather", "delete_", "_3d_render",
				"class_", "__proto__");
		assertThat(declarations.text()).contains("    delete_: (input: Delete_Input) => Promise<Delete_Output>;",
				"    _3d_render: (input: _3dRenderInput) => Promise<_3dRenderOutput>;",
				"    __proto__: (input: _Proto__Input) => Promise<_Proto__Output>;");
	}

	@Test
	void toolsWithoutADescriptionAreDescribedByTheirName() {
		assertThat(
				TypeScriptDeclarations.generate(List.of(new ToolSignature("codemode", "ping", " ", "{}", null, null)))
					.text())
			.contains("    /**\n     * ping\n     */\n    ping:");
	}

	@Test
	void typeNamesOfToolsWhoseIdentifiersLookAlikeDoNotCollide() {
		TypeScriptDeclarations declarations = TypeScriptDeclarations
			.generate(List.of(tool("get_item", "{}"), tool("getItem", "{}"), tool("GetItem", "{}")));
		assertThat(declarations.text()).contains("type GetItemInput = ", "type GetItem2Input = ",
				"type GetItem3Input = ", "get_item: (input: GetItemInput) => Promise<GetItemOutput>;",
				"getItem: (input: GetItem2Input) => Promise<GetItem2Output>;",
				"GetItem: (input: GetItem3Input) => Promise<GetItem3Output>;");
	}

	@Test
	void theSameToolNameInTwoNamespacesGetsTwoTypeNames() {
		TypeScriptDeclarations declarations = TypeScriptDeclarations
			.generate(List.of(tool("search", "{}"), new ToolSignature("github", "search", null, "{}", null, null)));
		assertThat(declarations.text()).contains("search: (input: SearchInput) => Promise<SearchOutput>;",
				"search: (input: Search2Input) => Promise<Search2Output>;");
	}

	@Test
	void toolNamesThatSanitizeToTheSameIdentifierAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TypeScriptDeclarations.generate(List.of(tool("get-item", "{}"), tool("get_item", "{}"))))
			.withMessageContaining("'get-item' and 'get_item'")
			.withMessageContaining("codemode.get_item");
	}

	@Test
	void toolTypeNamesComeBeforeDefsNamesOfEarlierTools() {
		String defsNamedLikeTheSecondTool = """
				{"type": "object", "properties": {"s": {"$ref": "#/$defs/SearchInput"}},
				 "$defs": {"SearchInput": {"type": "string"}}}""";
		String text = TypeScriptDeclarations.generate(List.of(tool("find", defsNamedLikeTheSecondTool),
				tool("search", "{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\"}}}")))
			.text();
		assertThat(text).contains("type SearchInput = {\n    q?: string;\n}", "s?: FindSearchInput;",
				"type FindSearchInput = string");
	}

	@Test
	void identicalDefsOfTwoToolsAreSharedAndDifferentOnesAreNamedPerTool() {
		String addressOne = """
				{"type": "object", "properties": {"a": {"$ref": "#/$defs/Address"}, "i": {"$ref": "#/$defs/Item"}},
				 "$defs": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}},
				           "Item": {"type": "string"}}}""";
		String addressTwo = """
				{"type": "object", "properties": {"a": {"$ref": "#/$defs/Address"}, "i": {"$ref": "#/$defs/Item"}},
				 "$defs": {"Address": {"type": "object", "properties": {"city": {"type": "string"}}},
				           "Item": {"type": "number"}}}""";
		String text = TypeScriptDeclarations.generate(List.of(tool("ship", addressOne), tool("bill", addressTwo)))
			.text();
		assertThat(text).containsOnlyOnce("type Address = ").contains("type Item = string", "type BillItem = number");
		assertThat(text).contains("type BillInput = {\n    a?: Address;\n    i?: BillItem;\n}");
	}

	@Test
	void aReferenceToTheRootOfAToolSchemaIsItsInputType() {
		String text = TypeScriptDeclarations.generate(List.of(tool("tree",
				"{\"type\": \"object\", \"properties\": {\"children\": {\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}}}")))
			.text();
		assertThat(text).contains("type TreeInput = {\n    children?: TreeInput[];\n}");
	}

	@Test
	void resultSchemasGiveTheOutputTypeAndWinOverAJavaType() {
		String text = TypeScriptDeclarations
			.generate(List.of(new ToolSignature("codemode", "count", null, "{}", String.class,
					"{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}, \"required\": [\"n\"]}")))
			.text();
		assertThat(text).contains("type CountOutput = {\n    n: number;\n}");
	}

	@Test
	void aSchemaThatIsNotJsonMakesOnlyThatTypeUnknown() {
		String text = TypeScriptDeclarations.generate(List.of(tool("broken", "{\"type\": "),
				new ToolSignature("codemode", "fine", null, WEATHER_SCHEMA, null, "not json")))
			.text();
		assertThat(text).contains("type BrokenInput = unknown", "type FineInput = {", "type FineOutput = unknown");
	}

	@Test
	void signaturesAreOneLineWithTheInputMembersWrittenOut() {
		String nested = """
				{"type": "object", "properties": {"filter": {"type": "object", "properties": {"tag": {"type": "string"}}},
				 "ids": {"type": "array", "items": {"type": "integer"}}}, "required": ["ids"]}""";
		TypeScriptDeclarations declarations = TypeScriptDeclarations.generate(List.of(
				new ToolSignature("codemode", "getWeather", "Get the weather", WEATHER_SCHEMA, String.class, null),
				new ToolSignature("codemode", "find-all", null, nested, null, null),
				new ToolSignature("github", "ping", null, null, void.class, null)));
		assertThat(declarations.signature("codemode", "getWeather"))
			.isEqualTo("codemode.getWeather(input: { location: string; unit?: \"C\" | \"F\" }): Promise<string>");
		assertThat(declarations.signature("codemode", "find_all"))
			.isEqualTo("codemode.find_all(input: { filter?: { ... }; ids: number[] }): Promise<unknown>");
		assertThat(declarations.signature("github", "ping")).isEqualTo("github.ping(input: unknown): Promise<string>");
		assertThat(declarations.signature("codemode", "find-all")).isNull();
		assertThat(declarations.signature("github", "getWeather")).isNull();
	}

	@Test
	void generationIsDeterministic() {
		List<ToolSignature> tools = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			tools.add(tool("tool-" + i, "{\"type\": \"object\", \"properties\": {\"x\": {\"$ref\": \"#/$defs/X\"}},"
					+ " \"$defs\": {\"X\": {\"const\": " + (i % 3) + "}}}"));
		}
		String first = TypeScriptDeclarations.generate(tools).text();
		for (int run = 0; run < 5; run++) {
			assertThat(TypeScriptDeclarations.generate(tools).text()).isEqualTo(first);
		}
		assertThat(first).contains("type X = 0", "type Tool_1X = 1", "type Tool_2X = 2").doesNotContain("Tool_3X");
	}

	@Test
	void aToolSignatureComesFromASpringAiToolDefinition() {
		ToolDefinition definition = ToolDefinition.builder()
			.name("getWeather")
			.description("Get the weather")
			.inputSchema(WEATHER_SCHEMA)
			.build();
		ToolSignature signature = ToolSignature.of(definition);
		assertThat(signature)
			.isEqualTo(new ToolSignature("codemode", "getWeather", "Get the weather", WEATHER_SCHEMA, null, null));
	}

	@Test
	void aNamespaceMustBeAnIdentifierAlready() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ToolSignature("my-tools", "x", null, "{}", null, null))
			.withMessageContaining("'my_tools'");
		assertThatIllegalArgumentException().isThrownBy(() -> new ToolSignature("delete", "x", null, "{}", null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new ToolSignature("日本", "x", null, "{}", null, null));
		assertThatNullPointerException().isThrownBy(() -> new ToolSignature(null, "x", null, "{}", null, null));
		assertThatNullPointerException().isThrownBy(() -> new ToolSignature("codemode", null, null, "{}", null, null));
	}

}
