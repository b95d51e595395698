package dev.codemode.autoconfigure.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.tool.CodeModeConfigurationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.client.common.autoconfigure.McpClientAutoConfiguration;
import org.springframework.ai.mcp.client.common.autoconfigure.McpToolCallbackAutoConfiguration;
import org.springframework.ai.mcp.client.common.autoconfigure.StdioTransportAutoConfiguration;
import org.springframework.ai.mcp.client.httpclient.autoconfigure.StreamableHttpHttpClientTransportAutoConfiguration;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Code mode with Spring AI's real MCP client and real servers from npm (see
 * {@link McpTestServers}): what a program is declared, receives and catches, for
 * server-everything and server-filesystem over stdio, server-everything over Streamable
 * HTTP, and our changing server. Each context starts its stdio servers, so the assertions
 * are grouped to start few contexts.
 */
@ExtendWith({ McpTestServers.class, OutputCaptureExtension.class })
class McpRealServersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tempDir;

	static Path files;

	static McpTestServers.HttpServer everythingHttp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
				StdioTransportAutoConfiguration.class, StreamableHttpHttpClientTransportAutoConfiguration.class,
				McpToolCallbackAutoConfiguration.class, CodeModeAutoConfiguration.class,
				CodeModeMcpAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	@BeforeAll
	static void startServers() throws IOException {
		files = tempDir.toRealPath();
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
	void eachConnectionIsANamespaceDeclaredFromItsServersToolsAndNoMcpToolIsDeclaredTwice() {
		withAllServers((context) -> {
			String declarations = codemode(context).getToolDefinition().description();
			assertThat(declarations).contains("declare const everything: {", "declare const filesystem: {",
					"declare const remote: {", "declare const codemode: {");
			assertThat(member(block(declarations, "everything"), "get_structured_content")).contains(
					"MCP hints: readOnlyHint=true, destructiveHint=false, idempotentHint=true, openWorldHint=false",
					"get_structured_content: (input: GetStructuredContentInput) => Promise<GetStructuredContentOutput>;");
			assertThat(type(declarations, "GetStructuredContentOutput")).contains("temperature: number",
					"conditions: string", "humidity: number");
			assertThat(member(block(declarations, "filesystem"), "write_file"))
				.contains("MCP hints: readOnlyHint=false, destructiveHint=true");
			// Spring AI's mcpToolCallbacks are there, but only the namespaces of the
			// connections declare MCP tools.
			assertThat(context).hasBean("mcpToolCallbacks");
			assertThat(block(declarations, "codemode")).contains("greet: (input: GreetInput) => Promise<GreetOutput>;")
				.doesNotContain("echo", "get_structured_content", "read_text_file", "write_file");
		});
	}

	@Test
	void aProgramReceivesEachShapeOfResultAsAValueAcrossServersAndLocalTools() {
		withAllServers((context) -> {
			JsonNode reply = run(context, """
					async () => {
					  const [echo, weather, sum, image, links, file, remoteEcho, greeting] = await Promise.all([
					    everything.echo({ message: "hi" }),
					    everything.get_structured_content({ location: "Chicago" }),
					    everything.get_sum({ a: 2, b: 3 }),
					    everything.get_tiny_image({}),
					    everything.get_resource_links({ count: 2 }),
					    filesystem.read_text_file({ path: "%s" }),
					    remote.echo({ message: "x" }),
					    codemode.greet({ name: "Ada" }),
					  ]);
					  return { echo, weather, sum, image, links, file, remoteEcho, greeting };
					}""".formatted(files.resolve("hello.txt")));
			assertThat(reply.has("error")).as("%s", reply).isFalse();
			JsonNode result = reply.get("result");
			assertThat(result.get("echo").asString()).isEqualTo("Echo: hi");
			assertThat(result.get("weather")).isEqualTo(
					JSON.readTree("{\"temperature\":36,\"conditions\":\"Light rain / drizzle\",\"humidity\":82}"));
			// get-sum answers in a sentence: the text is not JSON, so it is the string.
			assertThat(result.get("sum").asString()).isEqualTo("The sum of 2 and 3 is 5.");
			JsonNode image = result.get("image");
			assertThat(image.size()).isEqualTo(3);
			assertThat(image.get(0).asString()).isEqualTo("Here's the image you requested:");
			assertThat(image.get(1).get("type").asString()).isEqualTo("image");
			assertThat(image.get(1).get("mimeType").asString()).isEqualTo("image/png");
			assertThat(image.get(1).get("data").asString()).startsWith("iVBORw0KGgo");
			assertThat(image.get(2).asString()).isEqualTo("The image above is the MCP logo.");
			JsonNode links = result.get("links");
			assertThat(links.size()).isEqualTo(3);
			assertThat(links.get(0).asString())
				.isEqualTo("Here are 2 resource links to resources available in this server:");
			assertThat(links.get(1).get("type").asString()).isEqualTo("resource_link");
			assertThat(links.get(1).get("name").asString()).isEqualTo("Blob Resource 1");
			assertThat(links.get(2).get("type").asString()).isEqualTo("resource_link");
			assertThat(links.get(2).get("name").asString()).isEqualTo("Text Resource 2");
			// read_text_file declares an outputSchema { content: string }, so its
			// structuredContent is the value.
			assertThat(result.get("file")).isEqualTo(JSON.readTree("{\"content\":\"Hello from a file\"}"));
			assertThat(result.get("remoteEcho").asString()).isEqualTo("Echo: x");
			assertThat(result.get("greeting").asString()).isEqualTo("Hello, Ada");

			// Without codemode.mcp.approve-destructive, a destructive tool runs.
			Path written = files.resolve("written.txt");
			JsonNode write = run(context,
					"async () => await filesystem.write_file({ path: \"%s\", content: \"new\" })".formatted(written));
			assertThat(write.has("error")).as("%s", write).isFalse();
			assertThat(write.get("result"))
				.isEqualTo(JSON.readTree("{\"content\":\"Successfully wrote to %s\"}".formatted(written)));
			assertThat(written).hasContent("new");
		});
	}

	@Test
	void manyCallsAtOnceOnOneStdioServerAllArrive() {
		this.contextRunner.withPropertyValues(McpTestServers.stdioEverything("everything"))
			.withPropertyValues("codemode.max-tool-calls-in-flight=16")
			.run((context) -> {
				for (int round = 0; round < 5; round++) {
					JsonNode reply = run(context, """
							async () => Promise.all(Array.from({ length: 32 },
							    (_, i) => everything.echo({ message: "m" + i })))""");
					assertThat(reply.has("error")).as("%s", reply).isFalse();
					assertThat(reply.get("result")).hasSize(32);
					assertThat(reply.get("result").get(31).asString()).isEqualTo("Echo: m31");
				}
			});
	}

	@Test
	void aServersErrorIsCatchableWithTheServersTextAndSpringAiLogsNoError(CapturedOutput output) {
		Path missing = files.resolve("nope.txt");
		this.contextRunner.withPropertyValues(McpTestServers.stdioFilesystem("filesystem", files)).run((context) -> {
			JsonNode caught = run(context, """
					async () => {
					  try {
					    await filesystem.read_text_file({ path: "%s" });
					    return "no error";
					  }
					  catch (e) {
					    return e.message;
					  }
					}""".formatted(missing));
			String message = caught.get("result").asString();
			assertThat(message).isEqualTo("ENOENT: no such file or directory, open '" + missing + "'")
				.doesNotContain("TextContent", "annotations=", "Exception");
			JsonNode uncaught = run(context,
					"async () => await filesystem.read_text_file({ path: \"%s\" })".formatted(missing));
			assertThat(uncaught.get("error").asString()).contains(message)
				.doesNotContain("TextContent", "annotations=", "Exception");
		});
		assertThat(output).doesNotContain("Error calling tool");
	}

	@Test
	void aConnectionsNameIsMadeAnIdentifierOrSetByAProperty() {
		this.contextRunner
			.withPropertyValues(properties(McpTestServers.stdioChangingServer("my-files"),
					McpTestServers.stdioChangingServer("other-files")))
			.withPropertyValues("codemode.mcp.namespaces.other-files=docs")
			.run((context) -> {
				String declarations = codemode(context).getToolDefinition().description();
				assertThat(declarations).contains("declare const my_files: {", "declare const docs: {")
					.doesNotContain("declare const other_files");
				JsonNode reply = run(context,
						"async () => [await my_files.add_tool({ name: \"a\" }), await docs.add_tool({ name: \"b\" })]");
				assertThat(reply.get("result")).isEqualTo(JSON.readTree("[\"added a\",\"added b\"]"));
			});
	}

	@Test
	void twoConnectionsWhoseNamesAreTheSameIdentifierFailAtStartup() {
		this.contextRunner
			.withPropertyValues(
					properties(McpTestServers.stdioChangingServer("a-b"), McpTestServers.stdioChangingServer("a_b")))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(CodeModeConfigurationException.class);
				assertThat(context.getStartupFailure().getMessage()).contains("'a-b'", "'a_b'",
						"would both be the namespace 'a_b'");
			});
	}

	@Test
	void withApproveDestructiveADestructiveToolNeedsApprovalAndAReadOnlyToolRuns() {
		List<ApprovalRequest> requests = new CopyOnWriteArrayList<>();
		Path target = files.resolve("refused.txt");
		this.contextRunner.withPropertyValues(McpTestServers.stdioFilesystem("filesystem", files))
			.withPropertyValues("codemode.mcp.approve-destructive=true")
			.withBean(ToolApprovalHandler.class, () -> (request) -> {
				requests.add(request);
				return ApprovalDecision.deny("no writes today");
			})
			.run((context) -> {
				JsonNode reply = run(context, """
						async () => {
						  const read = await filesystem.read_text_file({ path: "%s" });
						  try {
						    await filesystem.write_file({ path: "%s", content: "x" });
						    return { read, write: "written" };
						  }
						  catch (e) {
						    return { read, write: e.message };
						  }
						}""".formatted(files.resolve("hello.txt"), target));
				assertThat(reply.get("result").get("read"))
					.isEqualTo(JSON.readTree("{\"content\":\"Hello from a file\"}"));
				assertThat(reply.get("result").get("write").asString())
					.isEqualTo("filesystem.write_file needs approval and did not run: denied: no writes today");
				assertThat(reply.get("refused").size()).isEqualTo(1);
				assertThat(reply.get("refused").get(0).get("tool").asString()).isEqualTo("filesystem.write_file");
				// The handler sees the tool's own name; the reply names it as programs
				// call it.
				assertThat(requests).extracting(ApprovalRequest::namespace, ApprovalRequest::tool)
					.containsExactly(tuple("filesystem", "write_file"));
				assertThat(target).doesNotExist();
			});
	}

	@Test
	void aToolTheServerAddsAtRunTimeIsDeclaredAndCallableInTheNextExecution() {
		this.contextRunner.withPropertyValues(McpTestServers.stdioChangingServer("changing")).run((context) -> {
			ToolCallback codemode = codemode(context);
			assertThat(codemode.getToolDefinition().description()).contains("declare const changing: {")
				.doesNotContain("fresh_tool");
			JsonNode added = run(context, "async () => await changing.add_tool({ name: \"fresh_tool\" })");
			assertThat(added.get("result").asString()).isEqualTo("added fresh_tool");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(codemode.getToolDefinition().description()).contains("fresh_tool"));
			JsonNode fresh = run(context, "async () => await changing.fresh_tool()");
			assertThat(fresh.has("error")).as("%s", fresh).isFalse();
			assertThat(fresh.get("result").asString()).isEqualTo("fresh_tool");
		});
	}

	@Test
	void aServerThatDiesMidCallFailsTheCallFastAndSoDoesTheNextCall() {
		this.contextRunner.withPropertyValues(McpTestServers.stdioChangingServer("changing"))
			.withPropertyValues("spring.ai.mcp.client.request-timeout=60s", "codemode.timeout=30s")
			.run((context) -> {
				long start = System.nanoTime();
				JsonNode crashed = run(context, """
						async () => {
						  try {
						    await changing.crash();
						    return "answered";
						  }
						  catch (e) {
						    return e.message;
						  }
						}""");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
				assertThat(crashed.get("result").asString()).contains("exited");
				start = System.nanoTime();
				JsonNode next = run(context, "async () => await changing.add_tool({ name: \"after\" })");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
				assertThat(next.get("error").asString()).contains("exited");
			});
	}

	private void withAllServers(ContextConsumer<AssertableApplicationContext> consumer) {
		this.contextRunner
			.withPropertyValues(properties(McpTestServers.stdioEverything("everything"),
					McpTestServers.stdioFilesystem("filesystem", files),
					McpTestServers.streamableHttp("remote", everythingHttp.url())))
			.withUserConfiguration(LocalToolsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				consumer.accept(context);
			});
	}

	private static ToolCallback codemode(AssertableApplicationContext context) {
		return context.getBean("codemode", ToolCallback.class);
	}

	/** Runs a program with the codemode tool and returns its parsed reply. */
	private static JsonNode run(AssertableApplicationContext context, String code) {
		String input = JSON.writeValueAsString(Map.of("code", code));
		return JSON.readTree(codemode(context).call(input));
	}

	/**
	 * The declaration block of one namespace, from {@code declare const <namespace>: {}
	 * to its closing brace.
	 */
	private static String block(String declarations, String namespace) {
		String start = "declare const " + namespace + ": {";
		int from = declarations.indexOf(start);
		assertThat(from).as("%s in %s", start, declarations).isNotNegative();
		int end = declarations.indexOf("\n}", from);
		return declarations.substring(from, (end < 0) ? declarations.length() : end);
	}

	/**
	 * One member of a namespace block with its JSDoc: from the end of the previous member
	 * to its own signature.
	 */
	private static String member(String block, String name) {
		int at = block.indexOf(" " + name + ": (");
		assertThat(at).as("%s in %s", name, block).isNotNegative();
		int from = block.lastIndexOf(";\n", at);
		int to = block.indexOf('\n', at);
		return block.substring(Math.max(from, 0), (to < 0) ? block.length() : to);
	}

	/** The declaration of a named type, from its name to its closing brace. */
	private static String type(String declarations, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(interface|type) " + name + "\\b[^}]*}")
			.matcher(declarations);
		assertThat(matcher.find()).as("type %s in %s", name, declarations).isTrue();
		return matcher.group();
	}

	private static String[] properties(String[]... groups) {
		return Stream.of(groups).flatMap(Arrays::stream).toArray(String[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	static class LocalToolsConfiguration {

		@Bean
		GreetingTools greetingTools() {
			return new GreetingTools();
		}

	}

	static class GreetingTools {

		@Tool(description = "Greets someone")
		public String greet(String name) {
			return "Hello, " + name;
		}

	}

}
