package dev.codemode.tool;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.ai.tool.ToolCallback;

import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

/**
 * Not a test: a main that measures what one execution pays to hand its tool set to the
 * in-process executor, {@code pipeline.namespaces(scope)} then {@code ToolTable.of} and
 * the look-up of two tools, for the benchmark's 3 tools and for a catalog of 200. Run it
 * with the test class path:
 * {@code java -cp codemode-core/target/classes:codemode-core/target/test-classes:<deps> dev.codemode.tool.ToolSetCost}.
 * It prints the median of several rounds, in microseconds per execution; the machine's
 * load makes the numbers noisy, so compare runs of one sitting only.
 */
public final class ToolSetCost {

	private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}},\"required\":[\"a\"]}";

	private static volatile Object sink;

	private ToolSetCost() {
	}

	public static void main(String[] args) throws Throwable {
		Class<?> table = Class.forName("dev.codemode.executor.graaljs.ToolTable");
		Method of = table.getDeclaredMethod("of", List.class);
		of.setAccessible(true);
		Method function = table.getDeclaredMethod("function", String.class, String.class);
		function.setAccessible(true);
		MethodHandle tableOf = MethodHandles.lookup()
			.unreflect(of)
			.asType(MethodType.methodType(Object.class, List.class));
		MethodHandle lookup = MethodHandles.lookup()
			.unreflect(function)
			.asType(MethodType.methodType(Object.class, Object.class, String.class, String.class));
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			names.add("tool" + i);
		}
		// Twice each, interleaved: the first rounds of a JVM are slower whatever they
		// run.
		for (int i = 0; i < 2; i++) {
			measure("3 tools", tools(List.of("getWeather", "add", "sleep50")), tableOf, lookup, "getWeather", "add");
			measure("200 tools", tools(names), tableOf, lookup, "tool0", "tool199");
		}
	}

	private static CodeModeToolCallback tools(List<String> names) {
		List<ToolCallback> callbacks = names.stream()
			.map((name) -> TestTools.tool(name, "The tool " + name, SCHEMA, (input, context) -> "1"))
			.toList();
		return CodeModeToolCallback.builder()
			.executor((code, namespaces) -> ExecutionResult.failed(null))
			.toolCallbacks(callbacks)
			.build();
	}

	private static void measure(String label, CodeModeToolCallback callback, MethodHandle tableOf, MethodHandle lookup,
			String first, String second) throws Throwable {
		java.lang.reflect.Field field = CodeModeToolCallback.class.getDeclaredField("pipeline");
		field.setAccessible(true);
		ToolCallPipeline pipeline = (ToolCallPipeline) field.get(callback);
		CallerContext caller = CallerContextPropagation.defaults().capture();
		int iterations = 20_000;
		double[] rounds = new double[15];
		for (int round = -10; round < rounds.length; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < iterations; i++) {
				ExecutionScope scope = ExecutionScope.start(CodeModeListener.NOOP, "x", null, caller, false);
				List<ToolNamespace> namespaces = pipeline.namespaces(scope);
				Object tools = tableOf.invoke(namespaces);
				ToolFunction a = (ToolFunction) lookup.invoke(tools, ToolNamespace.DEFAULT_NAME, first);
				ToolFunction b = (ToolFunction) lookup.invoke(tools, ToolNamespace.DEFAULT_NAME, second);
				if (a == null || b == null) {
					throw new IllegalStateException("a tool is missing");
				}
				sink = tools;
			}
			if (round >= 0) {
				rounds[round] = (System.nanoTime() - start) / 1000.0 / iterations;
			}
		}
		Arrays.sort(rounds);
		System.out.printf("%s: %.2f us per execution (median of %d rounds; min %.2f, max %.2f)%n", label,
				rounds[rounds.length / 2], rounds.length, rounds[0], rounds[rounds.length - 1]);
	}

}
