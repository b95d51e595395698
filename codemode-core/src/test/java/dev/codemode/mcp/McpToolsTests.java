package dev.codemode.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.discovery.DiscoveryMode;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * MCP tools through their client (DESIGN contract item 9), against a real MCP server of
 * the Java SDK: results as values, errors as the server's text, output schemas as output
 * types, hints in the JSDoc and for approval.
 */
class McpToolsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Object> NO_INPUT = Map.of("type", "object", "properties", Map.of());

	// Released when the tests end, so that closing the server does not wait for the slow
	// tool's answer.
	private static final CountDownLatch SLOW_ANSWER = new CountDownLatch(1);

	private static GraalJsCodeExecutor executor;

	private static McpTestServer server;

	@BeforeAll
	static void start() throws Exception {
		executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
		server = McpTestServer.start(
				McpTestServer.tool("plain_text", McpSchema.CallToolResult.builder().addTextContent("Echo: hi").build()),
				McpTestServer.tool("json_text", McpSchema.CallToolResult.builder().addTextContent("{\"a\":3}").build()),
				McpTestServer.tool("number_text", McpSchema.CallToolResult.builder().addTextContent("123").build()),
				McpTestServer.tool("several",
						McpSchema.CallToolResult.builder()
							.addTextContent("first")
							.addContent(new McpSchema.ImageContent(null, "aGk=", "image/png"))
							.build()),
				McpTestServer.tool("nothing", McpSchema.CallToolResult.builder().content(List.of()).build()),
				McpTestServer.tool("failing",
						McpSchema.CallToolResult.builder()
							.addTextContent("ENOENT: no such file or directory, open '/nope.txt'")
							.isError(true)
							.build()),
				weather(), echo(), removeEverything(), slow());
	}

	@AfterAll
	static void stop() throws Exception {
		SLOW_ANSWER.countDown();
		server.close();
		executor.close();
	}

	private static SyncToolSpecification weather() {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder()
				.name("get-weather")
				.description("The weather in a city.")
				.inputSchema(Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
						"required", List.of("city")))
				.outputSchema(Map.of("type", "object", "properties",
						Map.of("temperature", Map.of("type", "number"), "conditions", Map.of("type", "string")),
						"required", List.of("temperature", "conditions")))
				.annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).idempotentHint(true).build())
				.build())
			.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
				.addTextContent("{\"temperature\":36,\"conditions\":\"drizzle\"}")
				.structuredContent(Map.of("temperature", 36, "conditions", "drizzle"))
				.build())
			.build();
	}

	private static SyncToolSpecification echo() {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder()
				.name("echo")
				.description("Echoes a message.")
				.inputSchema(Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string"))))
				.annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(true).build())
				.build())
			.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
				.addTextContent("Echo: " + request.arguments().get("message"))
				.build())
			.build();
	}

	private static SyncToolSpecification removeEverything() {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder().name("remove_everything").inputSchema(NO_INPUT).build())
			.callHandler((exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("gone").build())
			.build();
	}

	private static SyncToolSpecification slow() {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder().name("slow").inputSchema(NO_INPUT).build())
			.callHandler((exchange, request) -> {
				try {
					SLOW_ANSWER.await(15, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return McpSchema.CallToolResult.builder().addTextContent("late").build();
			})
			.build();
	}

	private static CodeModeToolCallback codemode(McpTools tools) {
		return CodeModeToolCallback.builder()
			.executor(executor)
			.tools(tools.tools())
			.approvalHandler((request) -> ApprovalDecision.deny("not now"))
			.build();
	}

	private static McpTools tools() {
		return McpTools.builder().connection(McpConnection.of(server.client())).build();
	}

	private static JsonNode run(CodeModeToolCallback codemode, String code) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", code))));
	}

	@Test
	void eachConnectionIsANamespaceNamedAfterIt() {
		McpTools tools = tools();
		assertThat(tools.namespaces()).containsExactly(Map.entry("test", "test"));
		assertThat(tools.tools()).extracting(CodeModeTool::namespace).containsOnly("test");
		assertThat(codemode(tools).declarations()).contains("declare const test: {");
	}

	@Test
	void resultsAreTheValuesThemselves() {
		JsonNode reply = run(codemode(tools()), """
				return [await test.plain_text(), await test.json_text(), await test.number_text(),
				    await test.several(), await test.nothing(), await test.get_weather({ city: "Oslo" }),
				    await test.echo({ message: "hi" })];""");
		assertThat(reply.has("error")).as(reply.toString()).isFalse();
		assertThat(reply.path("result")).isEqualTo(JSON.readTree("""
				["Echo: hi", {"a":3}, 123,
				 ["first", {"type":"image","data":"aGk=","mimeType":"image/png"}],
				 null, {"temperature":36,"conditions":"drizzle"}, "Echo: hi"]"""));
	}

	@Test
	void anErrorResultIsCatchableWithTheServersText() {
		JsonNode reply = run(codemode(tools()), """
				try { await test.failing(); } catch (e) { return e.message; }""");
		assertThat(reply.path("result").asString()).isEqualTo("ENOENT: no such file or directory, open '/nope.txt'");
		JsonNode uncaught = run(codemode(tools()), "return await test.failing()");
		assertThat(uncaught.path("error").asString()).contains("ENOENT: no such file or directory")
			.doesNotContain("TextContent", "Exception", "annotations=");
	}

	@Test
	void aProtocolErrorIsCatchableWithTheServersText() {
		McpConnection connection = McpConnection.of(server.client());
		McpToolCallback missing = new McpToolCallback(connection,
				McpSchema.Tool.builder().name("no_such_tool").inputSchema(NO_INPUT).build(), Duration.ofSeconds(5),
				(toolContext) -> null);
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.tools(List.of(new CodeModeTool("test", missing, null)))
			.build();
		JsonNode reply = run(codemode, "try { await test.no_such_tool(); } catch (e) { return e.message; }");
		// The Java SDK's server answers an unknown tool with a JSON-RPC error of its own
		// wording.
		assertThat(reply.path("result").asString()).isEqualTo("Unknown tool: invalid_tool_name");
	}

	@Test
	void theOutputSchemaIsTheDeclaredOutputTypeAndHintsAreInTheJsDoc() {
		String declarations = codemode(tools()).declarations();
		assertThat(declarations).contains("get_weather: (input: GetWeatherInput) => Promise<GetWeatherOutput>;")
			.containsPattern("type GetWeatherOutput = \\{\\n( {4}(conditions: string|temperature: number);\\n){2}}")
			.contains(" * The weather in a city.\n     *\n     * MCP hints: readOnlyHint=true, idempotentHint=true\n")
			.contains("type PlainTextOutput = unknown");
	}

	@Test
	void destructiveToolsNeedApprovalOnlyWhenAsked() {
		McpTools approving = McpTools.builder()
			.connection(McpConnection.of(server.client()))
			.approveDestructive(true)
			.build();
		// Read-only by its hints: runs. No hints: destructive by the MCP specification's
		// defaults: refused.
		JsonNode reply = run(codemode(approving), """
				const echoed = await test.echo({ message: "x" });
				let refused;
				try { await test.remove_everything(); } catch (e) { refused = e.message; }
				return [echoed, refused];""");
		assertThat(reply.path("result").get(0).asString()).isEqualTo("Echo: x");
		assertThat(reply.path("result").get(1).asString()).contains("needs approval", "not now");
		assertThat(reply.path("refused").get(0).path("tool").asString()).isEqualTo("test.remove_everything");
		assertThat(tools().tools()).noneMatch(CodeModeTool::requiresApproval);
	}

	@Test
	void aToolListThatChangedIsWhatTheNextCallerSees() {
		McpTools tools = tools();
		assertThat(tools.tools()).hasSize(10);
		int[] changes = new int[1];
		tools.onChange(() -> changes[0]++);
		tools.toolsChanged("test", List.of(McpSchema.Tool.builder().name("fresh").inputSchema(NO_INPUT).build()));
		assertThat(changes[0]).isOne();
		assertThat(tools.tools()).extracting(CodeModeTool::name).containsExactly("fresh");
		tools.toolsChanged("another", List.of());
		assertThat(changes[0]).isOne();
	}

	@Test
	void aServerThatExitedFailsTheCallsWaitingForItAndEveryLaterCallAtOnce() throws Exception {
		McpTools tools = tools();
		CodeModeToolCallback codemode = codemode(tools);
		Thread exit = new Thread(() -> {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				return;
			}
			tools.serverExited("test");
		});
		long start = System.nanoTime();
		exit.start();
		JsonNode waiting = run(codemode, "try { await test.slow(); } catch (e) { return e.message; }");
		// A generous bound: the server would have answered after 15 s, the client waits
		// 20 s.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
		assertThat(waiting.path("result").asString())
			.isEqualTo("the MCP server of connection 'test' exited; its tools cannot be called until the application "
					+ "restarts it");
		JsonNode later = run(codemode, "return await test.echo({ message: 'x' })");
		assertThat(later.path("error").asString()).contains("the MCP server of connection 'test' exited");
	}

	@Test
	void theCatalogFindsMcpToolsByTheirNamespace() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.tools(tools().tools())
			.discovery(DiscoveryMode.ALWAYS, 24_000)
			.build();
		JsonNode reply = run(codemode, """
				const [best] = await catalog.search("weather in a city");
				return [best.name, await catalog.describe(best.name), await test.get_weather({ city: "Oslo" })];""");
		assertThat(reply.has("error")).as(reply.toString()).isFalse();
		assertThat(reply.path("result").get(0).asString()).isEqualTo("test.get_weather");
		assertThat(reply.path("result").get(1).asString()).contains("temperature: number");
		assertThat(reply.path("result").get(2).path("temperature").asInt()).isEqualTo(36);
	}

	@Test
	void anAsyncClientIsANamespaceNamedAfterItsConnectionWithTheSameResults() {
		McpAsyncClient client = server.asyncClient("async-server");
		try {
			McpTools tools = McpTools.builder().connection(McpConnection.of(client)).build();
			assertThat(tools.namespaces()).containsExactly(Map.entry("async-server", "async_server"));
			JsonNode reply = run(codemode(tools),
					"""
							let failure;
							try { await async_server.failing(); } catch (e) { failure = e.message; }
							return [await async_server.get_weather({ city: "Oslo" }), await async_server.plain_text(), failure];""");
			assertThat(reply.path("result")).as(reply.toString()).isEqualTo(JSON.readTree("""
					[{"temperature":36,"conditions":"drizzle"}, "Echo: hi",
					 "ENOENT: no such file or directory, open '/nope.txt'"]"""));
		}
		finally {
			client.closeGracefully().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aConnectionWhoseNamespaceWouldHideAGlobalIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> McpTools.builder().connection(new McpConnection.Sync("console", server.client())).build())
			.withMessageContaining("MCP connection 'console' would be the namespace 'console'")
			.withMessageContaining("codemode.mcp.namespaces.console");
	}

	@Test
	void twoConnectionsThatWouldShareANamespaceAreRefused() {
		McpConnection connection = McpConnection.of(server.client());
		assertThatIllegalStateException()
			.isThrownBy(() -> McpTools.builder()
				.connection(connection)
				.namespace("other", "test")
				.connection(new McpConnection.Sync("other", server.client()))
				.build())
			.withMessageContaining("'test' and 'other' would both be the namespace 'test'")
			.withMessageContaining("codemode.mcp.namespaces.other");
	}

}
