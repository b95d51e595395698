package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.discovery.DiscoveryMode;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog of 500 tools, as several MCP servers bring: too many to declare in a
 * description.
 */
class DiscoveryTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] SUBJECTS = { "invoice", "customer", "order", "ticket", "repository", "issue",
			"deployment", "calendar event", "payment", "shipment" };

	private static final String[] VERBS = { "create", "get", "list", "update", "delete", "archive", "search", "export",
			"assign", "close" };

	private static final String[] SYSTEMS = { "crm", "erp", "github", "jira", "stripe" };

	private static GraalJsCodeExecutor executor;

	@BeforeAll
	static void startExecutor() {
		executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().timeout(Duration.ofSeconds(20)).build());
		executor.warmUp();
	}

	@AfterAll
	static void stopExecutor() {
		executor.close();
	}

	static List<ToolCallback> catalogOf500() {
		List<ToolCallback> tools = new ArrayList<>();
		for (String system : SYSTEMS) {
			for (String verb : VERBS) {
				for (String subject : SUBJECTS) {
					String name = system + "_" + verb + "_" + subject.replace(' ', '_');
					String description = capitalize(verb) + " a " + subject + " in " + system.toUpperCase()
							+ ". Use it when the user asks to " + verb + " " + subject + "s; it returns the " + subject
							+ " with its id, status and timestamps.";
					String schema = """
							{"type":"object","properties":{"id":{"type":"string","description":"The %s id"},
							 "query":{"type":"string"},"limit":{"type":"integer","minimum":1,"maximum":100}},
							 "required":["id"]}""".formatted(subject);
					tools.add(tool(name, description, schema,
							(input, context) -> "{\"tool\":\"" + name + "\",\"input\":" + input + "}"));
				}
			}
		}
		return tools;
	}

	private static String capitalize(String word) {
		return Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

	@Test
	void aLargeCatalogSwitchesToDiscoveryAndStaysUnderTheBudget() {
		CodeModeToolCallback full = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(catalogOf500())
			.discovery(DiscoveryMode.NEVER, 24_000)
			.build();
		CodeModeToolCallback discovering = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(catalogOf500())
			.build();
		String description = discovering.getToolDefinition().description();
		System.out.printf("500 tools: description %d characters with every declaration, %d with discovery%n",
				full.getToolDefinition().description().length(), description.length());
		assertThat(full.getToolDefinition().description().length()).isGreaterThan(100_000);
		assertThat(description.length()).isLessThan(24_000 + 3_000);
		assertThat(description).contains("declare const catalog: {")
			.contains("declare const codemode: {")
			.contains("catalog.search");
	}

	@Test
	void aProgramFindsAndCallsTheRightToolInOneExecution() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(catalogOf500())
			.build();
		String code = """
				async () => {
				  const matches = await catalog.search("refund a stripe payment: close it", 3);
				  const declaration = await catalog.describe(matches[0].name);
				  const [namespace, tool] = matches[0].name.split(".");
				  const result = await globalThis[namespace][tool]({ id: "pay_42" });
				  return { name: matches[0].name, declaration, result };
				}""";
		JsonNode result = JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", code))));
		assertThat(result.has("error")).as(result.toString()).isFalse();
		assertThat(result.path("result").path("name").asString()).isEqualTo("codemode.stripe_close_payment");
		assertThat(result.path("result").path("declaration").asString()).contains("stripe_close_payment")
			.contains("id: string");
		assertThat(result.path("result").path("result").path("input").path("id").asString()).isEqualTo("pay_42");
	}

	@Test
	void searchTakesALimit() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(catalogOf500())
			.build();
		JsonNode result = JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code",
				"return [(await catalog.search('invoice', 2)).length, (await catalog.search('invoice')).length]"))));
		assertThat(result.path("result").toString()).isEqualTo("[2,10]");
	}

	@Test
	void searchRanksNameMatchesFirst() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(catalogOf500())
			.build();
		JsonNode result = JSON.readTree(codemode.call(JSON.writeValueAsString(
				Map.of("code", "return (await catalog.search('list github issues')).map(m => m.name)"))));
		assertThat(result.path("result").get(0).asString()).isEqualTo("codemode.github_list_issue");
	}

	@Test
	void aUsersOwnToolsNamedSearchAndDescribeAreNeverShadowed() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(List.of(
					tool("search", "The user's own search.", "{\"type\":\"object\"}",
							(input, context) -> "\"own search\""),
					tool("describe", "The user's own describe.", "{\"type\":\"object\"}",
							(input, context) -> "\"own describe\"")))
			.discovery(DiscoveryMode.ALWAYS, 24_000)
			.build();
		JsonNode result = JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code",
				"return [await codemode.search({}), await codemode.describe({}), (await catalog.search('search'))[0].name]"))));
		assertThat(result.path("result").toString()).isEqualTo("[\"own search\",\"own describe\",\"codemode.search\"]");
	}

	@Test
	void smallCatalogsAreDeclaredInFull() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(executor)
			.toolCallbacks(catalogOf500().subList(0, 5))
			.build();
		assertThat(codemode.getToolDefinition().description()).doesNotContain("declare const catalog");
	}

}
