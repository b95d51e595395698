package dev.codemode.tool;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.Isolation;
import dev.codemode.mcp.McpTestServer;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only MCP tools get MCP handling (DESIGN contract item 5): the result of any other tool
 * reaches the program as the tool wrote it, whatever keys it has, while Spring AI's MCP
 * callbacks keep theirs.
 */
@BothIsolations
class McpResultsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Parameter
	Isolation isolation;

	private CodeExecutor executor() {
		return SharedGraalJsExecutor.get(this.isolation);
	}

	private static JsonNode call(CodeModeToolCallback codemode, String code) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", code))));
	}

	/** Attack corpus G9. */
	@Test
	void plainToolResultThatLooksLikeAnMcpErrorReachesTheProgramAsItIs() {
		String looksLikeMcp = "{\"id\":7,\"content\":[{\"type\":\"paragraph\",\"text\":\"x\"}],\"isError\":true}";
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor())
			.toolCallbacks(
					List.of(tool("getRecord", "A record.", "{\"type\":\"object\"}", (input, context) -> looksLikeMcp)))
			.build();
		JsonNode result = call(codemode, "return await codemode.getRecord({})");
		assertThat(result.has("error")).as(result.toString()).isFalse();
		assertThat(result.path("result")).isEqualTo(JSON.readTree(looksLikeMcp));
	}

	@Test
	void plainToolResultsWithMcpKeysAreNeverReshaped() {
		String structured = "{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"a\\\":1}\"}],\"structuredContent\":{\"a\":2}}";
		String contentList = "[{\"type\":\"text\",\"text\":\"plain\"}]";
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor())
			.toolCallbacks(List.of(tool("structured", "s", "{\"type\":\"object\"}", (input, context) -> structured),
					tool("contentList", "c", "{\"type\":\"object\"}", (input, context) -> contentList)))
			.build();
		JsonNode result = call(codemode, "return [await codemode.structured({}), await codemode.contentList({})]");
		assertThat(result.path("result").get(0)).as(result.toString()).isEqualTo(JSON.readTree(structured));
		assertThat(result.path("result").get(1)).isEqualTo(JSON.readTree(contentList));
	}

	@Test
	void mcpToolResultsAreUnwrappedAndTheirErrorsAreCatchable() throws Exception {
		try (McpTestServer server = McpTestServer.start(
				McpTestServer.tool("json_text", McpSchema.CallToolResult.builder().addTextContent("{\"a\":3}").build()),
				McpTestServer.tool("plain_text", McpSchema.CallToolResult.builder().addTextContent("Echo: hi").build()),
				McpTestServer.tool("failing",
						McpSchema.CallToolResult.builder().addTextContent("rate limited").isError(true).build()))) {
			CodeModeToolCallback codemode = CodeModeToolCallback.builder()
				.executor(executor())
				.toolCallbacks(server.callbacks())
				.build();
			JsonNode result = call(codemode, """
					const j = await codemode.json_text({});
					const t = await codemode.plain_text({});
					let message;
					try { await codemode.failing({}); } catch (e) { message = e.message; }
					return [j, t, message];""");
			assertThat(result.has("error")).as(result.toString()).isFalse();
			assertThat(result.path("result").get(0)).as(result.toString()).isEqualTo(JSON.readTree("{\"a\":3}"));
			assertThat(result.path("result").get(1).asString()).isEqualTo("Echo: hi");
			assertThat(result.path("result").get(2).asString()).contains("rate limited");
		}
	}

}
