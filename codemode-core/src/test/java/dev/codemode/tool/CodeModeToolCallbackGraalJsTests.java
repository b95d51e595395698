package dev.codemode.tool;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.springframework.ai.chat.model.ToolContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.Isolation;

import static dev.codemode.tool.TestTools.LOCATION_SCHEMA;
import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code codemode} tool end to end, in GraalJS: what needs the JavaScript side (a
 * program's arguments and results, an unknown tool). The pipeline alone is tested in
 * {@link CodeModeToolCallbackTests}.
 */
@BothIsolations
class CodeModeToolCallbackGraalJsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Parameter
	Isolation isolation;

	private final Map<String, Object> seenContext = new ConcurrentHashMap<>();

	private final AtomicInteger weatherCalls = new AtomicInteger();

	private CodeExecutor executor() {
		return SharedGraalJsExecutor.get(this.isolation);
	}

	private CodeModeToolCallback codemode() {
		return CodeModeToolCallback.builder()
			.executor(executor())
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
	void inputThatDoesNotMatchTheSchemaNamesTheToolAndShowsItsSignature() {
		JsonNode result = call(codemode(), "await codemode.getWeather('London')");
		assertThat(result.path("error").asString()).contains("codemode.getWeather")
			.contains("Expected: ")
			.contains("location");
		assertThat(this.weatherCalls).hasValue(0);
	}

	@Test
	void aToolWithAnObjectInputMayBeCalledWithNoArgument() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor())
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
	void executeReportsEachToolCallOfAProgramAndItsJsonIsWhatCallAnswers() {
		CodeModeToolCallback codemode = codemode();
		String code = """
				async () => {
				  const [w, sum] = await Promise.all([codemode.getWeather({ location: "Oslo" }), codemode.add({ a: 1, b: 2 })]);
				  console.log(sum);
				  return w;
				}""";
		CodeModeOutcome outcome = codemode.execute(code, null);
		assertThat(outcome.error()).isNull();
		assertThat(outcome.logs()).containsExactly("3");
		assertThat(outcome.toolCalls()).extracting(CodeModeOutcome.ToolCall::qualifiedName)
			.containsExactlyInAnyOrder("codemode.getWeather", "codemode.add");
		assertThat(outcome.toolCalls()).filteredOn((call) -> call.identifier().equals("add"))
			.singleElement()
			.satisfies((call) -> {
				assertThat(call.inputJson()).isEqualTo("{\"a\":1,\"b\":2}");
				assertThat(call.output()).isEqualTo("3.0");
			});
		assertThat(outcome.toJson()).isEqualTo(codemode.call(JSON.writeValueAsString(Map.of("code", code))))
			.isEqualTo("{\"result\":\"Weather in Oslo: 72F, sunny\",\"logs\":[\"3\"]}");
	}

}
