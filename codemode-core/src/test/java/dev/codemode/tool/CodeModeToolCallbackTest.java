package dev.codemode.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static dev.codemode.tool.TestTools.LOCATION_SCHEMA;
import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CodeModeToolCallbackTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static GraalJsCodeExecutor executor;

	private final Map<String, Object> seenContext = new ConcurrentHashMap<>();

	private final AtomicInteger weatherCalls = new AtomicInteger();

	@BeforeAll
	static void startExecutor() {
		// Generous: these tests are about behaviour, and a loaded build machine is slow.
		executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
		executor.warmUp();
	}

	@AfterAll
	static void stopExecutor() {
		executor.close();
	}

	private CodeModeToolCallback codemode() {
		return CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(
					List.of(tool("getWeather", "Get the weather for a city.", LOCATION_SCHEMA, (input, context) -> {
						this.weatherCalls.incrementAndGet();
						if (context != null) {
							this.seenContext.putAll(context.getContext());
						}
						String location = JSON.readTree(input).get("location").asString();
						return JSON.writeValueAsString("Weather in " + location + ": 72F, sunny");
					}), tool("add", "Add two numbers.",
							"{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}",
							(input, context) -> {
								JsonNode node = JSON.readTree(input);
								return String.valueOf(node.get("a").asDouble() + node.get("b").asDouble());
							})))
			.build();
	}

	private static JsonNode call(CodeModeToolCallback codemode, String code) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", code))));
	}

	@Test
	void definitionIsNamedCodemodeAndTakesOneRequiredStringCode() {
		CodeModeToolCallback codemode = codemode();
		JsonNode schema = JSON.readTree(codemode.getToolDefinition().inputSchema());
		assertThat(codemode.getToolDefinition().name()).isEqualTo("codemode");
		assertThat(schema.path("type").asString()).isEqualTo("object");
		assertThat(schema.path("properties").path("code").path("type").asString()).isEqualTo("string");
		assertThat(schema.path("required")).containsExactly(JSON.getNodeFactory().stringNode("code"));
	}

	@Test
	void descriptionHoldsTheDeclarationsInOneTypeScriptBlock() {
		String description = codemode().getToolDefinition().description();
		int fence = description.indexOf("```typescript\n");
		assertThat(fence).isNotNegative();
		assertThat(description.indexOf("```typescript\n", fence + 1)).isNegative();
		String block = description.substring(fence, description.indexOf("```", fence + 3));
		assertThat(block).contains("declare const codemode: {").contains("getWeather").contains("add");
		assertThat(description).contains("Promise.all")
			.contains("no Node.js")
			.contains("s per program")
			.contains("codemode.getWeather({ location: \"...\" })");
	}

	@Test
	void runsAProgramThatCallsTwoToolsInParallelAndPassesTheToolContext() {
		CodeModeToolCallback codemode = codemode();
		String input = JSON.writeValueAsString(Map.of("code",
				"""
						async () => {
						  const [w, sum] = await Promise.all([codemode.getWeather({ location: "Oslo" }), codemode.add({ a: 1, b: 2 })]);
						  console.log("got", { w });
						  return { w, sum };
						}"""));
		JsonNode result = JSON.readTree(codemode.call(input, new ToolContext(Map.of("tenant", "acme"))));
		assertThat(result.path("result").path("w").asString()).isEqualTo("Weather in Oslo: 72F, sunny");
		assertThat(result.path("result").path("sum").asDouble()).isEqualTo(3.0);
		assertThat(result.path("logs").get(0).asString()).isEqualTo("got {\"w\":\"Weather in Oslo: 72F, sunny\"}");
		assertThat(result.has("error")).isFalse();
		assertThat(this.seenContext).containsEntry("tenant", "acme");
	}

	@Test
	void inputThatIsNotJsonIsAnErrorNotAnException() {
		CodeModeToolCallback codemode = codemode();
		assertThat(JSON.readTree(codemode.call("async () => 1")).path("error").asString()).startsWith("InputError")
			.contains("not valid JSON");
		assertThat(JSON.readTree(codemode.call("{}")).path("error").asString()).contains("no \"code\"");
		assertThat(JSON.readTree(codemode.call("{\"code\": 42}")).path("error").asString())
			.contains("must be a string");
		assertThat(JSON.readTree(codemode.call("[1]")).path("error").asString()).contains("JSON object");
	}

	@Test
	void inputThatDoesNotMatchTheSchemaNamesTheToolAndShowsItsSignature() {
		JsonNode result = call(codemode(), "await codemode.getWeather('London')");
		assertThat(result.path("error").asString()).contains("codemode.getWeather")
			.contains("Expected: ")
			.contains("location");
		assertThat(this.weatherCalls).hasValue(0);
	}

	@Test
	void missingRequiredMemberIsReportedBeforeTheToolRuns() {
		JsonNode result = call(codemode(), "await codemode.getWeather({ city: 'Oslo' })");
		assertThat(result.path("error").asString()).contains("invalid input for codemode.getWeather")
			.contains("location");
		assertThat(this.weatherCalls).hasValue(0);
	}

	@Test
	void aToolWithAnObjectInputMayBeCalledWithNoArgument() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(List.of(tool("getOutbox", "The outbox.", "{\"type\":\"object\",\"properties\":{}}",
					(input, context) -> "{\"input\":" + input + "}")))
			.build();
		assertThat(call(codemode, "return await codemode.getOutbox()").path("result").toString())
			.isEqualTo("{\"input\":{}}");
	}

	@Test
	void unknownToolListsTheToolsThatExist() {
		JsonNode result = call(codemode(), "await codemode.getForecast({ location: 'Oslo' })");
		assertThat(result.path("error").asString()).contains("getForecast").contains("getWeather").contains("add");
	}

	@Test
	void returnDirectToolsAreRefusedInsidePrograms() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(List.of(tool("direct", "Answers the user directly.", "{\"type\":\"object\"}", true,
					(input, context) -> "\"secret\"")))
			.build();
		assertThat(call(codemode, "await codemode.direct({})").path("error").asString())
			.contains("returns its result directly to the user");
		assertThat(codemode.declarations()).doesNotContain("direct");
	}

	@Test
	void toolsThatBecomeTheSameIdentifierAreRejectedAtBuildTime() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CodeModeToolCallback.builder()
				.executor(executor)
				.toolCallbacks(List.of(tool("get-item", "a", "{\"type\":\"object\"}", (i, c) -> "1"),
						tool("get_item", "b", "{\"type\":\"object\"}", (i, c) -> "2")))
				.build())
			.withMessageContaining("codemode.get_item");
	}

	@Test
	void listenerSeesTheExecutionAndEachToolCall() {
		List<String> events = new CopyOnWriteArrayList<>();
		CodeModeListener listener = new CodeModeListener() {
			@Override
			public CodeModeListener.Execution executionStarted(String code, ToolContext context) {
				return execution(events);
			}
		};
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.tool(CodeModeTool.of(tool("add", "Add.", "{\"type\":\"object\"}", (input, context) -> "5")))
			.listener(listener)
			.build();
		call(codemode, "return await codemode.add({ a: 2, b: 3 })");
		assertThat(events).containsExactly("start add {\"a\":2,\"b\":3}", "end add 5", "finished 5");
	}

	private static CodeModeListener.Execution execution(List<String> events) {
		return new CodeModeListener.Execution() {
			@Override
			public CodeModeListener.ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
				events.add("start " + tool.name() + " " + inputJson);
				return (output, failure) -> events.add("end " + tool.name() + " " + output);
			}

			@Override
			public void executionFinished(dev.codemode.executor.ExecutionResult result) {
				events.add("finished " + result.resultJson());
			}
		};
	}

}
