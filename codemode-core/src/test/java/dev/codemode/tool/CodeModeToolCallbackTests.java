package dev.codemode.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;

import static dev.codemode.tool.TestTools.LOCATION_SCHEMA;
import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The {@code codemode} tool's pipeline (definition, input, validation, tool context,
 * listener, the outcome and its JSON) with a {@link ScriptedExecutor}: no JavaScript
 * engine. {@link CodeModeToolCallbackGraalJsTests} runs the same tool end to end in
 * GraalJS.
 */
class CodeModeToolCallbackTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADD_SCHEMA = """
			{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]}""";

	private final Map<String, Object> seenContext = new ConcurrentHashMap<>();

	private final AtomicInteger weatherCalls = new AtomicInteger();

	private final List<ScriptedExecutor> executors = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeExecutors() {
		this.executors.forEach(ScriptedExecutor::close);
	}

	private ScriptedExecutor executor(ScriptedExecutor.Program program) {
		ScriptedExecutor executor = new ScriptedExecutor(program);
		this.executors.add(executor);
		return executor;
	}

	private CodeModeToolCallback codemode(ScriptedExecutor.Program program) {
		return CodeModeToolCallback.builder()
			.executor(executor(program))
			.toolCallbacks(
					List.of(tool("getWeather", "Get the weather for a city.", LOCATION_SCHEMA, (input, context) -> {
						this.weatherCalls.incrementAndGet();
						if (context != null) {
							this.seenContext.putAll(context.getContext());
						}
						String location = JSON.readTree(input).get("location").asString();
						return JSON.writeValueAsString("Weather in " + location + ": 72F, sunny");
					}), tool("add", "Add two numbers.", ADD_SCHEMA, (input, context) -> {
						JsonNode node = JSON.readTree(input);
						return String.valueOf(node.get("a").asDouble() + node.get("b").asDouble());
					})))
			.build();
	}

	private static JsonNode call(CodeModeToolCallback codemode) {
		return JSON.readTree(codemode.call("{\"code\": \"the program\"}"));
	}

	@Test
	void definitionIsNamedCodemodeAndTakesOneRequiredStringCode() {
		CodeModeToolCallback codemode = codemode((run) -> null);
		JsonNode schema = JSON.readTree(codemode.getToolDefinition().inputSchema());
		assertThat(codemode.getToolDefinition().name()).isEqualTo("codemode");
		assertThat(schema.path("type").asString()).isEqualTo("object");
		assertThat(schema.path("properties").path("code").path("type").asString()).isEqualTo("string");
		assertThat(schema.path("required")).containsExactly(JSON.getNodeFactory().stringNode("code"));
	}

	@Test
	void descriptionHoldsTheDeclarationsInOneTypeScriptBlockAndTheExecutorsLimits() {
		String description = codemode((run) -> null).getToolDefinition().description();
		int fence = description.indexOf("```typescript\n");
		assertThat(fence).isNotNegative();
		assertThat(description.indexOf("```typescript\n", fence + 1)).isNegative();
		String block = description.substring(fence, description.indexOf("```", fence + 3));
		assertThat(block).contains("declare const codemode: {").contains("getWeather").contains("add");
		assertThat(description).contains("Promise.all")
			.contains("no Node.js")
			.contains("Limits: 20 s per program.")
			.contains("codemode.getWeather({ location: \"...\" })");
	}

	@Test
	void theExecutorGetsTheProgramAndTheToolsByNamespace() {
		ScriptedExecutor executor = executor((run) -> null);
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.tool(CodeModeTool.of(tool("a", "A.", "{\"type\":\"object\"}", (input, context) -> "1")))
			.tool(new CodeModeTool("shop", tool("b", "B.", "{\"type\":\"object\"}", (input, context) -> "2"), null))
			.build();
		codemode.call("{\"code\": \"return 1\"}");
		assertThat(executor.codes()).containsExactly("return 1");
		assertThat(executor.lastNamespaces()).extracting(ToolNamespace::name).containsExactly("codemode", "shop");
		assertThat(executor.lastNamespaces().get(1).functions()).containsOnlyKeys("b");
	}

	@Test
	void toolsCalledInParallelReceiveTheToolContext() {
		CodeModeToolCallback codemode = codemode((run) -> run.all("codemode.getWeather", "{\"location\":\"Oslo\"}",
				"codemode.add", "{\"a\":1,\"b\":2}"));
		String answer = codemode.call("{\"code\": \"p\"}", new ToolContext(Map.of("tenant", "acme")));
		assertThat(answer).isEqualTo("{\"result\":[\"\\\"Weather in Oslo: 72F, sunny\\\"\",\"3.0\"],\"logs\":[]}");
		assertThat(this.seenContext).containsEntry("tenant", "acme");
	}

	@Test
	void inputThatIsNotJsonIsAnErrorNotAnException() {
		CodeModeToolCallback codemode = codemode((run) -> null);
		assertThat(JSON.readTree(codemode.call("async () => 1")).path("error").asString()).startsWith("InputError")
			.contains("not valid JSON");
		assertThat(JSON.readTree(codemode.call("{}")).path("error").asString()).contains("no \"code\"");
		assertThat(JSON.readTree(codemode.call("{\"code\": 42}")).path("error").asString())
			.contains("must be a string");
		assertThat(JSON.readTree(codemode.call("[1]")).path("error").asString()).contains("JSON object");
		assertThat(JSON.readTree(codemode.call(null)).path("error").asString()).contains("JSON object");
	}

	@Test
	void inputThatDoesNotMatchTheSchemaNamesTheToolAndShowsItsSignature() {
		JsonNode result = call(codemode((run) -> run.call("codemode.getWeather", "\"London\"")));
		assertThat(result.path("error").asString()).startsWith("ToolError")
			.contains("codemode.getWeather")
			.contains("Expected: ")
			.contains("location");
		assertThat(this.weatherCalls).hasValue(0);
	}

	@Test
	void missingRequiredMemberIsReportedBeforeTheToolRuns() {
		JsonNode result = call(codemode((run) -> run.call("codemode.getWeather", "{\"city\":\"Oslo\"}")));
		assertThat(result.path("error").asString()).contains("invalid input for codemode.getWeather")
			.contains("location");
		assertThat(this.weatherCalls).hasValue(0);
	}

	@Test
	void aToolWithAnObjectInputMayBeCalledWithNoArgument() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor((run) -> JSON.readTree(run.call("codemode.getOutbox", "null"))))
			.toolCallbacks(List.of(tool("getOutbox", "The outbox.", "{\"type\":\"object\",\"properties\":{}}",
					(input, context) -> "{\"input\":" + input + "}")))
			.build();
		assertThat(call(codemode).path("result").toString()).isEqualTo("{\"input\":{}}");
	}

	@Test
	void returnDirectToolsAreRefusedInsidePrograms() {
		AtomicInteger calls = new AtomicInteger();
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor((run) -> run.call("codemode.direct", "{}")))
			.toolCallbacks(List
				.of(tool("direct", "Answers the user directly.", "{\"type\":\"object\"}", true, (input, context) -> {
					calls.incrementAndGet();
					return "\"secret\"";
				})))
			.build();
		assertThat(call(codemode).path("error").asString()).contains("returns its result directly to the user");
		assertThat(codemode.declarations()).doesNotContain("direct");
		assertThat(calls).hasValue(0);
	}

	@Test
	void toolsThatBecomeTheSameIdentifierAreRejectedAtBuildTime() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CodeModeToolCallback.builder()
				.executor(executor((run) -> null))
				.toolCallbacks(List.of(tool("get-item", "a", "{\"type\":\"object\"}", (i, c) -> "1"),
						tool("get_item", "b", "{\"type\":\"object\"}", (i, c) -> "2")))
				.build())
			.withMessageContaining("codemode.get_item");
	}

	@Test
	void theCatalogNamespaceIsReservedForDiscovery() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CodeModeToolCallback.builder()
				.executor(executor((run) -> null))
				.tool(new CodeModeTool("catalog", tool("find", "f", "{\"type\":\"object\"}", (i, c) -> "1"), null))
				.build())
			.withMessageContaining("'catalog' is reserved");
	}

	@Test
	void aToolsIdentifierIsItsNameAsProgramsCallIt() {
		assertThat(CodeModeTool.of(tool("my-tool", "t", "{}", (i, c) -> "1")).identifier()).isEqualTo("my_tool");
		assertThat(CodeModeTool.of(tool("delete", "t", "{}", (i, c) -> "1")).identifier()).isEqualTo("delete_");
	}

	@Test
	void listenerSeesTheExecutionAndEachToolCall() {
		List<String> events = new CopyOnWriteArrayList<>();
		CodeModeListener listener = new CodeModeListener() {
			@Override
			public CodeModeListener.Execution executionStarted(String code, ToolContext context) {
				events.add("started " + code);
				return execution(events);
			}
		};
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor((run) -> JSON.readTree(run.call("codemode.add", "{\"a\":2,\"b\":3}"))))
			.tool(CodeModeTool.of(tool("add", "Add.", "{\"type\":\"object\"}", (input, context) -> "5")))
			.listener(listener)
			.build();
		codemode.call("{\"code\": \"p\"}");
		codemode.call("not json");
		assertThat(events).containsExactly("started p", "start add {\"a\":2,\"b\":3}", "end add 5", "finished 5",
				"started null", "finished null");
	}

	@Test
	void aListenerThatThrowsChangesNothing() {
		CodeModeListener listener = new CodeModeListener() {
			@Override
			public CodeModeListener.Execution executionStarted(String code, ToolContext context) {
				return new CodeModeListener.Execution() {
					@Override
					public CodeModeListener.ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
						throw new IllegalStateException("listener broken");
					}

					@Override
					public void executionFinished(ExecutionResult result) {
						throw new IllegalStateException("listener broken");
					}
				};
			}
		};
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor((run) -> JSON.readTree(run.call("codemode.add", "{}"))))
			.tool(CodeModeTool.of(tool("add", "Add.", "{\"type\":\"object\"}", (input, context) -> "5")))
			.listener(listener)
			.build();
		assertThat(codemode.call("{\"code\": \"p\"}")).isEqualTo("{\"result\":5,\"logs\":[]}");
	}

	@Test
	void anExecutorThatThrowsIsAnInternalErrorForTheModel() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder().executor((code, namespaces) -> {
			throw new IllegalStateException("broken executor");
		}).build();
		assertThat(codemode.call("{\"code\": \"p\"}"))
			.isEqualTo("{\"logs\":[],\"error\":\"Error: internal error while running the program\"}");
	}

	@Test
	void executeReturnsTheOutcomeWithEachToolCallItsInputOutputAndTiming() {
		CodeModeToolCallback codemode = codemode((run) -> {
			run.log("checking");
			String weather = run.call("codemode.getWeather", "{\"location\":\"Oslo\"}");
			try {
				run.call("codemode.add", "{\"a\":1}");
			}
			catch (ScriptedExecutor.ToolFailure ex) {
				run.log("add failed");
			}
			return JSON.readTree(weather);
		});
		CodeModeOutcome outcome = codemode.execute("the program", new ToolContext(Map.of("tenant", "acme")));
		assertThat(outcome.code()).isEqualTo("the program");
		assertThat(outcome.succeeded()).isTrue();
		assertThat(outcome.resultJson()).isEqualTo("\"Weather in Oslo: 72F, sunny\"");
		assertThat(outcome.logs()).containsExactly("checking", "add failed");
		assertThat(outcome.refused()).isEmpty();
		// The call of add failed its schema: it never reached the tool.
		assertThat(outcome.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.qualifiedName()).isEqualTo("codemode.getWeather");
			assertThat(call.inputJson()).isEqualTo("{\"location\":\"Oslo\"}");
			assertThat(call.output()).isEqualTo("\"Weather in Oslo: 72F, sunny\"");
			assertThat(call.error()).isNull();
			assertThat(call.startedAfter().isNegative()).isFalse();
			assertThat(call.duration().isNegative()).isFalse();
		});
		assertThat(outcome.duration().isNegative()).isFalse();
		assertThat(this.seenContext).containsEntry("tenant", "acme");
	}

	@Test
	void theOutcomeHoldsAToolsFailureAndTheProgramsError() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor((run) -> run.call("codemode.fail", "{}")))
			.tool(CodeModeTool.of(tool("fail", "Fails.", "{\"type\":\"object\"}", (input, context) -> {
				throw new IllegalArgumentException("no such order");
			})))
			.build();
		CodeModeOutcome outcome = codemode.execute("p", null);
		assertThat(outcome.error()).isEqualTo(new ExecutionError(ExecutionError.TOOL, "no such order"));
		assertThat(outcome.resultJson()).isNull();
		assertThat(outcome.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.output()).isNull();
			assertThat(call.error()).isEqualTo("no such order");
		});
		assertThat(outcome.toJson()).isEqualTo("{\"logs\":[],\"error\":\"ToolError: no such order\"}");
	}

	@Test
	void toolCallsMadeTogetherAreListedInTheOrderTheyStartedAndOverlap() throws Exception {
		CountDownLatch bothStarted = new CountDownLatch(2);
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor((run) -> run.all("codemode.slow", "{\"n\":1}", "codemode.slow", "{\"n\":2}")))
			.tool(CodeModeTool.of(tool("slow", "Waits for the other call.", "{\"type\":\"object\"}", (input, c) -> {
				bothStarted.countDown();
				try {
					// Both calls run at once: each waits until the other has started.
					bothStarted.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return input;
			})))
			.build();
		CodeModeOutcome outcome = codemode.execute("p", null);
		assertThat(outcome.error()).isNull();
		assertThat(outcome.toolCalls()).hasSize(2);
		CodeModeOutcome.ToolCall first = outcome.toolCalls().get(0);
		CodeModeOutcome.ToolCall second = outcome.toolCalls().get(1);
		assertThat(first.startedAfter()).isLessThanOrEqualTo(second.startedAfter());
		assertThat(second.startedAfter()).isLessThan(first.startedAfter().plus(first.duration()));
		assertThat(outcome.toolCalls()).extracting(CodeModeOutcome.ToolCall::output)
			.containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
	}

	@Test
	void refusedCallsAreInTheOutcomeNotAmongItsToolCalls() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder().executor(executor((run) -> {
			try {
				run.call("codemode.send", "{\"to\":\"bob\"}");
			}
			catch (ScriptedExecutor.ToolFailure ex) {
				run.log(ex.getMessage());
			}
			return null;
		}))
			.tool(CodeModeTool.of(tool("send", "Sends.", "{\"type\":\"object\"}", (input, context) -> "true"))
				.withRequiresApproval(true))
			.approvalHandler((request) -> ApprovalDecision.deny("not today"))
			.build();
		CodeModeOutcome outcome = codemode.execute("p", null);
		assertThat(outcome.toolCalls()).isEmpty();
		assertThat(outcome.refused()).singleElement().satisfies((refused) -> {
			assertThat(refused.tool()).isEqualTo("codemode.send");
			assertThat(refused.inputJson()).isEqualTo("{\"to\":\"bob\"}");
			assertThat(refused.reason()).isEqualTo("denied: not today");
		});
		assertThat(outcome.toJson()).isEqualTo("{\"logs\":[\"codemode.send needs approval and did not run: denied: "
				+ "not today\"],\"refused\":[{\"tool\":\"codemode.send\",\"input\":{\"to\":\"bob\"},\"reason\":"
				+ "\"denied: not today\"}]}");
	}

	@Test
	void callAnswersTheOutcomeAsJsonWithoutTheToolCalls() {
		CodeModeToolCallback codemode = codemode((run) -> {
			run.log("line \"one\"");
			return JSON.readTree(run.call("codemode.add", "{\"a\":1,\"b\":2}"));
		});
		String answer = codemode.call("{\"code\": \"p\"}");
		assertThat(answer).isEqualTo("{\"result\":3.0,\"logs\":[\"line \\\"one\\\"\"]}");
		assertThat(codemode.execute("p", null).toJson()).isEqualTo(answer);
		assertThat(codemode.executeToolInput("{\"code\": \"p\"}", null).toJson()).isEqualTo(answer);
	}

	@Test
	void executeToolInputWithoutAProgramIsAnInputErrorOutcome() {
		CodeModeOutcome outcome = codemode((run) -> null).executeToolInput("{\"program\": \"p\"}", null);
		assertThat(outcome.code()).isNull();
		assertThat(outcome.error().kind()).isEqualTo(ExecutionError.INPUT);
		assertThat(outcome.toolCalls()).isEmpty();
		assertThat(outcome.duration()).isZero();
	}

	@Test
	void executeNeedsAProgram() {
		assertThatNullPointerException().isThrownBy(() -> codemode((run) -> null).execute(null, null));
	}

	@Test
	void theExecutorsTimeoutEndsTheRunWithATimeoutError() {
		CountDownLatch never = new CountDownLatch(1);
		ScriptedExecutor executor = new ScriptedExecutor((run) -> run.call("codemode.hang", "{}"),
				Duration.ofMillis(500));
		this.executors.add(executor);
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.tool(CodeModeTool.of(tool("hang", "Hangs.", "{\"type\":\"object\"}", (input, context) -> {
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return "null";
			})))
			.build();
		CodeModeOutcome outcome = codemode.execute("p", null);
		assertThat(outcome.error().kind()).isEqualTo(ExecutionError.TIMEOUT);
		assertThat(outcome.toJson()).startsWith("{\"logs\":[],\"error\":\"TimeoutError: ");
	}

	private static CodeModeListener.Execution execution(List<String> events) {
		return new CodeModeListener.Execution() {
			@Override
			public CodeModeListener.ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
				events.add("start " + tool.name() + " " + inputJson);
				return (output, failure) -> events.add("end " + tool.name() + " " + output);
			}

			@Override
			public void executionFinished(ExecutionResult result) {
				events.add("finished " + result.resultJson());
			}
		};
	}

}
