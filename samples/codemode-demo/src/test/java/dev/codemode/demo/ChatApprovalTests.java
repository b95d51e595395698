package dev.codemode.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import dev.codemode.demo.approval.DemoApprovalHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approval in the chat, through Spring AI's real tool loop with a scripted model whose
 * one program sends an email: the first turn's email is refused and listed, the page
 * stores the user's approval for the conversation and asks the model to run the program
 * again, and that turn sends it; in the page too (headless Chromium, skipped where it is
 * not installed).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatApprovalTests {

	static final String SUBJECT = "Chat approval " + UUID.randomUUID();

	static final String EMAIL_PROGRAM = """
			async () => {
			  const email = await codemode.sendEmail({ to: "ada@example.com", subject: "%s", body: "Hello Ada" });
			  return "sent to " + email.to;
			}""".formatted(SUBJECT);

	static final String FOLLOW_UP = "I approved the calls; run the program again.";

	@LocalServerPort
	private int port;

	@Autowired
	private ScriptedChatModel model;

	@Autowired
	private JsonMapper json;

	@Autowired
	private JdbcClient jdbc;

	private RestClient rest;

	@BeforeEach
	void rest() {
		this.rest = RestClient.create("http://localhost:" + this.port);
		this.model.prompts.clear();
		this.jdbc.sql("DELETE FROM outbox WHERE subject = :subject").param("subject", SUBJECT).update();
	}

	@Test
	void anEmailTheModelSendsWaitsForTheUsersApprovalAndThenGoesOut() {
		// The model's program asks to send; the call is refused and the turn lists it,
		// with the reason.
		JsonNode first = chat(Map.of("message", "Say hello to Ada by email"));
		String conversationId = first.get("conversationId").asString();
		JsonNode refused = first.get("executions").get(0).get("output").get("refused");
		assertThat(refused).hasSize(1);
		assertThat(refused.get(0).get("tool").asString()).isEqualTo("codemode.sendEmail");
		assertThat(refused.get(0).get("input").get("to").asString()).isEqualTo("ada@example.com");
		assertThat(refused.get(0).get("reason").asString()).contains(DemoApprovalHandler.WAITING);
		// The model read the refusal too.
		assertThat(first.get("reply").asString()).contains("needs approval and did not run");
		assertThat(outbox()).isEmpty();

		// The user approves in the page, which stores the approval and asks the model to
		// run the program again.
		approve(conversationId, refused);
		JsonNode second = chat(Map.of("message", FOLLOW_UP, "conversationId", conversationId));

		JsonNode output = second.get("executions").get(0).get("output");
		assertThat(output.get("result").asString()).isEqualTo("sent to ada@example.com");
		assertThat(output.has("refused")).isFalse();
		assertThat(outbox()).containsExactly("ada@example.com");
		assertThat(userMessages()).endsWith(FOLLOW_UP);

		// The approval was for that turn: the same program in the next one is refused
		// again.
		JsonNode third = chat(Map.of("message", "Once more", "conversationId", conversationId));
		assertThat(third.get("executions").get(0).get("output").get("refused")).hasSize(1);
		assertThat(outbox()).hasSize(1);
	}

	@Test
	void thePageAsksInTheChatAndTheModelRunsTheProgramAgainOnceApproved(@TempDir Path profile) {
		ChromeDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://localhost:" + this.port + "/");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));

			browser.findElement(By.id("chat-input")).sendKeys("Say hello to Ada by email", Keys.ENTER);

			WebElement call = wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#chat-log .message.assistant .approval li.refused-call")));
			assertThat(call.getText()).contains("codemode.sendEmail to ada@example.com: " + SUBJECT)
				.contains("Hello Ada");
			assertThat(outbox()).isEmpty();

			browser.findElement(By.cssSelector("#chat-log .approval button.approve")).click();

			wait.until(ExpectedConditions
				.numberOfElementsToBe(By.cssSelector("#chat-log .message.assistant:not(.pending)"), 2));
			List<WebElement> userMessages = browser.findElements(By.cssSelector("#chat-log .message.user"));
			assertThat(userMessages.get(userMessages.size() - 1).getText()).isEqualTo(FOLLOW_UP);
			List<WebElement> replies = browser.findElements(By.cssSelector("#chat-log .message.assistant"));
			assertThat(replies.get(1).findElement(By.tagName("p")).getText()).contains("sent to ada@example.com");
			assertThat(browser.findElements(By.cssSelector("#chat-log .approval"))).isEmpty();
			assertThat(outbox()).containsExactly("ada@example.com");
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void anApprovalBelongsToItsConversation() {
		JsonNode first = chat(Map.of("message", "Say hello to Ada by email"));
		approve(first.get("conversationId").asString(), first.get("executions").get(0).get("output").get("refused"));

		JsonNode other = chat(Map.of("message", "Say hello to Ada by email"));

		assertThat(other.get("conversationId").asString()).isNotEqualTo(first.get("conversationId").asString());
		assertThat(other.get("executions").get(0).get("output").get("refused")).hasSize(1);
		assertThat(outbox()).isEmpty();
	}

	@Test
	void approvalsNeedAConversationAndAtLeastOneCall() {
		assertThat(postStatus(Map.of("approvals", List.of()))).isEqualTo(400);
		assertThat(postStatus(Map.of("conversationId", "c", "approvals", List.of()))).isEqualTo(400);
		assertThat(postStatus(Map.of("conversationId", "c", "approvals", List.of(Map.of("tool", "x"))))).isEqualTo(400);
	}

	private void approve(String conversationId, JsonNode refused) {
		assertThat(postStatus(Map.of("conversationId", conversationId, "approvals", refused))).isEqualTo(204);
	}

	private int postStatus(Object body) {
		return this.rest.post()
			.uri("/api/chat/approvals")
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(body))
			.exchange((request, response) -> response.getStatusCode().value());
	}

	private List<String> outbox() {
		return this.jdbc.sql("SELECT recipient FROM outbox WHERE subject = :subject")
			.param("subject", SUBJECT)
			.query(String.class)
			.list();
	}

	private List<String> userMessages() {
		return this.model.prompts.get(this.model.prompts.size() - 1)
			.getInstructions()
			.stream()
			.filter(UserMessage.class::isInstance)
			.map((message) -> message.getText())
			.toList();
	}

	private JsonNode chat(Map<String, String> request) {
		return this.rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(request))
			.retrieve()
			.body(JsonNode.class);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ScriptedModelConfiguration {

		@Bean
		ScriptedChatModel chatModel() {
			return new ScriptedChatModel(EMAIL_PROGRAM);
		}

	}

}
