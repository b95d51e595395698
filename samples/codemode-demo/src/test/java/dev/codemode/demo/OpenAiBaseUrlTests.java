package dev.codemode.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Spring AI 2's OpenAI starter sends chat requests to
 * {@code <base-url>/chat/completions}: a base URL without {@code /v1} misses
 * OpenAI-compatible servers, which serve {@code /v1/chat/completions}. Checked with the
 * README's {@code application.yml} for an OpenAI-compatible server, against one on the
 * loopback interface.
 */
class OpenAiBaseUrlTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class, ToolCallingAutoConfiguration.class))
		.withPropertyValues("spring.ai.openai.max-retries=0");

	private FakeOpenAiServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeOpenAiServer("async () => 1");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void theReadmesBaseUrlReachesTheServersChatCompletions() throws IOException {
		PropertySource<?> readme = readmeYaml("OpenAI-compatible");
		String baseUrl = (String) readme.getProperty("spring.ai.openai.base-url");
		assertThat(baseUrl).endsWith("/v1");
		// The README's URL, with the fake server's host and port.
		String here = this.server.address() + URI.create(baseUrl).getPath();
		this.contextRunner
			.withPropertyValues("spring.ai.openai.base-url=" + here,
					"spring.ai.openai.api-key=" + readme.getProperty("spring.ai.openai.api-key"),
					"spring.ai.openai.chat.model=" + readme.getProperty("spring.ai.openai.chat.model"))
			.run((context) -> {
				// The server answers this message with a 401, which is enough to see
				// where the request went.
				assertThatException().isThrownBy(() -> context.getBean(ChatModel.class).call(FakeOpenAiServer.REFUSED))
					.withMessageContaining("Incorrect API key provided");
				assertThat(this.server.paths).containsExactly("/v1/chat/completions");
			});
	}

	@Test
	void aBaseUrlWithoutV1MissesTheServer() {
		this.contextRunner
			.withPropertyValues("spring.ai.openai.base-url=" + this.server.address(), "spring.ai.openai.api-key=ollama",
					"spring.ai.openai.chat.model=qwen2.5-coder:7b")
			.run((context) -> {
				assertThatException().isThrownBy(() -> context.getBean(ChatModel.class).call("Hi"))
					.withMessageContaining("404");
				assertThat(this.server.paths).containsExactly("/chat/completions");
			});
	}

	@Test
	void theReadmesOpenAiConfigurationUsesOpenAisDefaultUrl() throws IOException {
		PropertySource<?> readme = readmeYaml("OpenAI:");
		assertThat(readme.getProperty("spring.ai.openai.base-url")).isNull();
		assertThat(readme.getProperty("spring.ai.openai.api-key")).isEqualTo("${OPENAI_API_KEY}");
		this.contextRunner
			.withPropertyValues("OPENAI_API_KEY=sk-test",
					"spring.ai.openai.api-key=" + readme.getProperty("spring.ai.openai.api-key"),
					"spring.ai.openai.chat.model=" + readme.getProperty("spring.ai.openai.chat.model"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModel.class);
				assertThat(context.getEnvironment().getProperty("spring.ai.openai.api-key")).isEqualTo("sk-test");
			});
	}

	/**
	 * The first {@code yaml} block of the README's Quick start after a line that starts
	 * with the marker.
	 */
	private static PropertySource<?> readmeYaml(String marker) throws IOException {
		String readme = Files.readString(Path.of("..", "..", "README.md"));
		String quickStart = readme.substring(readme.indexOf("## Quick start"));
		Matcher block = Pattern.compile("(?m)^" + Pattern.quote(marker) + ".*?\\n```yaml\\n(.*?)```", Pattern.DOTALL)
			.matcher(quickStart);
		assertThat(block.find()).as("a yaml block after \"%s\" in the README's Quick start", marker).isTrue();
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("README",
				new ByteArrayResource(block.group(1).getBytes()));
		return sources.get(0);
	}

}
