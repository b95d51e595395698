package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Attack corpus, section F: mistakes models make, which must still give good outcomes.
 */
@BothIsolations
class ModelMistakeTests extends SandboxTestSupport {

	static final Duration BOUND = T.plusSeconds(1);

	static Stream<Arguments> programsThatRun() {
		return Stream.of(arguments("F1", "const x: number = 1; return x", "1"),
				arguments("F2", "export default async () => 1", "1"),
				arguments("F4", "await codemode.echo({ v: 1 })", "{\"v\":1}"),
				arguments("F5", "```js\nconst a = 6;\na * 7\n```", "42"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("programsThatRun")
	void normalizedProgramReturnsItsValue(String row, String code, String expected) {
		ExecutionResult result = attack(code, BOUND);
		assertResult(result, expected);
		assertThat(result.logs()).isEmpty();
	}

	@Test
	void unknownToolIsNamedWithTheAvailableTools() {
		ExecutionResult result = attack("codemode.doesNotExist({})", BOUND);
		assertError(result, ExecutionError.UNKNOWN_TOOL, "doesNotExist", "echo, fail, slowTool, getWeather, sendEmail");
		assertThat(result.error().message()).doesNotContain("is not a function");
		assertThat(result.toolCalls()).isZero();
		assertThat(this.fixtures.echoCalls.get() + this.fixtures.failCalls.get() + this.fixtures.slowCalls.get()
				+ this.fixtures.weatherCalls.get() + this.fixtures.emails.size())
			.isZero();
	}

	@Test
	void wrongArgumentShapeNamesTheExpectedField() {
		ExecutionResult result = attack("codemode.getWeather('London')", BOUND);
		assertError(result, ExecutionError.TOOL, "location", Fixtures.GET_WEATHER_SIGNATURE);
		assertThat(this.fixtures.weatherCalls).as("the tool never sees a bare string").hasValue(0);
		assertJavaFree(result);
	}

}
