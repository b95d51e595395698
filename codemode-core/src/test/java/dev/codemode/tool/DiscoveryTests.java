package dev.codemode.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.discovery.DiscoveryMode;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A catalog of 500 tools, as several MCP servers bring: too many to declare in a
 * description. Programs are played by a {@link ScriptedExecutor}: the catalog namespace
 * is plain Java.
 */
class DiscoveryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] SUBJECTS = { "invoice", "customer", "order", "ticket", "repository", "issue",
			"deployment", "calendar event", "payment", "shipment" };

	private static final String[] VERBS = { "create", "get", "list", "update", "delete", "archive", "search", "export",
			"assign", "close" };

	private static final String[] SYSTEMS = { "crm", "erp", "github", "jira", "stripe" };

	private final List<ScriptedExecutor> executors = new ArrayList<>();

	@AfterEach
	void closeExecutors() {
		this.executors.forEach(ScriptedExecutor::close);
	}

	private CodeModeToolCallback.Builder builder(ScriptedExecutor.Program program) {
		ScriptedExecutor executor = new ScriptedExecutor(program);
		this.executors.add(executor);
		return CodeModeToolCallback.builder().executor(executor);
	}

	private static JsonNode search(ScriptedExecutor.Run run, String arguments) {
		return JSON.readTree(run.call("catalog.search", arguments));
	}

	private static JsonNode run(CodeModeToolCallback codemode) {
		return JSON.readTree(codemode.call("{\"code\": \"the program\"}"));
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
		CodeModeToolCallback full = builder((run) -> null).toolCallbacks(catalogOf500())
			.discovery(DiscoveryMode.NEVER, 24_000)
			.build();
		CodeModeToolCallback discovering = builder((run) -> null).toolCallbacks(catalogOf500()).build();
		String description = discovering.getToolDefinition().description();
		assertThat(full.getToolDefinition().description().length()).isGreaterThan(100_000);
		assertThat(description.length()).isLessThan(24_000 + 3_000);
		assertThat(description).contains("declare const catalog: {")
			.contains("declare const codemode: {")
			.contains("catalog.search");
	}

	@Test
	void aProgramFindsAndCallsTheRightToolInOneExecution() {
		CodeModeToolCallback codemode = builder((run) -> {
			JsonNode matches = search(run, "[\"refund a stripe payment: close it\", 3]");
			String name = matches.get(0).path("name").asString();
			String declaration = JSON.readTree(run.call("catalog.describe", JSON.writeValueAsString(name))).asString();
			JsonNode result = JSON.readTree(run.call(name, "{\"id\":\"pay_42\"}"));
			return Map.of("name", name, "declaration", declaration, "result", result);
		}).toolCallbacks(catalogOf500()).build();
		JsonNode result = run(codemode);
		assertThat(result.has("error")).as(result.toString()).isFalse();
		assertThat(result.path("result").path("name").asString()).isEqualTo("codemode.stripe_close_payment");
		assertThat(result.path("result").path("declaration").asString()).contains("stripe_close_payment")
			.contains("id: string");
		assertThat(result.path("result").path("result").path("input").path("id").asString()).isEqualTo("pay_42");
	}

	@Test
	void searchTakesALimit() {
		CodeModeToolCallback codemode = builder((run) -> List.of(search(run, "[\"invoice\", 2]").size(),
				search(run, "\"invoice\"").size(), search(run, "{\"query\":\"invoice\",\"limit\":500}").size()))
			.toolCallbacks(catalogOf500())
			.build();
		assertThat(run(codemode).path("result").toString()).isEqualTo("[2,10,50]");
	}

	@Test
	void searchWithoutAQueryIsAnErrorThatShowsHowToCallIt() {
		CodeModeToolCallback codemode = builder((run) -> search(run, "42")).toolCallbacks(catalogOf500()).build();
		assertThat(run(codemode).path("error").asString())
			.contains("catalog.search takes a query in words: catalog.search(\"send an email\", 5)");
	}

	@Test
	void describingAToolThatDoesNotExistNamesOneThatDoes() {
		CodeModeToolCallback codemode = builder((run) -> run.call("catalog.describe", "\"codemode.nothing\""))
			.toolCallbacks(catalogOf500())
			.build();
		assertThat(run(codemode).path("error").asString()).contains("there is no tool \"codemode.nothing\"")
			.contains("codemode.crm_create_invoice");
	}

	@Test
	void searchRanksNameMatchesFirst() {
		CodeModeToolCallback codemode = builder((run) -> search(run, "\"list github issues\""))
			.toolCallbacks(catalogOf500())
			.build();
		assertThat(run(codemode).path("result").get(0).path("name").asString()).isEqualTo("codemode.github_list_issue");
	}

	@Test
	void aUsersOwnToolsNamedSearchAndDescribeAreNeverShadowed() {
		CodeModeToolCallback codemode = builder((run) -> List.of(JSON.readTree(run.call("codemode.search", "{}")),
				JSON.readTree(run.call("codemode.describe", "{}")),
				search(run, "\"search\"").get(0).path("name").asString()))
			.toolCallbacks(List.of(
					tool("search", "The user's own search.", "{\"type\":\"object\"}",
							(input, context) -> "\"own search\""),
					tool("describe", "The user's own describe.", "{\"type\":\"object\"}",
							(input, context) -> "\"own describe\"")))
			.discovery(DiscoveryMode.ALWAYS, 24_000)
			.build();
		assertThat(run(codemode).path("result").toString())
			.isEqualTo("[\"own search\",\"own describe\",\"codemode.search\"]");
	}

	@Test
	void smallCatalogsAreDeclaredInFull() {
		CodeModeToolCallback codemode = builder((run) -> null).toolCallbacks(catalogOf500().subList(0, 5)).build();
		assertThat(codemode.getToolDefinition().description()).doesNotContain("declare const catalog");
	}

}
