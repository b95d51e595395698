package dev.codemode.autoconfigure.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.mcp.McpToolsChangedEvent;
import org.springframework.ai.mcp.client.common.autoconfigure.McpClientAutoConfiguration;
import org.springframework.ai.mcp.client.common.autoconfigure.McpToolCallbackAutoConfiguration;
import org.springframework.ai.mcp.client.common.autoconfigure.StdioTransportAutoConfiguration;
import org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link McpTestServers} with Spring AI's real MCP client auto-configuration:
 * server-everything and server-filesystem over stdio, server-everything over Streamable
 * HTTP, and our changing server's run-time tools.
 */
@ExtendWith(McpTestServers.class)
class McpTestServersTests {

	@TempDir
	static Path files;

	static McpTestServers.HttpServer everythingHttp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(McpClientAutoConfiguration.class, StdioTransportAutoConfiguration.class,
					StreamableHttpHttpClientTransportAutoConfiguration.class, McpToolCallbackAutoConfiguration.class));

	@BeforeAll
	static void startServers() throws IOException {
		Files.writeString(files.resolve("hello.txt"), "Hello from a file");
		everythingHttp = McpTestServers.startEverythingHttp();
	}

	@AfterAll
	static void stopServers() {
		if (everythingHttp != null) {
			everythingHttp.close();
		}
	}

	@Test
	void springAiConnectsToEachServerAndTitlesEachClientWithItsConnectionName() {
		this.contextRunner
			.withPropertyValues(properties(McpTestServers.stdioEverything("everything"),
					McpTestServers.stdioFilesystem("filesystem", files),
					McpTestServers.streamableHttp("remote", everythingHttp.url())))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("mcpToolCallbacks");
				Map<String, McpSyncClient> clients = syncClients(context).stream()
					.collect(Collectors.toMap((client) -> client.getClientInfo().title(), Function.identity()));
				assertThat(clients).containsOnlyKeys("everything", "filesystem", "remote");
				assertThat(clients.get("filesystem").getClientInfo().name())
					.isEqualTo("spring-ai-mcp-client - filesystem");
				assertThat(toolNames(clients.get("everything"))).contains("echo", "get-structured-content");
				assertThat(toolNames(clients.get("remote"))).contains("echo", "get-structured-content");
				assertThat(toolNames(clients.get("filesystem"))).contains("read_text_file", "write_file");
				assertThat(text(call(clients.get("remote"), "echo", Map.of("message", "hi")))).isEqualTo("Echo: hi");
				assertThat(text(call(clients.get("filesystem"), "read_text_file",
						Map.of("path", files.resolve("hello.txt").toRealPath().toString()))))
					.isEqualTo("Hello from a file");
			});
	}

	// The server adds the tool on its own, when the test creates a file, and not in
	// answer to a call of add_tool: the MCP SDK's StdioClientTransport.sendMessage
	// (2.0.0) fails with "Failed to enqueue message" when another thread is inside it
	// (tryEmitNext gives FAIL_NON_SERIALIZED), so the tools/list request with which the
	// client answers list_changed is dropped, and no event follows, whenever the thread
	// that sent add_tool has not yet left sendMessage when the notification comes back.
	// Here the client sends nothing else while it answers the notification.
	@Test
	void aToolAddedAtRunTimeMakesSpringAiPublishToolsChangedWithTheConnectionName(@TempDir Path toolsDirectory) {
		this.contextRunner.withPropertyValues(McpTestServers.stdioChangingServer("changing", toolsDirectory))
			.withBean(ToolsChangedEvents.class)
			.run((context) -> {
				McpSyncClient client = syncClients(context).get(0);
				assertThat(toolNames(client)).containsOnly("add_tool", "slow", "cancelled", "crash");
				Files.createFile(toolsDirectory.resolve("added_later"));
				McpToolsChangedEvent event = context.getBean(ToolsChangedEvents.class).events.poll(20,
						TimeUnit.SECONDS);
				assertThat(event).isNotNull();
				assertThat(event.getConnectionName()).isEqualTo("changing");
				assertThat(event.getTools()).extracting(Tool::name).contains("added_later");
				assertThat(text(call(client, "added_later", Map.of()))).isEqualTo("added_later");
			});
	}

	private static List<McpSyncClient> syncClients(ApplicationContext context) {
		return context
			.<List<McpSyncClient>>getBeanProvider(ResolvableType.forClassWithGenerics(List.class, McpSyncClient.class))
			.getObject();
	}

	private static List<String> toolNames(McpSyncClient client) {
		return client.listTools().tools().stream().map(Tool::name).toList();
	}

	private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
	}

	private static String text(CallToolResult result) {
		assertThat(result.isError()).as("isError of %s", result).isNotEqualTo(Boolean.TRUE);
		assertThat(result.content()).hasSize(1);
		return ((TextContent) result.content().get(0)).text();
	}

	private static String[] properties(String[]... groups) {
		return Stream.of(groups).flatMap(Arrays::stream).toArray(String[]::new);
	}

	static class ToolsChangedEvents implements ApplicationListener<McpToolsChangedEvent> {

		final BlockingQueue<McpToolsChangedEvent> events = new LinkedBlockingQueue<>();

		@Override
		public void onApplicationEvent(McpToolsChangedEvent event) {
			this.events.add(event);
		}

	}

}
