package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.task.TaskDecorator;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.InProcessOnly;
import dev.codemode.executor.Isolation;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools run in their caller's context: what the caller's thread held (for every accessor
 * of the registry) is restored around each tool call, on whichever thread runs it, and
 * what the caller did not hold is cleared there.
 */
@BothIsolations
class CallerContextPropagationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String USER_KEY = "codemode.test.user";

	private static final ThreadLocal<String> USER = new ThreadLocal<>();

	private static final ThreadLocal<String> DECORATED = new ThreadLocal<>();

	private static final String EIGHT_AT_ONCE = """
			async () => {
			  const users = await Promise.all(Array.from({ length: 8 }, () => codemode.whoami({})));
			  return users;
			}""";

	@Parameter
	Isolation isolation;

	private final ContextRegistry registry = new ContextRegistry().loadContextAccessors()
		.registerThreadLocalAccessor(USER_KEY, USER);

	@AfterEach
	void clearCaller() {
		USER.remove();
		ToolCallReactiveContextHolder.clearContext();
	}

	@Test
	void eachToolRunsInTheCallersContextOnAnotherThread() {
		List<String> threads = new CopyOnWriteArrayList<>();
		CodeModeToolCallback codemode = codemode(CallerContextPropagation.builder().contextRegistry(this.registry),
				whoami(threads));
		USER.set("ann");
		JsonNode result = run(codemode, EIGHT_AT_ONCE);
		assertThat(strings(result.path("result"))).hasSize(8).containsOnly("ann");
		assertThat(threads).hasSize(8).doesNotContain(Thread.currentThread().getName());
		assertThat(USER.get()).isEqualTo("ann");
	}

	@Test
	@InProcessOnly("builds an executor with a tool pool of its own")
	void aValueTheCallerDoesNotHaveIsClearedForTheToolAndTheThreadGetsItsOwnBack() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try (GraalJsCodeExecutor onPool = new GraalJsCodeExecutor(
				GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).toolExecutor(pool).build())) {
			pool.submit(() -> USER.set("left behind by an earlier task")).get();
			CodeModeToolCallback codemode = CodeModeToolCallback.builder()
				.executor(onPool)
				.contextPropagation(CallerContextPropagation.builder().contextRegistry(this.registry).build())
				.tool(CodeModeTool.of(whoami(new CopyOnWriteArrayList<>())))
				.build();
			JsonNode result = run(codemode, "await codemode.whoami({})");
			assertThat(result.path("result").asString()).isEqualTo("nobody");
			assertThat(pool.submit(USER::get).get()).isEqualTo("left behind by an earlier task");
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void theApprovalHandlerAndTheListenerSeeTheCallersContext() {
		List<String> seen = new CopyOnWriteArrayList<>();
		CodeModeListener listener = new CodeModeListener() {
			@Override
			public Execution executionStarted(String code, ToolContext toolContext) {
				seen.add("execution started as " + USER.get());
				return new Execution() {
					@Override
					public ToolCall toolCallStarted(CodeModeTool tool, String inputJson) {
						seen.add("tool call started as " + USER.get());
						return (output, failure) -> seen.add("tool call finished as " + USER.get());
					}

					@Override
					public void executionFinished(ExecutionResult result) {
						seen.add("execution finished as " + USER.get());
					}
				};
			}
		};
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor())
			.contextPropagation(CallerContextPropagation.builder().contextRegistry(this.registry).build())
			.tool(CodeModeTool.of(whoami(new CopyOnWriteArrayList<>())).withRequiresApproval(true))
			.approvalHandler((request) -> {
				seen.add("approval asked as " + USER.get());
				return ApprovalDecision.approve();
			})
			.listener(listener)
			.build();
		USER.set("ann");
		JsonNode result = run(codemode, "await codemode.whoami({})");
		assertThat(result.path("result").asString()).isEqualTo("ann");
		assertThat(seen).containsExactly("execution started as ann", "approval asked as ann",
				"tool call started as ann", "tool call finished as ann", "execution finished as ann");
	}

	@Test
	void theTaskDecoratorWrapsEachToolCallAndWhatItCapturesIsTheCallersContext() {
		TaskDecorator decorator = (task) -> {
			String capturedUser = USER.get();
			return () -> {
				DECORATED.set("decorated for " + capturedUser);
				try {
					task.run();
				}
				finally {
					DECORATED.remove();
				}
			};
		};
		CodeModeToolCallback codemode = codemode(
				CallerContextPropagation.builder().contextRegistry(this.registry).taskDecorator(decorator),
				tool("decorated", "What the decorator set.", "{\"type\":\"object\"}",
						(input, context) -> JSON.writeValueAsString(String.valueOf(DECORATED.get()))),
				tool("fails", "Fails.", "{\"type\":\"object\"}", (input, context) -> {
					throw new IllegalStateException("no such order");
				}));
		USER.set("ann");
		JsonNode result = run(codemode, """
				async () => {
				  const [decorated, failure] = await Promise.all([
				    codemode.decorated({}),
				    codemode.fails({}).catch((e) => e.message),
				  ]);
				  return { decorated, failure };
				}""");
		assertThat(result.path("result").path("decorated").asString()).isEqualTo("decorated for ann");
		assertThat(result.path("result").path("failure").asString()).contains("no such order");
	}

	@Test
	void aTaskDecoratorThatDoesNotRunTheTaskIsAnErrorNotANull() {
		CodeModeToolCallback codemode = codemode(
				CallerContextPropagation.builder().contextRegistry(this.registry).taskDecorator((task) -> () -> {
				}), whoami(new CopyOnWriteArrayList<>()));
		JsonNode result = run(codemode, "await codemode.whoami({})");
		assertThat(result.path("error").asString()).contains("TaskDecorator did not run it");
	}

	@Test
	void aCallerOnAReactorStreamHandsItsReactorContextToTheToolsAndItsValuesWin() {
		CodeModeToolCallback codemode = codemode(
				CallerContextPropagation.builder()
					.contextRegistry(this.registry)
					.reactorContextAdapter((context) -> Context.of(context).put(USER_KEY, context.get("principal"))),
				whoami(new CopyOnWriteArrayList<>()),
				tool("tenant", "The tenant in the Reactor context.", "{\"type\":\"object\"}", (input, context) -> JSON
					.writeValueAsString(ToolCallReactiveContextHolder.getContext().getOrDefault("tenant", "none"))));
		USER.set("thread-user");
		ToolCallReactiveContextHolder.setContext(Context.of("principal", "bob", "tenant", "acme"));
		JsonNode result = run(codemode, """
				async () => [await codemode.whoami({}), await codemode.tenant({})]""");
		assertThat(strings(result.path("result"))).containsExactly("bob", "acme");

		ToolCallReactiveContextHolder.clearContext();
		result = run(codemode, """
				async () => [await codemode.whoami({}), await codemode.tenant({})]""");
		assertThat(strings(result.path("result"))).containsExactly("thread-user", "none");
	}

	private CodeExecutor executor() {
		return SharedGraalJsExecutor.get(this.isolation);
	}

	private CodeModeToolCallback codemode(CallerContextPropagation.Builder propagation, ToolCallback... tools) {
		CodeModeToolCallback.Builder builder = CodeModeToolCallback.builder()
			.executor(executor())
			.contextPropagation(propagation.build());
		for (ToolCallback tool : tools) {
			builder.tool(CodeModeTool.of(tool));
		}
		return builder.build();
	}

	private static ToolCallback whoami(List<String> threads) {
		return tool("whoami", "The user the tool runs as.", "{\"type\":\"object\"}", (input, context) -> {
			threads.add(Thread.currentThread().getName());
			String user = USER.get();
			return JSON.writeValueAsString((user != null) ? user : "nobody");
		});
	}

	private static JsonNode run(CodeModeToolCallback codemode, String code) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", code))));
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((value) -> strings.add(value.asString()));
		return strings;
	}

}
