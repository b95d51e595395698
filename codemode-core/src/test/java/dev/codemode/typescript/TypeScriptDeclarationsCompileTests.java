package dev.codemode.typescript;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract point 4: the declarations are valid TypeScript, and they type programs the way
 * a model needs. A real TypeScript compiler ({@value #TYPESCRIPT_VERSION}, installed from
 * npm into {@code target/tsc} on first use) accepts the declarations of a rich tool set
 * with programs that use them right, and rejects each program that uses them wrong, with
 * the error a model would have to fix. Skipped when npm is not on the PATH.
 * <p>
 * {@code @NullUnmarked}: the result types here stand for an application's unannotated
 * classes, and this package is {@code @NullMarked}.
 */
@NullUnmarked
class TypeScriptDeclarationsCompileTests {

	static final String TYPESCRIPT_VERSION = "5.9.3";

	private static final Path TSC_HOME = Path.of("target", "tsc");

	private static final Path TSC = TSC_HOME.resolve("node_modules/typescript/bin/tsc");

	private static Path node;

	@TempDir
	Path work;

	private static Path npm;

	@BeforeAll
	static void installTypeScript() throws Exception {
		npm = onPath("npm");
		if (npm == null) {
			return;
		}
		node = onPath("node");
		assertThat(node).as("node next to npm").isNotNull();
		Path installed = TSC_HOME.resolve("node_modules/typescript/package.json");
		if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"" + TYPESCRIPT_VERSION)) {
			Files.createDirectories(TSC_HOME);
			Result install = run(Path.of("."), 600, npm.toString(), "install", "--prefix", TSC_HOME.toString(),
					"--no-save", "--no-audit", "--no-fund", "typescript@" + TYPESCRIPT_VERSION);
			assertThat(install.exitCode()).as("npm install typescript: %s", install.output()).isZero();
		}
		assertThat(TSC).exists();
	}

	// Per test rather than once for the class, so that each test is reported as skipped,
	// with the reason.
	@BeforeEach
	void requireNpm() {
		Assumptions.assumeTrue(npm != null, "npm is not on the PATH: skipping the tsc check of the declarations");
	}

	// A tool set that uses every kind of type the generator writes.

	enum Unit {

		CELSIUS, FAHRENHEIT;

		@Override
		public String toString() {
			return name().toLowerCase();
		}

	}

	record Day(LocalDate date, double high, double low, Optional<String> summary, Unit unit) {
	}

	record Forecast(String city, List<Day> days) {
	}

	static class TreeNode {

		public String name = "";

		public List<TreeNode> children = List.of();

	}

	sealed interface Shape permits Circle, Square {

	}

	record Circle(double radius) implements Shape {
	}

	record Square(double side) implements Shape {
	}

	record Money(@JsonValue String text) {
	}

	interface Results {

		Map<Unit, Integer> counts();

		List<Money> prices();

	}

	private static final String WEATHER_INPUT = """
			{"type": "object", "properties": {
			   "location": {"type": "string", "description": "City name, e.g. Oslo"},
			   "unit": {"type": "string", "enum": ["C", "F"], "description": "Unit */ of temperature"}},
			 "required": ["location"], "additionalProperties": false}""";

	private static final String FORECAST_INPUT = """
			{"type": "object", "properties": {
			   "city": {"type": "string"},
			   "days": {"type": "integer", "minimum": 1, "maximum": 14, "default": 3}},
			 "required": ["city", "days"]}""";

	private static final String SEARCH_INPUT = """
			{"type": "object", "properties": {
			   "query": {"type": "string", "minLength": 1},
			   "range": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "integer"}]},
			   "labels": {"type": "object", "additionalProperties": {"type": "string"}},
			   "state": {"type": ["string", "null"], "enum": ["open", "closed", null]},
			   "author": {"allOf": [{"$ref": "#/$defs/User"}, {"type": "object", "properties": {"bot": {"type": "boolean"}}}]},
			   "sort": {"anyOf": [{"const": "created"}, {"const": "updated"}]},
			   "extra": {"type": "object", "properties": {"page": {"type": "integer"}}, "additionalProperties": {"type": "string"}},
			   "weird-name": {"type": "boolean"}},
			 "required": ["query"],
			 "$defs": {"User": {"type": "object", "properties": {"login": {"type": "string"}}, "required": ["login"]}}}""";

	private static final String SEARCH_OUTPUT = """
			{"type": "object", "properties": {
			   "issues": {"type": "array", "items": {"$ref": "#/$defs/Issue"}},
			   "total": {"type": "integer"}},
			 "required": ["issues", "total"],
			 "$defs": {
			   "Issue": {"type": "object", "properties": {
			      "title": {"type": "string"}, "author": {"$ref": "#/$defs/User"},
			      "comments": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
			     "required": ["title"]},
			   "User": {"type": "object", "properties": {"login": {"type": "string"}}, "required": ["login"]},
			   "Node": {"type": "object", "properties": {
			      "text": {"type": "string"}, "replies": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
			     "required": ["text", "replies"]}}}""";

	private static final String NO_INPUT = """
			{"type": "object", "properties": {}, "required": [], "additionalProperties": false}""";

	private static List<ToolSignature> richToolSet() throws NoSuchMethodException {
		return List.of(
				new ToolSignature("codemode", "getWeather", "Get the weather", WEATHER_INPUT, String.class, null),
				new ToolSignature("codemode", "get-forecast", "Forecast\nfor some days", FORECAST_INPUT, Forecast.class,
						null),
				new ToolSignature("github", "search.issues", "Search issues", SEARCH_INPUT, null, SEARCH_OUTPUT),
				new ToolSignature("codemode", "delete", "Delete a thing",
						"{\"type\": \"object\", \"properties\":"
								+ " {\"id\": {\"type\": \"string\"}}, \"required\": [\"id\"]}",
						void.class, null),
				new ToolSignature("codemode", "tree", null,
						"{\"type\": \"object\", \"properties\": {\"depth\":"
								+ " {\"type\": \"integer\"}, \"like\": {\"$ref\": \"#\"}}}",
						TreeNode.class, null),
				new ToolSignature("codemode", "ping", null, NO_INPUT, void.class, null),
				new ToolSignature("codemode", "counts", null, NO_INPUT,
						Results.class.getMethod("counts").getGenericReturnType(), null),
				new ToolSignature("codemode", "prices", null, NO_INPUT,
						Results.class.getMethod("prices").getGenericReturnType(), null),
				new ToolSignature("codemode", "shape", null, NO_INPUT, Shape.class, null),
				new ToolSignature("codemode", "get_item", null,
						"{\"type\": \"object\", \"properties\":"
								+ " {\"id\": {\"type\": \"string\"}}, \"required\": [\"id\"]}",
						null, null),
				new ToolSignature("codemode", "getItem", null,
						"{\"type\": \"object\", \"properties\":"
								+ " {\"key\": {\"type\": \"number\"}}, \"required\": [\"key\"]}",
						null, null),
				new ToolSignature("codemode", "__proto__", null, null, null, null),
				new ToolSignature("codemode", "untyped", null, "not json", null, null));
	}

	private static final String GOOD_PROGRAM = """
			async function main(): Promise<unknown> {
			    const w: string = await codemode.getWeather({ location: "Oslo" });
			    const w2: string = await codemode.getWeather({ location: "Oslo", unit: "C" });
			    const forecast = await codemode.get_forecast({ city: "Oslo", days: 3 });
			    const day = (forecast.days ?? [])[0];
			    const date: string | null = day.date;
			    const high: number = day.high;
			    const summary: string | null = day.summary;
			    const unit: "celsius" | "fahrenheit" | null = day.unit;
			    const found = await github.search_issues({ query: "bug", range: [1, 10], labels: { area: "core" },
			        state: null, author: { login: "ann", bot: false }, sort: "created", extra: { page: 2, q: "x" },
			        "weird-name": true });
			    const titles: string[] = found.issues.map((issue) => issue.title);
			    const login: string | undefined = found.issues[0]?.author?.login;
			    const replyText: string | undefined = found.issues[0]?.comments?.[0]?.replies[0]?.text;
			    const total: number = found.total;
			    const done: string = await codemode.delete_({ id: "42" });
			    const tree = await codemode.tree({ depth: 2, like: { depth: 1 } });
			    const childName: string | null | undefined = tree.children?.[0].name;
			    const pong: string = await codemode.ping({});
			    const both = await Promise.all([codemode.getWeather({ location: "A" }), codemode.getWeather({ location: "B" })]);
			    const joined: string = both.join(", ");
			    const counts = await codemode.counts({});
			    const celsius: number | undefined = counts.celsius;
			    const prices: string[] = await codemode.prices({});
			    const shape = await codemode.shape({});
			    const size: number = "radius" in shape ? shape.radius : shape.side;
			    const item = await codemode.get_item({ id: "a" });
			    const other = await codemode.getItem({ key: 1 });
			    const anything = await codemode.untyped({ whatever: [1, 2, 3] });
			    try {
			        await codemode.getWeather({ location: "Nowhere" });
			    }
			    catch (e) {
			        console.log(String(e));
			    }
			    return { w, w2, date, high, summary, unit, titles, login, replyText, total, done, childName, pong, joined,
			        celsius, prices, size, item, other, anything };
			}
			""";

	static Stream<Arguments> wrongPrograms() {
		return Stream.of(
				Arguments.of("a number where a string is required", "await codemode.getWeather({ location: 42 });",
						"error TS2322: Type 'number' is not assignable to type 'string'."),
				Arguments.of("a missing required member", "await codemode.getWeather({ unit: \"C\" });",
						"Property 'location' is missing"),
				Arguments.of("an unknown tool", "await codemode.getWether({ location: \"Oslo\" });",
						"Property 'getWether' does not exist on type"),
				Arguments.of("a tool of another namespace", "await github.getWeather({ location: \"Oslo\" });",
						"Property 'getWeather' does not exist on type"),
				Arguments.of("a value outside an enum",
						"await codemode.getWeather({ location: \"Oslo\", unit: \"K\" });",
						"Type '\"K\"' is not assignable to type '\"C\" | \"F\" | undefined'."),
				Arguments.of("a member the tool does not take",
						"await codemode.getWeather({ location: \"Oslo\", days: 3 });",
						"Object literal may only specify known properties, and 'days' does not exist"),
				Arguments.of("an input for a tool that takes none", "await codemode.ping({ force: true });",
						"Type 'true' is not assignable to type 'never'."),
				Arguments.of("a result used as the wrong type",
						"const n: number = await codemode.getWeather({ location: \"Oslo\" });",
						"Type 'string' is not assignable to type 'number'."),
				Arguments.of("a nullable member used without a check",
						"const s: string = (await codemode.get_forecast({ city: \"Oslo\", days: 1 })).days![0].summary;",
						"Type 'string | null' is not assignable to type 'string'."),
				Arguments.of("a member of a reference type used as if never null",
						"const d: string = (await codemode.get_forecast({ city: \"Oslo\", days: 1 })).days![0].date;",
						"Type 'string | null' is not assignable to type 'string'."),
				Arguments.of("a list member used without a check",
						"const n: number = (await codemode.get_forecast({ city: \"Oslo\", days: 1 })).days.length;",
						"is possibly 'null'."),
				Arguments.of("a wrong tuple element",
						"await github.search_issues({ query: \"q\", range: [1, \"ten\"] });",
						"Type 'string' is not assignable to type 'number'."),
				Arguments.of("a forgotten await", "const w: string = codemode.getWeather({ location: \"Oslo\" });",
						"Type 'Promise<string>' is not assignable to type 'string'."));
	}

	@Test
	void acceptsTheDeclarationsWithAProgramThatUsesThemRight() throws Exception {
		Path declarations = write("declarations.d.ts", TypeScriptDeclarations.generate(richToolSet()).text());
		Path program = write("program.ts", GOOD_PROGRAM);
		Result result = tsc("--target", "es2022", "--lib", "es2022,dom", declarations.toString(), program.toString());
		assertThat(result.output()).isEmpty();
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void acceptsTheDeclarationsAloneWithTheCompilersDefaults() throws Exception {
		Path declarations = write("declarations.d.ts", TypeScriptDeclarations.generate(richToolSet()).text());
		Result result = tsc(declarations.toString());
		assertThat(result.output()).isEmpty();
		assertThat(result.exitCode()).isZero();
	}

	@ParameterizedTest(name = "rejects {0}")
	@MethodSource("wrongPrograms")
	void rejectsAProgramThatUsesTheDeclarationsWrong(String what, String statement, String expectedError)
			throws Exception {
		// The other tests check the declarations and TypeScript's own libraries; here
		// only the program matters,
		// so the libraries' internals are not checked again (--skipLibCheck, declarations
		// as a .ts file).
		Path declarations = write("declarations.ts", TypeScriptDeclarations.generate(richToolSet()).text());
		Path program = write("program.ts", "async function main() {\n    " + statement + "\n}\n");
		Result result = tsc("--target", "es2022", "--lib", "es2022", "--skipLibCheck", declarations.toString(),
				program.toString());
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("program.ts(2,")
			.contains(expectedError)
			.doesNotContain("declarations.ts(");
	}

	@Test
	void acceptsTheDeclarationOfEveryReferenceCase() throws Exception {
		List<String> files = new ArrayList<>();
		List<JsonNode> schemaCases = TypeCases.of("jsonSchemaToType");
		for (int i = 0; i < schemaCases.size(); i++) {
			JsonNode testCase = schemaCases.get(i);
			String declaration = TypeScriptDeclarations.declareType(testCase.get("typeName").stringValue(),
					testCase.get("schema").toString());
			// A module each, so that the cases' T types do not clash with one another.
			files.add(write("schema-case-" + i + ".ts", declaration + "\nexport {};\n").toString());
		}
		List<JsonNode> generateCases = TypeCases.of("generateTypesFromJsonSchema");
		for (int i = 0; i < generateCases.size(); i++) {
			List<ToolSignature> tools = new ArrayList<>();
			for (Map.Entry<String, JsonNode> tool : generateCases.get(i).get("tools").properties()) {
				JsonNode description = tool.getValue().get("description");
				tools.add(new ToolSignature("codemode", tool.getKey(),
						(description != null) ? description.stringValue() : null,
						tool.getValue().get("inputSchema").toString(), null, null));
			}
			files.add(write("generate-case-" + i + ".ts",
					TypeScriptDeclarations.generate(tools).text() + "\nexport {};\n")
				.toString());
		}
		// Modules cannot clash with global types, so the DOM library (slow to check) adds
		// nothing here.
		List<String> arguments = new ArrayList<>(List.of("--target", "es2022", "--lib", "es2022"));
		arguments.addAll(files);
		Result result = tsc(arguments.toArray(String[]::new));
		assertThat(result.output()).isEmpty();
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void theUnavailableTypeNamesAreExactlyTheGlobalTypesOfTheInstalledTypeScript() throws Exception {
		Path script = write("globals.js",
				"""
						const ts = require(process.argv[2]);
						const fs = require("fs"), path = require("path");
						const dir = path.join(path.dirname(require.resolve(process.argv[2])));
						const names = new Set();
						for (const file of fs.readdirSync(dir).filter((f) => /^lib\\..*\\.d\\.ts$/.test(f))) {
						  const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.Latest);
						  for (const statement of source.statements) {
						    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)
						        || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)
						        || ts.isModuleDeclaration(statement)) && statement.name && ts.isIdentifier(statement.name)) {
						      names.add(statement.name.text);
						    }
						  }
						}
						console.log([...names].sort().join("\\n"));
						""");
		Path typescript = TSC_HOME.resolve("node_modules/typescript").toAbsolutePath();
		Result result = run(this.work, 120, node.toString(), script.toString(), typescript.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		Set<String> fromCompiler = new TreeSet<>(Arrays.asList(result.output().strip().split("\\R")));
		Set<String> fromResource;
		try (var in = TypeNames.class.getResourceAsStream("typescript-lib-types.txt")) {
			fromResource = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		assertThat(fromResource).hasSizeGreaterThan(1000).isEqualTo(fromCompiler);
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.work.resolve(name), content);
	}

	private Result tsc(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(node.toString(), TSC.toAbsolutePath().toString(), "--strict", "--noEmit", "--pretty", "false"));
		command.addAll(List.of(arguments));
		return run(this.work, 120, command.toArray(String[]::new));
	}

	record Result(int exitCode, String output) {
	}

	private static Result run(Path directory, long timeoutSeconds, String... command) throws Exception {
		// Output goes to a file, so that a process that hangs cannot block the test on a
		// full pipe.
		Path output = Files.createTempFile("tsc-test", ".out");
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File(windows() ? "NUL" : "/dev/null")))
				.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"Timed out after " + timeoutSeconds + "s: " + String.join(" ", command));
			}
			return new Result(process.exitValue(), Files.readString(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean windows() {
		return System.getProperty("os.name", "").toLowerCase().contains("win");
	}

	private static Path onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			for (String name : windows() ? List.of(executable + ".cmd", executable + ".exe") : List.of(executable)) {
				Path candidate = Path.of(directory, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

}
