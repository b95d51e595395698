package dev.codemode.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.codemode.tool.JsonStringResultConverter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 §3: a {@code @Tool} method declared to return {@code string} gives a program
 * exactly its string, even when the text looks like JSON; Spring AI's default converter
 * would pass such text on as JSON.
 */
class StringResultsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Texts that are valid JSON of another type, or that JSON parsing would trim. */
	static final Map<String, String> TEXTS = texts();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	private static Map<String, String> texts() {
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("number", "123");
		texts.put("null", "null");
		texts.put("array", "[1,2]");
		texts.put("quoted", "\"quoted\"");
		texts.put("empty", "");
		texts.put("padded", " 123 ");
		texts.put("object", "{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}");
		texts.put("plain", "hi");
		return texts;
	}

	@Test
	void aStringToolGivesTheProgramItsExactString() {
		this.contextRunner.withBean(TextTools.class).run((context) -> {
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			assertThat(codemode.getToolDefinition().description()).contains("type TextOutput = string");
			String program = """
					async () => {
					  const received = {};
					  for (const which of %s) {
					    const text = await codemode.text({ which });
					    received[which] = { type: typeof text, text };
					  }
					  return received;
					}""".formatted(JSON.writeValueAsString(TEXTS.keySet()));
			JsonNode output = JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", program))));
			assertThat(output.has("error")).as(output.toString()).isFalse();
			TEXTS.forEach((which, text) -> {
				JsonNode received = output.get("result").get(which);
				assertThat(received.get("type").asString()).as(which).isEqualTo("string");
				assertThat(received.get("text").asString()).as(which).isEqualTo(text);
			});
		});
	}

	@Test
	void theDefaultConverterWouldHaveChangedTheseTexts() {
		// What the program would receive without JsonStringResultConverter: the text
		// itself, which the bridge
		// parses as JSON.
		DefaultToolCallResultConverter defaults = new DefaultToolCallResultConverter();
		assertThat(defaults.convert("123", String.class)).isEqualTo("123");
		assertThat(defaults.convert("null", String.class)).isEqualTo("null");
		assertThat(defaults.convert("\"quoted\"", String.class)).isEqualTo("\"quoted\"");
		JsonStringResultConverter converter = new JsonStringResultConverter();
		assertThat(converter.convert("123", String.class)).isEqualTo("\"123\"");
		assertThat(converter.convert("\"quoted\"", String.class)).isEqualTo("\"\\\"quoted\\\"\"");
		assertThat(converter.convert(null, String.class)).isEqualTo("null");
		assertThat(converter.convert(null, void.class)).isEqualTo(defaults.convert(null, void.class));
		assertThat(converter.convert(Map.of("a", 1), Map.class)).isEqualTo("{\"a\":1}");
	}

	@Test
	void aToolWithItsOwnConverterKeepsIt() {
		this.contextRunner.withBean(TextTools.class).run((context) -> {
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			String output = codemode
				.call("{\"code\": \"async () => { const v = await codemode.raw({}); return [typeof v, v]; }\"}");
			assertThat(JSON.readTree(output).get("result").toString()).isEqualTo("[\"number\",123]");
			assertThat(codemode.getToolDefinition().description()).contains("type RawOutput = unknown");
		});
	}

	static class TextTools {

		@Tool(description = "Returns one of the test texts")
		public String text(String which) {
			return TEXTS.get(which);
		}

		@Tool(description = "Returns JSON text as it is", resultConverter = RawConverter.class)
		public String raw() {
			return "123";
		}

	}

	/**
	 * An application's own converter: the text is already the JSON it wants the program
	 * to get.
	 */
	public static final class RawConverter implements org.springframework.ai.tool.execution.ToolCallResultConverter {

		@Override
		public String convert(Object result, java.lang.reflect.Type returnType) {
			return String.valueOf(result);
		}

	}

}
