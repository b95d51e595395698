package dev.codemode.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

class ApprovalTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EMAIL_SCHEMA = """
			{"type":"object","properties":{"to":{"type":"string"},"subject":{"type":"string"}},"required":["to"]}""";

	private static final String PROGRAM = """
			async () => {
			  const sent = [];
			  for (const to of ["ann@example.com", "bob@example.com"]) {
			    try { sent.push(await codemode.sendEmail({ to, subject: "Hi" })); }
			    catch (e) { console.log(e.message); }
			  }
			  return { sent, weather: await codemode.getWeather({}) };
			}""";

	private static GraalJsCodeExecutor executor;

	private final List<String> outbox = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startExecutor() {
		executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(3)).build());
		executor.warmUp();
	}

	@AfterAll
	static void stopExecutor() {
		executor.close();
	}

	private CodeModeToolCallback codemode(ToolApprovalHandler handler, Duration approvalTimeout) {
		CodeModeToolCallback.Builder builder = CodeModeToolCallback.builder()
			.executor(executor)
			.tool(CodeModeTool.of(tool("sendEmail", "Send an email.", EMAIL_SCHEMA, (input, context) -> {
				this.outbox.add(JSON.readTree(input).get("to").asString());
				return "{\"sent\":true}";
			})).withRequiresApproval(true))
			.tool(CodeModeTool
				.of(tool("getWeather", "Weather.", "{\"type\":\"object\"}", (input, context) -> "\"sunny\"")))
			.approvalHandler(handler);
		if (approvalTimeout != null) {
			builder.approvalTimeout(approvalTimeout);
		}
		return builder.build();
	}

	private static JsonNode run(CodeModeToolCallback codemode) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", PROGRAM)),
				new ToolContext(Map.of("user", "alice"))));
	}

	@Test
	void approvedCallsRunAndTheHandlerSeesToolInputAndContext() {
		List<ApprovalRequest> requests = new CopyOnWriteArrayList<>();
		JsonNode result = run(codemode((request) -> {
			requests.add(request);
			return ApprovalDecision.approve();
		}, null));
		assertThat(this.outbox).containsExactly("ann@example.com", "bob@example.com");
		assertThat(result.path("result").path("sent")).hasSize(2);
		assertThat(result.has("refused")).isFalse();
		assertThat(requests).extracting(ApprovalRequest::tool).containsOnly("sendEmail");
		assertThat(requests.get(0).inputJson()).contains("ann@example.com");
		assertThat(requests.get(0).toolContext().getContext()).containsEntry("user", "alice");
	}

	@Test
	void deniedCallsDoNotRunAndAreListedWithTheReason() {
		JsonNode result = run(codemode((request) -> request.inputJson().contains("bob")
				? ApprovalDecision.deny("Bob is on holiday") : ApprovalDecision.approve(), null));
		assertThat(this.outbox).containsExactly("ann@example.com");
		assertThat(result.path("logs").get(0).asString()).contains("needs approval").contains("Bob is on holiday");
		assertThat(result.path("refused")).hasSize(1);
		assertThat(result.path("refused").get(0).path("tool").asString()).isEqualTo("codemode.sendEmail");
		assertThat(result.path("refused").get(0).path("input").path("to").asString()).isEqualTo("bob@example.com");
		assertThat(result.path("result").path("weather").asString()).isEqualTo("sunny");
	}

	@Test
	void withoutAHandlerMarkedToolsAreRefusedAndEveryRefusalIsListed() {
		JsonNode result = run(codemode(null, null));
		assertThat(this.outbox).isEmpty();
		assertThat(result.path("refused")).hasSize(2);
		assertThat(result.path("refused").get(0).path("reason").asString()).contains("no approval handler");
		assertThat(result.path("result").path("sent")).isEmpty();
	}

	@Test
	void aHandlerThatThrowsRefusesTheCall() {
		JsonNode result = run(codemode((request) -> {
			throw new IllegalStateException("approval service down");
		}, null));
		assertThat(this.outbox).isEmpty();
		assertThat(result.path("refused").get(0).path("reason").asString()).contains("approval service down");
	}

	@Test
	void aHandlerThatNeverAnswersEndsAtTheTimeout() throws InterruptedException {
		CountDownLatch never = new CountDownLatch(1);
		long start = System.nanoTime();
		JsonNode result = run(codemode((request) -> {
			never.await();
			return ApprovalDecision.approve();
		}, Duration.ofSeconds(3)));
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
		JsonNode result = run(codemode((request) -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw ex;
			}
			return ApprovalDecision.approve();
		}, Duration.ofSeconds(30)));
		assertThat(result.path("error").asString()).contains("TimeoutError");
		assertThat(interrupted.await(2, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
		assertThat(this.outbox).isEmpty();
	}

	@Test
	void theDeclarationsOfAMarkedToolAreUnchanged() {
		assertThat(codemode(null, null).declarations()).contains("sendEmail");
	}

}
