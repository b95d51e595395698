package dev.codemode.executor.graaljs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolCallException;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

/**
 * The programs that warm an executor up: a small varied set, JavaScript and TypeScript,
 * with tool calls, {@code Promise.all}, console output, a thrown error, a caught and an
 * uncaught tool failure, syntax errors and JSON results, so that the JVM compiles the
 * paths that a first real program takes (normalizing, parsing and stripping types,
 * contexts, the tool bridge, errors, result encoding) before it arrives. Each program's
 * outcome is checked: a warm-up program that ends otherwise than expected would warm the
 * wrong paths, silently.
 * <p>
 * Public for the worker JVMs of {@code dev.codemode.executor.process}; internal to
 * codemode: not an API, and it may change without notice.
 */
public final class WarmUpPrograms {

	/**
	 * Rounds of the set that a warm-up runs. Measured on JDK 17 on 2 loaded cores (load
	 * 10-13): the first round, which starts the engine, took 5.6 s of process CPU, each
	 * further round 0.1-0.2 s and less as the JVM compiled; an unseen program took 129 ms
	 * after 12 rounds and 25 ms after 60, at that load. 20 rounds add about 2.5 s of CPU.
	 */
	public static final int ROUNDS = 20;

	private static final List<Program> PROGRAMS = List.of(
			// JavaScript, two sequential tool calls, an object result.
			Program.result(
					"async () => { const a = await codemode.echo({ city: 'Oslo', n: 1 });"
							+ " const w = await codemode.weather({ location: a.city }); return { a, w }; }",
					"{\"a\":{\"city\":\"Oslo\",\"n\":1},\"w\":\"sunny\"}"),
			// TypeScript: an interface, generics, Promise.all, console.
			Program.result("async (): Promise<string> => {\n  interface Item { id: number; name: string }\n"
					+ "  const ids: number[] = [1, 2, 3];\n"
					+ "  const items = await Promise.all(ids.map((id) => codemode.echo({ id, name: `item ${id}` }) as Promise<Item>));\n"
					+ "  console.log(items.length); console.warn({ first: items[0] });\n"
					+ "  return items.map((i: Item): string => i.name).join(', ');\n}", "\"item 1, item 2, item 3\""),
			// Bare statements, the last expression is the result.
			Program.result(
					"const xs = [3, 1, 2];\nxs.sort((a, b) => a - b);\nJSON.stringify(xs) + ':' + xs.reduce((s, x) => s + x, 0)",
					"\"[1,2,3]:6\""),
			// A function declaration; a Date, Math and strings in the result.
			Program.result(
					"function main() { return { date: new Date(0), n: Math.max(1, 2), s: 'ab'.repeat(2).toUpperCase() }; }",
					"{\"date\":\"1970-01-01T00:00:00.000Z\",\"n\":2,\"s\":\"ABAB\"}"),
			// TypeScript: an enum, a type alias, a generic helper, a caught tool failure.
			Program.result("enum Level { Low = 1, High = 2 }\ntype Pair<T> = { key: string; value: T };\n"
					+ "const pair = <T,>(key: string, value: T): Pair<T> => ({ key, value });\n"
					+ "async () => {\n  try { await codemode.fail({ reason: 'warm-up' }); }\n"
					+ "  catch (e: any) { console.error(e.message); }\n  return [pair('level', Level.High), pair('ok', true)];\n}",
					"[{\"key\":\"level\",\"value\":2},{\"key\":\"ok\",\"value\":true}]"),
			// A thrown error, an uncaught tool failure, syntax errors in both languages.
			Program.error("async () => { const a = await codemode.echo({ n: 1 }); throw new Error('warm-up ' + a.n); }",
					"Error"),
			Program.error("async () => { await codemode.fail({}); return 1; }", ExecutionError.TOOL),
			Program.error("async () => {\n  const x = ;\n}", "SyntaxError"),
			Program.error("async (): Promise<number> => {\n  const y: number = (1 + ;\n  return y;\n}", "SyntaxError"));

	private WarmUpPrograms() {
	}

	/**
	 * @return the tools that the programs call, in the default namespace: {@code echo}
	 * returns its input, {@code weather} a plain string, {@code fail} fails
	 */
	public static List<ToolNamespace> tools() {
		ToolFunction fail = (input) -> {
			throw new ToolCallException("the warm-up tool fails on purpose");
		};
		return List.of(ToolNamespace.of(Map.of("echo", (input) -> input, "weather", (input) -> "sunny", "fail", fail)));
	}

	/**
	 * Runs every program {@code rounds} times on {@code executor} with {@link #tools()}.
	 * @param executor what runs the programs
	 * @param rounds how many times to run the set
	 * @return a description of each program that ended otherwise than expected, empty
	 * when every one did (or the thread was interrupted, which stops the warm-up)
	 */
	public static List<String> run(CodeExecutor executor, int rounds) {
		List<String> unexpected = new ArrayList<>();
		boolean overran = false;
		for (int round = 0; round < rounds; round++) {
			for (Program program : PROGRAMS) {
				// New tool objects each time, as each real execution gets its own.
				ExecutionResult result = executor.execute(program.code(), tools());
				if (Thread.currentThread().isInterrupted()) {
					// Stopped (the application is closing): not the program's fault.
					return unexpected;
				}
				if (result.error() != null && ExecutionError.TIMEOUT.equals(result.error().kind())) {
					// One overrun is forgiven: the first programs load the engine and the
					// transpiler, seconds on a loaded machine. A second says the machine
					// is
					// too slow for the configured timeout now: further programs would
					// overrun too, each holding a thread.
					if (!overran) {
						overran = true;
						continue;
					}
					unexpected.add("stopped in round " + (round + 1) + ": a second program ran into the timeout ("
							+ oneLine(result.error().message()) + ")");
					return unexpected;
				}
				String problem = program.check(result);
				if (problem != null) {
					unexpected.add(problem);
				}
			}
			if (!unexpected.isEmpty()) {
				// The paths are not what they should be: more rounds would not help.
				break;
			}
		}
		return unexpected;
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\s+", " ");
	}

	/**
	 * A program and what it must end with: a result, or an error of a kind.
	 */
	private record Program(String code, @Nullable String resultJson, @Nullable String errorKind) {

		static Program result(String code, String resultJson) {
			return new Program(code, resultJson, null);
		}

		static Program error(String code, String errorKind) {
			return new Program(code, null, errorKind);
		}

		@Nullable String check(ExecutionResult result) {
			ExecutionError error = result.error();
			if (this.errorKind == null) {
				if (error != null || !Objects.equals(this.resultJson, result.resultJson())) {
					return describe(result);
				}
				return null;
			}
			return (error != null && this.errorKind.equals(error.kind())) ? null : describe(result);
		}

		private String describe(ExecutionResult result) {
			String expected = (this.errorKind != null) ? "an error " + this.errorKind : "the result " + this.resultJson;
			ExecutionError error = result.error();
			String actual = (error != null) ? error.kind() + ": " + error.message()
					: "the result " + result.resultJson();
			// One line: a log line per problem.
			String program = oneLine(this.code);
			return "expected " + expected + ", got " + oneLine(actual) + " from: "
					+ ((program.length() > 80) ? program.substring(0, 80) + "…" : program);
		}

	}

}
