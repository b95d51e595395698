package dev.codemode.autoconfigure.context;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux endpoint streams a chat through Spring AI's {@code ChatClient}, whose tool
 * loop runs the {@code codemode} tool on a Reactor stream (on a bounded-elastic thread,
 * with the stream's Reactor context in {@code ToolCallReactiveContextHolder}). The login
 * lives in the Reactor context ({@code ReactiveSecurityContextHolder}), not in any
 * thread-local; the program's tools still run as the caller: a blocking tool with method
 * security, and a reactive tool that reads {@code ReactiveSecurityContextHolder} as an
 * MCP tool would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = WebFluxCallerContextTests.WebFluxApplication.class, properties = { "codemode.warm-up=false",
				"codemode.chat-client.default-tools=true", "spring.main.web-application-type=reactive" })
class WebFluxCallerContextTests {

	static final String PROGRAM = """
			async () => {
			  const [user, reactiveUser, admin] = await Promise.all([
			    codemode.whoami({}),
			    codemode.reactiveWhoami({}),
			    codemode.adminOnly({}).catch((e) => "denied: " + e.message),
			  ]);
			  return { user, reactiveUser, admin };
			}""";

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(60))
			.build();
	}

	@Test
	void anAdminsToolsRunAsTheAdmin() {
		assertThat(ask("admin-1")).contains("\"user\":\"admin-1\"", "\"reactiveUser\":\"admin-1\"",
				"\"admin\":\"admin-ok\"");
	}

	@Test
	void aPlainUsersToolsRunAsThatUserAndTheAdminToolIsDenied() {
		assertThat(ask("user-2")).contains("\"user\":\"user-2\"", "\"reactiveUser\":\"user-2\"", "\"admin\":\"denied: ")
			.contains("Access Denied")
			.doesNotContain("admin-1", "admin-ok");
	}

	@Test
	void anAnonymousCallersToolsRunAnonymouslyAndTheAdminToolIsDenied() {
		assertThat(ask(null))
			.contains("\"user\":\"anonymousUser\"", "\"reactiveUser\":\"anonymousUser\"", "\"admin\":\"denied: ")
			.contains("Access Denied")
			.doesNotContain("admin-1", "admin-ok");
	}

	@Test
	void callersTakingTurnsNeverSeeEachOther() {
		for (int i = 0; i < 5; i++) {
			assertThat(ask("admin-1")).contains("\"user\":\"admin-1\"", "\"admin\":\"admin-ok\"");
			assertThat(ask("user-2")).contains("\"user\":\"user-2\"").doesNotContain("admin-1", "admin-ok");
			assertThat(ask(null)).contains("\"user\":\"anonymousUser\"").doesNotContain("admin-1", "admin-ok");
		}
	}

	private String ask(String user) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri("/ask");
		if (user != null) {
			request = request.headers((headers) -> headers.setBasicAuth(user, "password"));
		}
		String body = request.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).startsWith("Answer: ");
		return body;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	@EnableMethodSecurity
	static class WebFluxApplication {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.httpBasic(Customizer.withDefaults())
				.anonymous(Customizer.withDefaults())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("admin-1").password("{noop}password").roles("ADMIN").build(),
					User.withUsername("user-2").password("{noop}password").roles("USER").build());
		}

		@Bean
		ChatModel chatModel() {
			return new StreamingCodemodeModel(PROGRAM);
		}

		@Bean
		CallerTools callerTools() {
			return new CallerTools();
		}

		@Bean
		ReactiveTools reactiveTools() {
			return new ReactiveTools();
		}

		@Bean
		AskController askController(ChatClient.Builder chatClient) {
			return new AskController(chatClient.build());
		}

	}

	@RestController
	static class AskController {

		private final ChatClient chatClient;

		AskController(ChatClient chatClient) {
			this.chatClient = chatClient;
		}

		@GetMapping("/ask")
		Flux<String> ask() {
			return this.chatClient.prompt().user("Who am I, and may I do admin things?").stream().content();
		}

	}

	/**
	 * A tool that reads the login reactively, writing the Reactor context it was handed
	 * into its own chain.
	 */
	static class ReactiveTools {

		@Tool(description = "The name of the user, read from the reactive security context")
		public String reactiveWhoami() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> context.getAuthentication().getName())
				.defaultIfEmpty("none")
				.contextWrite((context) -> context.putAll(ToolCallReactiveContextHolder.getContext()))
				.block(Duration.ofSeconds(30));
		}

	}

	/**
	 * A streaming model that answers a question with one call of the {@code codemode}
	 * tool, and the tool's response with "Answer: " and the response.
	 */
	static final class StreamingCodemodeModel implements ChatModel {

		private final String program;

		StreamingCodemodeModel(String program) {
			this.program = program;
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			throw new UnsupportedOperationException("this model only streams");
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			List<Message> messages = prompt.getInstructions();
			if (messages.get(messages.size() - 1) instanceof ToolResponseMessage toolResponse) {
				String data = toolResponse.getResponses().get(0).responseData();
				return Flux.just(new ChatResponse(List.of(new Generation(new AssistantMessage("Answer: " + data)))));
			}
			String arguments = JsonMapper.builder().build().writeValueAsString(Map.of("code", this.program));
			AssistantMessage toolCall = AssistantMessage.builder()
				.content("")
				.toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", "codemode", arguments)))
				.build();
			return Flux.just(new ChatResponse(List.of(new Generation(toolCall))));
		}

		@Override
		public ChatOptions getOptions() {
			return ToolCallingChatOptions.builder().build();
		}

	}

}
