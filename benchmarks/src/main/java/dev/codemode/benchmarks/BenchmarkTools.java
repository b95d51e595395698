package dev.codemode.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerOptions;
import dev.codemode.executor.process.WorkerStatistics;
import dev.codemode.program.Transpiler;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The seed benchmark's tools and programs (shared/bench/seed-like), so that both are
 * timed on the same work: trivial tools, because what is measured is the executor's
 * overhead, not the tools'.
 */
final class BenchmarkTools {

	static final String JS = "async () => { const a = await codemode.getWeather({location:'x'}); "
			+ "const b = await codemode.add({a:1,b:2}); return {a,b}; }";

	static final String TS = "async (): Promise<{ a: string; b: number }> => { const a: string = await "
			+ "codemode.getWeather({ location: 'x' } as { location: string }); const b: number = await "
			+ "codemode.add({ a: 1, b: 2 }); return { a, b }; }";

	static final String EXPECTED = "{\"result\":{\"a\":\"Weather in x: 72F, sunny\",\"b\":3},\"logs\":[]}";

	/** What {@code getWeather} returns, as JSON. */
	static final String WEATHER_JSON = "\"Weather in x: 72F, sunny\"";

	/** The result of {@link #JS} as {@code JSON.stringify} writes it. */
	static final String EXPECTED_RESULT = "{\"a\":\"Weather in x: 72F, sunny\",\"b\":3}";

	private BenchmarkTools() {
	}

	static String input(String code) {
		return "{\"code\":" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(code) + "}";
	}

	/**
	 * Calls the JavaScript and the TypeScript program once each, so that no sample times
	 * an error.
	 * @throws IllegalStateException when either does not return the expected result
	 */
	static void expectTwoTools(ToolCallback codemode) {
		for (String input : new String[] { CodeModeState.JS_INPUT, CodeModeState.TS_INPUT }) {
			String result = codemode.call(input);
			if (!EXPECTED.equals(result)) {
				throw new IllegalStateException("unexpected result: " + result);
			}
		}
	}

	static CodeModeToolCallback codemode(CodeExecutor executor) {
		return codemode(executor, CodeModeListener.NOOP);
	}

	/**
	 * @param listener observes the executions and tool calls, as the starter's listeners
	 * do
	 */
	static CodeModeToolCallback codemode(CodeExecutor executor, CodeModeListener listener) {
		return CodeModeToolCallback.builder()
			.executor(executor)
			.listener(listener)
			.toolCallbacks(List.of(tool("getWeather",
					"{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}",
					(input) -> WEATHER_JSON),
					tool("add",
							"{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}",
							(input) -> "3"),
					tool("sleep50", "{\"type\":\"object\",\"properties\":{\"i\":{\"type\":\"number\"}}}", (input) -> {
						try {
							Thread.sleep(50);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						return input;
					})))
			.build();
	}

	/**
	 * The two tools of {@link #JS} as the executor takes them, without the callback's
	 * layer: each returns at once.
	 */
	static List<ToolNamespace> namespaces() {
		Map<String, ToolFunction> functions = new LinkedHashMap<>();
		functions.put("getWeather", (input) -> WEATHER_JSON);
		functions.put("add", (input) -> "3");
		return List.of(ToolNamespace.of(functions));
	}

	static GraalJsCodeExecutor executor() {
		return new GraalJsCodeExecutor(GraalJsExecutorOptions.defaults());
	}

	/**
	 * A process executor with the default options and heap, its workers started and warm.
	 * @param workers how many worker JVMs
	 */
	static ProcessCodeExecutor processExecutor(GraalJsExecutorOptions options, int workers) {
		ProcessCodeExecutor executor = new ProcessCodeExecutor(options, WorkerOptions.builder().count(workers).build());
		if (!executor.warmUp()) {
			WorkerStatistics statistics = executor.workers();
			executor.close();
			throw new IllegalStateException("the workers did not start: " + statistics);
		}
		return executor;
	}

	/**
	 * An executor with the default options.
	 * @param isolation {@code in-process} or {@code process}
	 * @param workers how many worker JVMs in process mode
	 */
	static CodeExecutor executor(String isolation, int workers) {
		return switch (isolation) {
			case "in-process" -> executor();
			case "process" -> processExecutor(GraalJsExecutorOptions.defaults(), workers);
			default -> throw new IllegalArgumentException("isolation is in-process or process: " + isolation);
		};
	}

	static GraalJsCodeExecutor executor(Transpiler transpiler) {
		return new GraalJsCodeExecutor(GraalJsExecutorOptions.builder().transpiler(transpiler).build());
	}

	static ToolCallback tool(String name, String schema, Function<String, String> body) {
		ToolDefinition definition = DefaultToolDefinition.builder()
			.name(name)
			.description("benchmark tool " + name)
			.inputSchema(schema)
			.build();
		return new ToolCallback() {
			@Override
			public ToolDefinition getToolDefinition() {
				return definition;
			}

			@Override
			public String call(String toolInput) {
				return body.apply(toolInput);
			}
		};
	}

}
