package dev.codemode.demo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat through Spring AI's real tool loop, with a scripted model in place of OpenAI:
 * the model is offered the {@code codemode} tool, its programs run, and each turn shows
 * the programs with what they did.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatApiTests {

	static final String FIRST_PROGRAM = """
			async () => {
			  const [weather, customer] = await Promise.all([
			    codemode.getWeather({ location: "Oslo" }),
			    codemode.getCustomer({ id: 2 }),
			  ]);
			  return customer.name + ": " + weather.conditions;
			}""";

	static final String SECOND_PROGRAM = "async () => (await codemode.listCustomers({ city: \"Berlin\" })).length";

	@LocalServerPort
	private int port;

	@Autowired
	private ScriptedChatModel model;

	@Autowired
	private JsonMapper json;

	private RestClient rest;

	@BeforeEach
	void rest() {
		this.rest = RestClient.create("http://localhost:" + this.port);
		this.model.prompts.clear();
	}

	@Test
	void reportsTheModelAsAvailable() {
		JsonNode status = this.rest.get().uri("/api/chat").retrieve().body(JsonNode.class);

		assertThat(status.get("available").asBoolean()).isTrue();
		assertThat(status.get("model").asString()).isEqualTo("scripted");
	}

	@Test
	void aTurnShowsEachProgramTheModelRanAndWhatItDid() {
		JsonNode turn = chat(Map.of("message", "How is the weather for Ingrid, and how many customers in Berlin?"));

		assertThat(turn.get("reply").asString()).isEqualTo("Done: {\"result\":2,\"logs\":[]}");
		assertThat(turn.get("model").asString()).isEqualTo("scripted");
		assertThat(turn.get("conversationId").asString()).isNotBlank();
		JsonNode executions = turn.get("executions");
		assertThat(executions).hasSize(2);

		JsonNode first = executions.get(0);
		assertThat(first.get("code").asString()).isEqualTo(FIRST_PROGRAM);
		assertThat(first.get("output").get("result").asString()).startsWith("Ingrid Solberg: ");
		assertThat(first.get("toolCalls")).extracting((call) -> call.get("tool").asString())
			.containsExactlyInAnyOrder("codemode.getWeather", "codemode.getCustomer");

		JsonNode second = executions.get(1);
		assertThat(second.get("code").asString()).isEqualTo(SECOND_PROGRAM);
		assertThat(second.get("output").get("result").asInt()).isEqualTo(2);
		assertThat(second.get("toolCalls")).hasSize(1);

		// The model was offered one tool, codemode, and a system prompt that tells it to
		// write programs.
		assertThat(ScriptedChatModel.toolNames(this.model.prompts.get(0))).containsExactly("codemode");
		assertThat(this.model.prompts.get(0).getInstructions().get(0)).isInstanceOf(SystemMessage.class);
		assertThat(this.model.prompts.get(0).getInstructions().get(0).getText()).contains("codemode tool");
	}

	@Test
	void aConversationKeepsItsEarlierMessages() {
		String conversationId = chat(Map.of("message", "first question")).get("conversationId").asString();
		this.model.prompts.clear();

		chat(Map.of("message", "second question", "conversationId", conversationId));

		List<String> userMessages = this.model.prompts.get(0)
			.getInstructions()
			.stream()
			.filter(UserMessage.class::isInstance)
			.map((message) -> message.getText())
			.toList();
		assertThat(userMessages).containsExactly("first question", "second question");
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
			return new ScriptedChatModel(FIRST_PROGRAM, SECOND_PROGRAM);
		}

	}

}
