package dev.codemode.autoconfigure;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.WorkerOptions;
import dev.codemode.tool.CodeModeToolCallback;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata that IDEs show for {@code codemode.*}: every property has a description
 * and a default.
 */
class ConfigurationMetadataTests {

	private static final Pattern README_ROW = Pattern
		.compile("^\\| `(codemode\\.[a-z.-]+?)(?:\\.\\*)?` \\| ([^|]+) \\|.*$");

	private static final Set<String> DOCUMENTED = Set.of("codemode.enabled", "codemode.tool-name",
			"codemode.description-template", "codemode.log-code", "codemode.warm-up",
			"codemode.warm-up-before-readiness", "codemode.timeout", "codemode.max-cpu-time", "codemode.max-statements",
			"codemode.max-allocated-bytes", "codemode.max-code-length", "codemode.max-nesting-depth",
			"codemode.max-tool-calls", "codemode.max-tool-calls-in-flight", "codemode.max-console-chars",
			"codemode.max-result-chars", "codemode.max-concurrent-executions", "codemode.max-retired-threads",
			"codemode.allow-eval", "codemode.env", "codemode.namespaces", "codemode.tools.include",
			"codemode.tools.exclude", "codemode.approval.tools", "codemode.approval.timeout", "codemode.discovery.mode",
			"codemode.discovery.max-declaration-chars", "codemode.chat-client.default-tools", "codemode.mcp.enabled",
			"codemode.mcp.approve-destructive", "codemode.mcp.namespaces", "codemode.executor.transpiler",
			"codemode.executor.program-cache-size", "codemode.executor.isolation", "codemode.executor.worker.count",
			"codemode.executor.worker.max-heap", "codemode.executor.worker.jvm-args",
			"codemode.executor.worker.max-waiting", "codemode.executor.worker.grace",
			"codemode.executor.worker.start-timeout");

	// Defaults that depend on the machine or are empty maps; their descriptions say what
	// applies when unset.
	private static final Map<String, String> DEFAULT_IN_DESCRIPTION = Map.of("codemode.description-template",
			"When not set", "codemode.max-allocated-bytes", "When not set", "codemode.max-concurrent-executions",
			"When not set", "codemode.env", "Empty by default", "codemode.namespaces", "Empty by default",
			"codemode.mcp.namespaces", "Empty by default", "codemode.executor.worker.count", "When not set");

	@Test
	void everyDocumentedPropertyHasADescriptionAndADefault() throws Exception {
		Map<String, JsonNode> properties = codemodeProperties();
		assertThat(properties).containsOnlyKeys(DOCUMENTED);
		properties.forEach((name, property) -> {
			assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			if (DEFAULT_IN_DESCRIPTION.containsKey(name)) {
				assertThat(property.path("description").asString()).as("description of %s", name)
					.contains(DEFAULT_IN_DESCRIPTION.get(name));
			}
			else {
				assertThat(property.has("defaultValue")).as("default of %s", name).isTrue();
			}
		});
	}

	@Test
	void defaultsAreTheDocumentedOnes() throws Exception {
		Map<String, JsonNode> properties = codemodeProperties();
		assertThat(properties.get("codemode.enabled").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("codemode.tool-name").get("defaultValue").asString()).isEqualTo("codemode");
		assertThat(properties.get("codemode.timeout").get("defaultValue").asString()).isEqualTo("30s");
		assertThat(properties.get("codemode.max-tool-calls").get("defaultValue").asInt()).isEqualTo(100);
		assertThat(properties.get("codemode.allow-eval").get("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("codemode.log-code").get("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("codemode.warm-up").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("codemode.warm-up-before-readiness").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("codemode.chat-client.default-tools").get("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("codemode.tools.include").get("defaultValue").isArray()).isTrue();
		assertThat(properties.get("codemode.discovery.mode").get("defaultValue").asString()).isEqualTo("auto");
		assertThat(properties.get("codemode.approval.timeout").get("defaultValue").asString()).isEqualTo("30s");
		assertThat(properties.get("codemode.executor.isolation").get("defaultValue").asString())
			.isEqualTo("in-process");
		assertThat(properties.get("codemode.executor.worker.max-heap").get("defaultValue").asString())
			.isEqualTo("256MB");
	}

	// The configuration processor cannot read a default that refers to another class's
	// constant, so additional-spring-configuration-metadata.json states these defaults:
	// they must stay the executor's.
	@Test
	void executorDefaultsInTheMetadataAreTheExecutorOptionsConstants() throws Exception {
		Map<String, JsonNode> properties = codemodeProperties();
		assertThat(DurationStyle.detectAndParse(properties.get("codemode.timeout").get("defaultValue").asString()))
			.isEqualTo(GraalJsExecutorOptions.DEFAULT_TIMEOUT);
		assertThat(DurationStyle.detectAndParse(properties.get("codemode.max-cpu-time").get("defaultValue").asString()))
			.isEqualTo(GraalJsExecutorOptions.DEFAULT_MAX_CPU_TIME);
		Map<String, Long> numbers = Map.of("codemode.max-statements", GraalJsExecutorOptions.DEFAULT_MAX_STATEMENTS,
				"codemode.max-code-length", (long) GraalJsExecutorOptions.DEFAULT_MAX_CODE_LENGTH,
				"codemode.max-nesting-depth", (long) GraalJsExecutorOptions.DEFAULT_MAX_NESTING_DEPTH,
				"codemode.max-tool-calls", (long) GraalJsExecutorOptions.DEFAULT_MAX_TOOL_CALLS,
				"codemode.max-tool-calls-in-flight", (long) GraalJsExecutorOptions.DEFAULT_MAX_TOOL_CALLS_IN_FLIGHT,
				"codemode.max-console-chars", (long) GraalJsExecutorOptions.DEFAULT_MAX_CONSOLE_CHARS,
				"codemode.max-result-chars", (long) GraalJsExecutorOptions.DEFAULT_MAX_RESULT_CHARS,
				"codemode.max-retired-threads", (long) GraalJsExecutorOptions.DEFAULT_MAX_RETIRED_THREADS,
				"codemode.executor.program-cache-size", (long) GraalJsExecutorOptions.DEFAULT_PROGRAM_CACHE_SIZE);
		numbers.forEach(
				(name, value) -> assertThat(properties.get(name).get("defaultValue").asLong()).as("default of %s", name)
					.isEqualTo(value));
		assertThat(properties.get("codemode.allow-eval").get("defaultValue").asBoolean())
			.isEqualTo(GraalJsExecutorOptions.DEFAULT_ALLOW_EVAL);
		assertThat(properties.get("codemode.executor.transpiler").get("defaultValue").asString())
			.isEqualToIgnoringCase(GraalJsExecutorOptions.DEFAULT_TRANSPILER.name());
	}

	@Test
	void workerDefaultsInTheMetadataAreTheWorkerOptionsConstants() throws Exception {
		Map<String, JsonNode> properties = codemodeProperties();
		assertThat(DataSize.parse(properties.get("codemode.executor.worker.max-heap").get("defaultValue").asString())
			.toBytes()).isEqualTo(WorkerOptions.DEFAULT_MAX_HEAP_BYTES);
		assertThat(properties.get("codemode.executor.worker.max-waiting").get("defaultValue").asInt())
			.isEqualTo(WorkerOptions.DEFAULT_MAX_WAITING);
		assertThat(DurationStyle
			.detectAndParse(properties.get("codemode.executor.worker.grace").get("defaultValue").asString()))
			.isEqualTo(WorkerOptions.DEFAULT_GRACE);
		assertThat(DurationStyle
			.detectAndParse(properties.get("codemode.executor.worker.start-timeout").get("defaultValue").asString()))
			.isEqualTo(WorkerOptions.DEFAULT_START_TIMEOUT);
		assertThat(properties.get("codemode.executor.worker.jvm-args").get("defaultValue").isEmpty()).isTrue();
	}

	@Test
	void callbackDefaultsInTheMetadataAreTheCallbacksConstants() throws Exception {
		Map<String, JsonNode> properties = codemodeProperties();
		assertThat(properties.get("codemode.tool-name").get("defaultValue").asString())
			.isEqualTo(CodeModeToolCallback.DEFAULT_NAME);
		assertThat(DurationStyle
			.detectAndParse(properties.get("codemode.approval.timeout").get("defaultValue").asString()))
			.isEqualTo(CodeModeToolCallback.DEFAULT_APPROVAL_TIMEOUT);
		assertThat(properties.get("codemode.discovery.mode").get("defaultValue").asString())
			.isEqualToIgnoringCase(CodeModeToolCallback.DEFAULT_DISCOVERY_MODE.name());
		assertThat(properties.get("codemode.discovery.max-declaration-chars").get("defaultValue").asInt())
			.isEqualTo(CodeModeToolCallback.DEFAULT_MAX_DECLARATION_CHARS);
	}

	@Test
	void readmeTableListsEveryPropertyWithItsDefault() throws Exception {
		Path readme = Path.of("..", "README.md");
		assertThat(readme).as("the README at the repository's root").exists();
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(readme)) {
			Matcher row = README_ROW.matcher(line);
			if (row.matches()) {
				rows.put(row.group(1), row.group(2).strip());
			}
		}
		Map<String, JsonNode> properties = codemodeProperties();
		assertThat(rows).containsOnlyKeys(properties.keySet());
		properties.forEach((name, property) -> {
			JsonNode value = property.get("defaultValue");
			if (value != null && !(value.isArray() && value.isEmpty())) {
				assertThat(rows.get(name)).as("README default of %s", name).isEqualTo("`" + value.asString() + "`");
			}
		});
	}

	// The metadata of this module (other jars on the class path have their own).
	private static Map<String, JsonNode> codemodeProperties() throws Exception {
		URI root = CodeModeProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI();
		URL metadata = root.resolve("META-INF/spring-configuration-metadata.json").toURL();
		JsonNode json;
		try (InputStream in = metadata.openStream()) {
			json = JsonMapper.builder().build().readTree(in);
		}
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (JsonNode property : json.path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("codemode.")) {
				properties.put(name, property);
			}
		}
		return properties;
	}

}
