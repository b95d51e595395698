package dev.codemode.executor.graaljs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ToolCallException;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

/**
 * The tools of the attack corpus ("Fixtures the snippets use"), with counters so that a
 * test can tell what a program made the host do. One instance per test: the counters
 * start at zero.
 */
final class Fixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The TypeScript signature the description would show for getWeather. */
	static final String GET_WEATHER_SIGNATURE = "codemode.getWeather(input: { location: string }): Promise<string>";

	final AtomicInteger echoCalls = new AtomicInteger();

	final AtomicInteger failCalls = new AtomicInteger();

	final AtomicInteger slowCalls = new AtomicInteger();

	final AtomicInteger slowRunning = new AtomicInteger();

	final AtomicInteger slowPeak = new AtomicInteger();

	final AtomicInteger weatherCalls = new AtomicInteger();

	final List<String> emails = new CopyOnWriteArrayList<>();

	private final Map<String, ToolFunction> functions = new LinkedHashMap<>();

	Fixtures() {
		this.functions.put("echo", (input) -> {
			this.echoCalls.incrementAndGet();
			return input;
		});
		this.functions.put("fail", (input) -> {
			this.failCalls.incrementAndGet();
			JsonNode message = JSON.readTree(input).path("message");
			throw new IllegalStateException(
					"tool failed: " + (message.isString() ? message.asString() : "quota exceeded"));
		});
		this.functions.put("slowTool", (input) -> {
			this.slowCalls.incrementAndGet();
			int running = this.slowRunning.incrementAndGet();
			this.slowPeak.accumulateAndGet(running, Math::max);
			try {
				Thread.sleep(50);
			}
			finally {
				this.slowRunning.decrementAndGet();
			}
			return "{\"ok\": true}";
		});
		this.functions.put("getWeather", validated(GET_WEATHER_SIGNATURE, "location", (input) -> {
			this.weatherCalls.incrementAndGet();
			return "Weather in " + JSON.readTree(input).path("location").asString() + ": 15C, cloudy";
		}));
		this.functions.put("sendEmail", (input) -> {
			this.emails.add(input);
			return "{\"sent\": true}";
		});
	}

	/**
	 * What the codemode callback does with a tool's input schema, reduced to one required
	 * string field: a wrong shape is refused with the expected signature, and the tool
	 * itself is never invoked with it.
	 */
	private static ToolFunction validated(String signature, String field, ToolFunction tool) {
		return (input) -> {
			JsonNode node = JSON.readTree(input);
			if (!node.isObject() || !node.path(field).isString()) {
				throw new ToolCallException("invalid input: expected an object with the string field \"" + field
						+ "\", as in " + signature + "; got " + input);
			}
			return tool.call(input);
		};
	}

	List<String> toolNames() {
		return List.copyOf(this.functions.keySet());
	}

	ToolNamespace namespace() {
		return ToolNamespace.of(this.functions);
	}

	List<ToolNamespace> tools() {
		return List.of(namespace());
	}

}
