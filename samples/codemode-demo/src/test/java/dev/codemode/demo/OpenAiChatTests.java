package dev.codemode.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat with Spring AI's OpenAI starter switched on as the README says
 * (spring.ai.model.chat=openai and spring.ai.openai.*), against an OpenAI-compatible
 * server on the loopback interface: the model is offered the {@code codemode} tool with
 * the generated description, and its program runs; in the page too, where the chat shows
 * the program (in headless Chromium, skipped where it is not installed; screenshot in
 * target/chat.png).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.ai.model.chat=openai",
		"spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.model=fake-model" })
class OpenAiChatTests {

	private static final String PROGRAM = """
			async () => {
			  const customers = await codemode.listCustomers({ city: "Lisbon" });
			  return customers.map((c) => c.name);
			}""";

	private static final FakeOpenAiServer server = start();

	@LocalServerPort
	private int port;

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private JsonMapper json;

	@DynamicPropertySource
	static void openAi(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", server::baseUrl);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theOpenAiModelGetsTheCodemodeToolAndItsProgramRuns() {
		assertThat(this.chatModel).isInstanceOf(OpenAiChatModel.class);
		int requestsBefore = server.requests.size();
		RestClient rest = RestClient.create("http://localhost:" + this.port);
		JsonNode status = rest.get().uri("/api/chat").retrieve().body(JsonNode.class);
		assertThat(status.get("available").asBoolean()).isTrue();
		assertThat(status.get("model").asString()).isEqualTo("fake-model");

		JsonNode turn = rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(Map.of("message", "Who are our customers in Lisbon?")))
			.retrieve()
			.body(JsonNode.class);

		assertThat(turn.get("reply").asString())
			.isEqualTo("Done: {\"result\":[\"Maria Santos\",\"João Pereira\"],\"logs\":[]}");
		assertThat(turn.get("executions").get(0).get("code").asString()).isEqualTo(PROGRAM);
		assertThat(turn.get("executions").get(0).get("toolCalls").get(0).get("tool").asString())
			.isEqualTo("codemode.listCustomers");

		// What went over the wire: one tool, codemode, whose description holds the
		// TypeScript API.
		List<JsonNode> requests = server.requests.subList(requestsBefore, server.requests.size());
		assertThat(requests).as("the user's message, then the tool's result").hasSize(2);
		JsonNode first = requests.get(0);
		assertThat(first.get("model").asString()).isEqualTo("fake-model");
		assertThat(first.get("tools")).hasSize(1);
		JsonNode function = first.get("tools").get(0).get("function");
		assertThat(function.get("name").asString()).isEqualTo("codemode");
		assertThat(function.get("description").asString()).contains("declare const codemode: {")
			.contains("listCustomers");
		assertThat(function.get("parameters").get("required").get(0).asString()).isEqualTo("code");
	}

	@Test
	void aFailingModelIsABadGatewayWithTheModelsMessage() {
		RestClient rest = RestClient.create("http://localhost:" + this.port);

		JsonNode problem = rest.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(Map.of("message", FakeOpenAiServer.REFUSED)))
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(502);
				assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				return this.json.readTree(response.getBody());
			});

		assertThat(problem.get("detail").asString()).startsWith("The chat model failed: ")
			.contains("Incorrect API key provided");
	}

	@Test
	void thePageChatsAndShowsTheProgramTheModelWrote(@TempDir Path profile) throws IOException {
		ChromeDriver browser = HeadlessChromium.start(profile);
		try {
			browser.get("http://localhost:" + this.port + "/");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
			assertThat(browser.findElement(By.id("chat-model")).getText()).isEqualTo("with fake-model");

			browser.findElement(By.id("chat-input")).sendKeys("Who are our customers in Lisbon?", Keys.ENTER);

			WebElement reply = wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#chat-log .message.assistant:not(.pending)")));
			assertThat(reply.findElement(By.tagName("p")).getText()).startsWith("Done: ").contains("Maria Santos");
			WebElement program = reply.findElement(By.cssSelector("details.program"));
			assertThat(program.findElement(By.tagName("summary")).getText()).startsWith("Program 1: 1 tool call(s)");
			program.findElement(By.tagName("summary")).click();
			assertThat(program.findElement(By.cssSelector("pre.code")).getText()).isEqualTo(PROGRAM);
			assertThat(program.findElement(By.cssSelector("td.tool-name")).getText())
				.isEqualTo("codemode.listCustomers");
			assertThat(program.findElement(By.cssSelector("pre.result")).getText()).contains("\"João Pereira\"");

			Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "chat.png"),
					StandardCopyOption.REPLACE_EXISTING);

			// The program can go to the editor, to be changed and run again.
			program.findElement(By.tagName("button")).click();
			assertThat((String) browser
				.executeScript("return document.querySelector('#playground .CodeMirror').CodeMirror.getValue()"))
				.isEqualTo(PROGRAM);
		}
		finally {
			browser.quit();
		}
	}

	private static FakeOpenAiServer start() {
		try {
			return new FakeOpenAiServer(PROGRAM);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
