package dev.codemode.executor.graaljs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every case of {@code normalize-cases.json} (from {@code @cloudflare/codemode}'s
 * normalizeCode) on behaviour: the program must give what the reference's normalized
 * function gives when it runs here (result, logs, error kind), except where the reference
 * is wrong and this project does better; notes add the error details.
 */
@BothIsolations
class NormalizeCasesTests extends SandboxTestSupport {

	/** What the notes of the file ask for beyond matching the reference, by input. */
	private static final Map<String, Consumer<ExecutionResult>> NOTES = Map.ofEntries(
			Map.entry("", NormalizeCasesTests::nothing), Map.entry("   \n\t  ", NormalizeCasesTests::nothing),
			Map.entry("async (a, b) => { return a + b; }", (result) -> {
				assertThat(result.error()).isNull();
				assertThat(result.resultJson()).as("NaN has no JSON form").isIn(null, "null");
			}), Map.entry("console.log(\"hello\")", (result) -> {
				assertThat(result.error()).isNull();
				assertThat(result.resultJson()).isNull();
				assertThat(result.logs()).containsExactly("hello");
			}),
			Map.entry("await fetch('http://example.com')",
					(result) -> assertError(result, "ReferenceError", "fetch is not defined")),
			Map.entry("for (let i = 0; i < 10; i++) {}", NormalizeCasesTests::nothing),
			Map.entry("if (true) { doStuff(); }", (result) -> {
				assertError(result, "ReferenceError", "doStuff is not defined");
				assertThat(result.error().line()).isEqualTo(1);
				assertThat(result.error().column()).isEqualTo(13);
			}), Map.entry("const = oops {{{", (result) -> {
				assertError(result, "SyntaxError");
				assertThat(result.error().line()).isEqualTo(1);
				assertThat(result.error().column()).isEqualTo(7);
			}), Map.entry("```js\nasync () => { return 1; }", (result) -> {
				assertError(result, "SyntaxError");
				assertThat(result.error().line()).isEqualTo(1);
			}),
			// A class is a function: the project's fixed mapping for a function value is
			// an error that says so.
			Map.entry("export default class { constructor() {} }",
					(result) -> assertError(result, ExecutionError.RESULT, "the program's value is a function")),
			Map.entry("```js\nasync function run() { return await codemode.searchWeb({ query: 'test' }); }\n```",
					(result) -> {
						assertError(result, ExecutionError.UNKNOWN_TOOL, "searchWeb", "echo, fail");
						// Line 2 of the code as submitted: the fence is line 1.
						assertThat(result.error().line()).isEqualTo(2);
					}),
			Map.entry("const r = await codemode.getWeather({ location: \"NYC\" });\nreturn r;",
					(result) -> assertResult(result, "\"Weather in NYC: 15C, cloudy\"")),
			// The reference cannot parse TypeScript and returns nothing; stripping the
			// types first does better.
			Map.entry("```ts\nconst x: number = 1; x\n```", (result) -> assertResult(result, "1")),
			Map.entry("async () => 1; 2", (result) -> assertResult(result, "2")),
			// The reference returns nothing; a program that only defines a function means
			// to run it.
			Map.entry("const f = async () => 1", (result) -> assertResult(result, "1")),
			Map.entry("await a(); await b()", (result) -> {
				assertError(result, "ReferenceError", "a is not defined");
				assertThat(result.error().column()).isEqualTo(7);
			}));

	/**
	 * Inputs where the reference's normalized source is itself wrong, so it is not the
	 * oracle.
	 */
	private static final Map<String, String> BETTER_THAN_THE_REFERENCE = Map.of("```ts\nconst x: number = 1; x\n```",
			"the reference returns undefined for a TypeScript program", "export default class { constructor() {} }",
			"the reference returns a class, which has no JSON form", "const f = async () => 1",
			"the reference defines the function and returns nothing");

	static Stream<Arguments> cases() {
		try (InputStream in = NormalizeCasesTests.class.getResourceAsStream("/corpus/normalize-cases.json")) {
			JsonNode cases = Fixtures.JSON.readTree(in).get("cases");
			return StreamSupport.stream(cases.spliterator(), false)
				.map((node) -> arguments(
						Named.of(Fixtures.JSON.writeValueAsString(node.get("input").asString()), node)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void programBehavesAsTheReferenceNormalizedIt(JsonNode testCase) {
		String input = testCase.get("input").asString();
		ExecutionResult result = run(input);
		if (!BETTER_THAN_THE_REFERENCE.containsKey(input)) {
			ExecutionResult reference = run(testCase.get("expected").asString());
			assertThat(result.resultJson()).as("result, as the reference's").isEqualTo(reference.resultJson());
			assertThat(result.logs()).as("logs, as the reference's").isEqualTo(reference.logs());
			assertThat(kind(result)).as("error kind, as the reference's").isEqualTo(kind(reference));
		}
		if (testCase.has("note")) {
			assertThat(NOTES).as("an expectation for the note of %s", input).containsKey(input);
		}
		NOTES.getOrDefault(input, (r) -> assertThat(r.error()).as("error").isNull()).accept(result);
	}

	@Test
	void everyNoteHasACase() {
		assertThat(cases()
			.map((arguments) -> ((JsonNode) ((Named<?>) arguments.get()[0]).getPayload()).get("input").asString()))
			.containsAll(NOTES.keySet());
	}

	private static String kind(ExecutionResult result) {
		return (result.error() != null) ? result.error().kind() : null;
	}

	private static void nothing(ExecutionResult result) {
		assertThat(result.error()).isNull();
		assertThat(result.resultJson()).isNull();
		assertThat(result.logs()).isEmpty();
	}

}
