package dev.codemode.autoconfigure.observation;

import java.util.Map;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.observation.CodeModeExecutionObservationContext;
import dev.codemode.boot.observation.CodeModeExecutionObservationConvention;
import dev.codemode.boot.observation.DefaultCodeModeExecutionObservationConvention;
import dev.codemode.tool.CodeModeListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CodeModeObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CodeModeAutoConfiguration.class, CodeModeObservationAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false", "codemode.max-tool-calls=2")
		.withBean("weatherTools", WeatherTools.class);

	private static final String TIMEOUT = "async () => { while (true) {} }";

	// One call more than codemode.max-tool-calls=2 allows.
	private static final String LIMIT = """
			async () => {
			  for (let i = 0; i < 3; i++) await codemode.getWeather({ city: "Oslo" });
			}
			""";

	private static final String MADE_UP_ERROR = """
			class MyVerySpecialError extends Error {
			  constructor(message) { super(message); this.name = "MyVerySpecialError"; }
			}
			throw new MyVerySpecialError("made up");
			""";

	private static final String CALL_ALL = """
			async () => {
			  const [weather, failure] = await Promise.all([
			    codemode.getWeather({ city: "Oslo" }),
			    codemode.failingTool({}).catch((error) => error.message),
			  ]);
			  return { weather, failure };
			}
			""";

	@Test
	void observesNothingWithoutAnObservationRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("codeModeObservationListener"));
	}

	@Test
	void observesNothingWhenCodeModeIsDisabled() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("codemode.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("codeModeObservationListener");
				assertThat(context).doesNotHaveBean(MeterBinder.class);
			});
	}

	@Test
	@SuppressWarnings("unchecked") // ObservationContextAssert is a raw type in the TCK
	void observesAnExecutionAndEachToolCallAsItsChild() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			context.getBean("codemode", ToolCallback.class).call(input(CALL_ALL));
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("codemode.execution", 1)
				.hasObservationWithNameEqualTo("codemode.execution")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasContextualNameEqualTo("codemode execution")
				.hasLowCardinalityKeyValue("codemode.outcome", "success")
				.hasLowCardinalityKeyValue("codemode.error.kind", "none")
				.hasHighCardinalityKeyValue("codemode.tool.calls", "2");
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("spring.ai.tool", 2)
				.forAllObservationsWithNameEqualTo("spring.ai.tool",
						(toolCall) -> toolCall.hasLowCardinalityKeyValue("spring.ai.kind", "tool_call")
							.hasParentObservationContextMatching(
									(parent) -> parent instanceof CodeModeExecutionObservationContext));
			TestObservationRegistryAssert.assertThat(registry)
				.hasAnObservationWithAKeyValue("spring.ai.tool.definition.name", "getWeather")
				.hasAnObservationWithAKeyValue("spring.ai.tool.definition.name", "failingTool");
			TestObservationRegistryAssert.assertThat(registry)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("spring.ai.tool")
					.hasLowCardinalityKeyValue("spring.ai.tool.definition.name", "failingTool")
					.hasError());
		});
	}

	@Test
	void tagsAFailedExecutionWithItsErrorKind() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("codemode.timeout=1s")
			.run((context) -> {
				context.getBean("codemode", ToolCallback.class).call(input(TIMEOUT));
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("codemode.execution")
					.that()
					.hasLowCardinalityKeyValue("codemode.outcome", "error")
					.hasLowCardinalityKeyValue("codemode.error.kind", "TimeoutError");
			});
	}

	@Test
	void errorNamesThatAProgramMadeUpDoNotBecomeTagValues() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			context.getBean("codemode", ToolCallback.class).call(input(MADE_UP_ERROR));
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("codemode.execution")
				.that()
				.hasLowCardinalityKeyValue("codemode.error.kind", "other");
		});
	}

	@Test
	void aCustomExecutionConventionReplacesTheDefaultOne() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(CodeModeExecutionObservationConvention.class,
					() -> new DefaultCodeModeExecutionObservationConvention() {
						@Override
						public String getName() {
							return "my.codemode";
						}
					})
			.run((context) -> {
				context.getBean("codemode", ToolCallback.class).call(input(CALL_ALL));
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasNumberOfObservationsWithNameEqualTo("my.codemode", 1)
					.hasNumberOfObservationsWithNameEqualTo("codemode.execution", 0);
			});
	}

	@Test
	void auserListenerNamedLikeTheObservationListenerReplacesIt() {
		CodeModeListener listener = new CodeModeListener() {
		};
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean("codeModeObservationListener", CodeModeListener.class, () -> listener)
			.run((context) -> {
				context.getBean("codemode", ToolCallback.class).call(input(CALL_ALL));
				assertThat(context).getBean("codeModeObservationListener").isSameAs(listener);
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	@Test
	void publishesTheStatisticsAsCounters() {
		this.contextRunner.run((context) -> {
			MeterRegistry meters = new SimpleMeterRegistry();
			context.getBean("codeModeMeterBinder", MeterBinder.class).bindTo(meters);
			context.getBean("codeModeExecutorMeterBinder", MeterBinder.class).bindTo(meters);
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			codemode.call(input(CALL_ALL));
			codemode.call(input(LIMIT));
			codemode.call(input("return (;"));
			assertThat(meters.get("codemode.executions").functionCounter().count()).isEqualTo(3);
			assertThat(meters.get("codemode.executions.failed").functionCounter().count()).isEqualTo(2);
			assertThat(meters.get("codemode.executions.timeouts").functionCounter().count()).isZero();
			assertThat(meters.get("codemode.executions.limit.hits").functionCounter().count()).isEqualTo(1);
			// Two calls by CALL_ALL, two by LIMIT before its third is refused.
			assertThat(meters.get("codemode.tool.calls").functionCounter().count()).isEqualTo(4);
			assertThat(meters.get("codemode.tool.calls.failed").functionCounter().count()).isEqualTo(1);
			assertThat(context.getBean(CodeModeStatistics.class).getExecutions()).isEqualTo(3);
			assertThat(meters.get("codemode.executor.threads.retired").gauge().value()).isZero();
			assertThat(meters.get("codemode.executor.threads.retired.total").functionCounter().count()).isZero();
		});
	}

	@Test
	void publishesNoCountersWithoutMicrometerMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean("codeModeMeterBinder"));
	}

	static class WeatherTools {

		@Tool(description = "The weather in a city")
		public String getWeather(String city) {
			return "Sunny in " + city;
		}

		@Tool(description = "Always fails")
		public String failingTool() {
			throw new IllegalStateException("broken");
		}

	}

	private static String input(String program) {
		return JsonMapper.builder().build().writeValueAsString(Map.of("code", program));
	}

}
