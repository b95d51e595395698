package dev.codemode.autoconfigure.chat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CodeModeChatClientAutoConfigurationTests {

	private static final String PROGRAM = """
			async () => {
			  const [weather, time] = await Promise.all([
			    codemode.getWeather({ city: "Oslo" }),
			    codemode.getTime({ city: "Oslo" }),
			  ]);
			  return `${weather} at ${time}`;
			}
			""";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class,
				CodeModeChatClientAutoConfiguration.class, ChatClientAutoConfiguration.class,
				ToolCallingAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false")
		.withBean(ChatModel.class, () -> new ScriptedChatModel(PROGRAM))
		.withBean(CityTools.class);

	@Test
	void leavesChatClientBuildersAloneByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ChatClientBuilderCustomizer.class);
			String answer = context.getBean(ChatClient.Builder.class).build().prompt("Hi").call().content();
			assertThat(((ScriptedChatModel) context.getBean(ChatModel.class)).toolNames().get(0)).isEmpty();
			assertThat(answer).isEqualTo("No tools, no answer");
		});
	}

	@Test
	void defaultToolsTrueGivesEveryAutoConfiguredBuilderTheCodemodeToolOnly() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true").run((context) -> {
			assertThat(context).hasSingleBean(ChatClientBuilderCustomizer.class);
			context.getBean(ChatClient.Builder.class).build().prompt("Hi").call().content();
			assertThat(((ScriptedChatModel) context.getBean(ChatModel.class)).toolNames().get(0))
				.containsExactly("codemode");
		});
	}

	@Test
	void defaultToolsTrueCombinesWithTheBuildersOwnDefaultTools() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true").run((context) -> {
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			String answer = context.getBean(ChatClient.Builder.class)
				.defaultTools(codemode)
				.build()
				.prompt("What is the weather in Oslo, and what time is it there?")
				.call()
				.content();
			assertThat(answer).startsWith("Answer: ");
			assertThat(((ScriptedChatModel) context.getBean(ChatModel.class)).toolNames().get(0))
				.containsExactly("codemode");
		});
	}

	@Test
	void defaultToolsTrueCombinesWithAToolOfThePrompt() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true").run((context) -> {
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			String answer = context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("What is the weather in Oslo, and what time is it there?")
				.tools(codemode)
				.call()
				.content();
			assertThat(answer).startsWith("Answer: ");
			assertThat(((ScriptedChatModel) context.getBean(ChatModel.class)).toolNames().get(0))
				.containsExactly("codemode");
		});
	}

	@Test
	void defaultToolsTrueAddsCodemodeBesideTheOtherToolsOfAPrompt() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true").run((context) -> {
			context.getBean(ChatClient.Builder.class).build().prompt("Hi").tools(new OtherTools()).call().content();
			assertThat(((ScriptedChatModel) context.getBean(ChatModel.class)).toolNames().get(0))
				.containsExactly("shout", "codemode");
		});
	}

	@Test
	void theBuildersDefaultToolsAndAToolOfThePromptAreTwoRegistrationsThatSpringAiRejects() {
		// What the README warns about ("one of these, not both"): Spring AI refuses the
		// request before any advisor,
		// so no starter code can run there; its message names the tool.
		this.contextRunner.run((context) -> {
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			ChatClient client = context.getBean(ChatClient.Builder.class).defaultTools(codemode).build();
			assertThatIllegalStateException().isThrownBy(() -> client.prompt("Hi").tools(codemode).call())
				.withMessageContaining("Multiple tools with the same name (codemode)");
		});
	}

	@Test
	void defaultToolsTrueDoesNothingWhenCodeModeIsDisabled() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true", "codemode.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatClientBuilderCustomizer.class));
	}

	@Test
	void defaultToolsTrueDoesNothingWithoutSpringAiChatClient() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true")
			.withClassLoader(new FilteredClassLoader(ChatClientBuilderCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean("codeModeChatClientBuilderCustomizer"));
	}

	@Test
	void aProgramCallsTwoToolBeansInParallelThroughSpringAisToolLoop() {
		this.contextRunner.withPropertyValues("codemode.chat-client.default-tools=true").run((context) -> {
			String answer = context.getBean(ChatClient.Builder.class)
				.build()
				.prompt()
				.user("What is the weather in Oslo, and what time is it there?")
				.toolContext(Map.of("tenant", "acme"))
				.call()
				.content();
			CityTools tools = context.getBean(CityTools.class);
			assertThat(tools.tenants).containsOnlyKeys("getWeather", "getTime").containsValues("acme", "acme");
			assertThat(answer).startsWith("Answer: ").contains("Sunny in Oslo at 12:00 in Oslo");
			assertThat(((ScriptedChatModel) context.getBean(ChatModel.class)).prompts).hasSize(2);
		});
	}

	static class OtherTools {

		@Tool(description = "Shouts")
		public String shout(String text) {
			return text.toUpperCase();
		}

	}

	/**
	 * Tools that meet at a barrier: they finish only if the program runs them at the same
	 * time.
	 */
	static class CityTools {

		final Map<String, String> tenants = new ConcurrentHashMap<>();

		private final CyclicBarrier bothRunning = new CyclicBarrier(2);

		@Tool(description = "The weather in a city")
		public String getWeather(String city, ToolContext toolContext) throws Exception {
			awaitTheOtherTool();
			this.tenants.put("getWeather", (String) toolContext.getContext().get("tenant"));
			return "Sunny in " + city;
		}

		@Tool(description = "The local time in a city")
		public String getTime(String city, ToolContext toolContext) throws Exception {
			awaitTheOtherTool();
			this.tenants.put("getTime", (String) toolContext.getContext().get("tenant"));
			return "12:00 in " + city;
		}

		private void awaitTheOtherTool() throws InterruptedException, BrokenBarrierException, TimeoutException {
			this.bothRunning.await(10, TimeUnit.SECONDS);
		}

	}

}
