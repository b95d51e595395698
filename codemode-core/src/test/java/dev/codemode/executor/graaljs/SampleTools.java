package dev.codemode.executor.graaljs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

/**
 * Fixture tools for the samples of {@code llm-code-samples.md}, renamed into the
 * {@code codemode} namespace as the file says. The data is
 * {@code corpus/llm-fixtures.json}, the same data the Node oracle ran against.
 */
final class SampleTools {

	static final JsonNode DATA = read("/corpus/llm-fixtures.json");

	static final JsonNode ORACLE = read("/corpus/llm-oracle.json");

	private static final Map<String, Integer> TEMPERATURES = Map.of("Tokyo", 22, "Paris", 18, "NYC", 25);

	final List<String> called = new CopyOnWriteArrayList<>();

	final AtomicInteger weatherRunning = new AtomicInteger();

	final AtomicInteger weatherPeak = new AtomicInteger();

	private final Map<String, ToolFunction> functions = new LinkedHashMap<>();

	SampleTools() {
		tool("queryTable", (input) -> "{\"rows\":" + DATA.get("tables").get(field(input, "table")) + "}");
		tool("fetchWeather", (input) -> {
			int running = this.weatherRunning.incrementAndGet();
			this.weatherPeak.accumulateAndGet(running, Math::max);
			try {
				Thread.sleep(100);
			}
			finally {
				this.weatherRunning.decrementAndGet();
			}
			String city = field(input, "location");
			return "{\"location\":\"" + city + "\",\"temperature\":" + TEMPERATURES.get(city) + "}";
		});
		tool("get_pull_request", (input) -> DATA.get("pr").toString());
		tool("get_pull_request_comments", (input) -> DATA.get("comments").toString());
		tool("get_pull_request_reviews", (input) -> DATA.get("reviews").toString());
		tool("get_pull_request_files", (input) -> DATA.get("files").toString());
		tool("glob", (input) -> "[\"/src/a.ts\",\"/src/b.ts\",\"/src/c.ts\"]");
		tool("analyzeFile", (input) -> "{\"path\":\"" + field(input, "path") + "\",\"todos\":1}");
		tool("writeJson", (input) -> "{\"written\":true}");
		tool("exec_command", (input) -> "git status --short".equals(field(input, "cmd"))
				? "{\"output\":\" M README.md\\n\"}" : "{\"output\":\"README.md\\nsrc/app.ts\\n\"}");
	}

	/** The discovery tools of S8, which some applications have. */
	SampleTools withDiscovery() {
		tool("search", (input) -> "{\"results\":[{\"path\":\"github.list_pull_requests\"}]}");
		tool("describe", (input) -> "\"list_pull_requests(input: { owner: string, repo: string }): Promise<unknown>\"");
		return this;
	}

	private void tool(String name, ToolFunction function) {
		this.functions.put(name, (input) -> {
			this.called.add(name);
			return function.call(input);
		});
	}

	List<ToolNamespace> tools() {
		return List.of(ToolNamespace.of(this.functions));
	}

	private static String field(String json, String name) {
		return Fixtures.JSON.readTree(json).path(name).asString();
	}

	private static JsonNode read(String resource) {
		try (InputStream in = SampleTools.class.getResourceAsStream(resource)) {
			return Fixtures.JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
