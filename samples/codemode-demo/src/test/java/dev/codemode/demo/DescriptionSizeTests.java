package dev.codemode.demo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the model reads: the {@code codemode} tool's description beside the same tools
 * offered one by one, as the function definitions an OpenAI-compatible API receives. The
 * numbers go in the README.
 */
@SpringBootTest
class DescriptionSizeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	@Qualifier("codemode")
	private ToolCallback codemode;

	@Test
	void theDescriptionDeclaresEveryToolOfTheShop() {
		CodeModeToolCallback callback = ((LazyCodeModeToolCallback) this.codemode).getCallback();
		List<ToolDefinition> definitions = callback.tools()
			.stream()
			.map(CodeModeTool::callback)
			.map(ToolCallback::getToolDefinition)
			.toList();
		long oneByOne = 0;
		for (ToolDefinition definition : definitions) {
			// The shape of one function tool in a chat completions request.
			oneByOne += JSON
				.writeValueAsString(
						Map.of("type", "function", "function",
								Map.of("name", definition.name(), "description", definition.description(), "parameters",
										JSON.readTree(definition.inputSchema()))))
				.length();
		}
		ToolDefinition definition = this.codemode.getToolDefinition();
		long codemodeSize = JSON
			.writeValueAsString(
					Map.of("type", "function", "function",
							Map.of("name", definition.name(), "description", definition.description(), "parameters",
									JSON.readTree(definition.inputSchema()))))
			.length();
		System.out.printf(
				"description-size tools=%d codemode_chars=%d codemode_tokens~%d one_by_one_chars=%d "
						+ "one_by_one_tokens~%d declarations_chars=%d%n",
				definitions.size(), codemodeSize, codemodeSize / 4, oneByOne, oneByOne / 4,
				callback.declarations().length());
		assertThat(definitions).extracting(ToolDefinition::name)
			.contains("getWeather", "sendEmail", "listCustomers", "listOrders", "listProducts");
		definitions.forEach((tool) -> assertThat(definition.description()).contains(tool.name()));
	}

}
