package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.internal.CodeModeThreads;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools that require approval, through the tool pipeline with a {@link ScriptedExecutor}:
 * no JavaScript engine is needed to decide whether a call runs.
 */
class ApprovalTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EMAIL_SCHEMA = """
			{"type":"object","properties":{"to":{"type":"string"},"subject":{"type":"string"}},"required":["to"]}""";

	/**
	 * Sends two emails, each in its own try/catch that logs the failure, then asks for
	 * the weather.
	 */
	private static final ScriptedExecutor.Program PROGRAM = (run) -> {
		List<JsonNode> sent = new ArrayList<>();
		for (String to : List.of("ann@example.com", "bob@example.com")) {
			try {
				sent.add(JSON.readTree(run.call("codemode.sendEmail", "{\"to\":\"" + to + "\",\"subject\":\"Hi\"}")));
			}
			catch (ScriptedExecutor.ToolFailure ex) {
				run.log(ex.getMessage());
			}
		}
		return Map.of("sent", sent, "weather", JSON.readTree(run.call("codemode.getWeather", "{}")));
	};

	private final List<String> outbox = new CopyOnWriteArrayList<>();

	private ScriptedExecutor executor;

	@AfterEach
	void closeExecutor() {
		if (this.executor != null) {
			this.executor.close();
		}
	}

	private CodeModeToolCallback.Builder builder(ToolApprovalHandler handler) {
		this.executor = new ScriptedExecutor(PROGRAM, Duration.ofSeconds(3));
		return CodeModeToolCallback.builder()
			.executor(this.executor)
			.tool(CodeModeTool.of(tool("sendEmail", "Send an email.", EMAIL_SCHEMA, (input, context) -> {
				this.outbox.add(JSON.readTree(input).get("to").asString());
				return "{\"sent\":true}";
			})).withRequiresApproval(true))
			.tool(CodeModeTool
				.of(tool("getWeather", "Weather.", "{\"type\":\"object\"}", (input, context) -> "\"sunny\"")))
			.approvalHandler(handler);
	}

	private static JsonNode run(CodeModeToolCallback codemode) {
		return JSON.readTree(codemode.call("{\"code\": \"the program\"}", new ToolContext(Map.of("user", "alice"))));
	}

	@Test
	void approvedCallsRunAndTheHandlerSeesToolInputAndContext() {
		List<ApprovalRequest> requests = new CopyOnWriteArrayList<>();
		JsonNode result = run(builder((request) -> {
			requests.add(request);
			return ApprovalDecision.approve();
		}).build());
		assertThat(this.outbox).containsExactly("ann@example.com", "bob@example.com");
		assertThat(result.path("result").path("sent")).hasSize(2);
		assertThat(result.has("refused")).isFalse();
		assertThat(requests).extracting(ApprovalRequest::tool).containsOnly("sendEmail");
		assertThat(requests.get(0).inputJson()).contains("ann@example.com");
		assertThat(requests.get(0).toolContext().getContext()).containsEntry("user", "alice");
	}

	@Test
	void deniedCallsDoNotRunAndAreListedWithTheReason() {
		JsonNode result = run(builder((request) -> request.inputJson().contains("bob")
				? ApprovalDecision.deny("Bob is on holiday") : ApprovalDecision.approve())
			.build());
		assertThat(this.outbox).containsExactly("ann@example.com");
		assertThat(result.path("logs").get(0).asString()).contains("needs approval").contains("Bob is on holiday");
		assertThat(result.path("refused")).hasSize(1);
		assertThat(result.path("refused").get(0).path("tool").asString()).isEqualTo("codemode.sendEmail");
		assertThat(result.path("refused").get(0).path("input").path("to").asString()).isEqualTo("bob@example.com");
		assertThat(result.path("result").path("weather").asString()).isEqualTo("sunny");
	}

	@Test
	void withoutAHandlerMarkedToolsAreRefusedAndEveryRefusalIsListed() {
		JsonNode result = run(builder(null).build());
		assertThat(this.outbox).isEmpty();
		assertThat(result.path("refused")).hasSize(2);
		assertThat(result.path("refused").get(0).path("reason").asString()).contains("no approval handler");
		assertThat(result.path("result").path("sent")).isEmpty();
	}

	@Test
	void aHandlerThatThrowsRefusesTheCall() {
		JsonNode result = run(builder((request) -> {
			throw new IllegalStateException("approval service down");
		}).build());
		assertThat(this.outbox).isEmpty();
		assertThat(result.path("refused").get(0).path("reason").asString()).contains("approval service down");
	}

	@Test
	void aHandlerThatNeverAnswersEndsAtTheTimeout() {
		CountDownLatch never = new CountDownLatch(1);
		long start = System.nanoTime();
		JsonNode result = run(builder((request) -> {
			never.await();
			return ApprovalDecision.approve();
		}).approvalTimeout(Duration.ofSeconds(3)).build());
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(this.outbox).isEmpty();
		assertThat(result.path("error").asString()).contains("TimeoutError");
		assertThat(millis).isLessThan(3_000 + 2_000);
		never.countDown();
	}

	@Test
	void aHandlerStillDecidingWhenTheExecutionEndsIsInterrupted() throws InterruptedException {
		CountDownLatch never = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		// The decision may take 30 s, the execution 3 s: its end must not leave the
		// handler waiting.
		JsonNode result = run(builder((request) -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw ex;
			}
			return ApprovalDecision.approve();
		}).approvalTimeout(Duration.ofSeconds(30)).build());
		assertThat(result.path("error").asString()).contains("TimeoutError");
		assertThat(interrupted.await(2, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
		assertThat(this.outbox).isEmpty();
	}

	@Test
	void withoutAnApprovalExecutorEachDecisionRunsOnANewThreadOfItsOwn() {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		run(builder((request) -> {
			threads.add(Thread.currentThread());
			return ApprovalDecision.approve();
		}).build());
		assertThat(threads).hasSize(2).doesNotHaveDuplicates().allSatisfy((thread) -> {
			assertThat(thread.getName()).startsWith("codemode-approval-");
			assertThat(thread.isDaemon()).isTrue();
		});
	}

	@Test
	void theHandlerRunsOnTheApprovalExecutorWhenOneIsGiven() {
		List<String> threadNames = new CopyOnWriteArrayList<>();
		Executor applications = (task) -> CodeModeThreads.newThread("application-task", 0, task).start();
		JsonNode result = run(builder((request) -> {
			threadNames.add(Thread.currentThread().getName());
			return ApprovalDecision.approve();
		}).approvalExecutor(applications).build());
		assertThat(threadNames).containsExactly("application-task", "application-task");
		assertThat(this.outbox).hasSize(2);
		assertThat(result.has("refused")).isFalse();
	}

	@Test
	void anApprovalExecutorThatRejectsTheDecisionRefusesTheCall() {
		JsonNode result = run(builder((request) -> ApprovalDecision.approve()).approvalExecutor((task) -> {
			throw new RejectedExecutionException("shut down");
		}).build());
		assertThat(this.outbox).isEmpty();
		assertThat(result.path("refused")).hasSize(2);
		assertThat(result.path("refused").get(0).path("reason").asString())
			.isEqualTo("the approval could not be asked: its threads are busy or shut down");
	}

	@Test
	void theDeclarationsOfAMarkedToolAreUnchanged() {
		assertThat(builder(null).build().declarations()).contains("sendEmail");
	}

}
