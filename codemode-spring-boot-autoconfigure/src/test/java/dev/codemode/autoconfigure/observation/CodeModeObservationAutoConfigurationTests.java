package dev.codemode.autoconfigure.observation;

import java.time.Duration;
import java.util.List;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.CodeModeStatistics;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.tool.CodeModeListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CodeModeObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class,
                CodeModeObservationAutoConfiguration.class))
        .withUserConfiguration(ScriptedExecutorConfiguration.class)
        .withBean("weatherTools", WeatherTools.class);

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
    void observesAnExecutionAndEachToolCallAsItsChild() {
        this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            context.getBean("codemode", ToolCallback.class).call("{\"code\":\"callAll\"}");
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
                .forAllObservationsWithNameEqualTo("spring.ai.tool", (toolCall) -> toolCall
                    .hasLowCardinalityKeyValue("spring.ai.kind", "tool_call")
                    .hasParentObservationContextMatching(
                            (parent) -> parent instanceof CodeModeExecutionObservationContext));
            TestObservationRegistryAssert.assertThat(registry)
                .hasAnObservationWithAKeyValue("spring.ai.tool.definition.name", "getWeather")
                .hasAnObservationWithAKeyValue("spring.ai.tool.definition.name", "failingTool");
            TestObservationRegistryAssert.assertThat(registry).hasAnObservation((observation) -> observation
                .hasNameEqualTo("spring.ai.tool")
                .hasLowCardinalityKeyValue("spring.ai.tool.definition.name", "failingTool")
                .hasError());
        });
    }

    @Test
    void tagsAFailedExecutionWithItsErrorKind() {
        this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
            context.getBean("codemode", ToolCallback.class).call("{\"code\":\"fail:TimeoutError\"}");
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
            context.getBean("codemode", ToolCallback.class).call("{\"code\":\"fail:MyVerySpecialError\"}");
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                .hasObservationWithNameEqualTo("codemode.execution")
                .that()
                .hasLowCardinalityKeyValue("codemode.error.kind", "other");
        });
    }

    @Test
    void aCustomExecutionConventionReplacesTheDefaultOne() {
        this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withBean(CodeModeExecutionObservationConvention.class, () -> new DefaultCodeModeExecutionObservationConvention() {
                @Override
                public String getName() {
                    return "my.codemode";
                }
            })
            .run((context) -> {
                context.getBean("codemode", ToolCallback.class).call("{\"code\":\"callAll\"}");
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
                context.getBean("codemode", ToolCallback.class).call("{\"code\":\"callAll\"}");
                assertThat(context).getBean("codeModeObservationListener").isSameAs(listener);
                TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .doesNotHaveAnyObservation();
            });
    }

    @Test
    void publishesTheStatisticsAsCounters() {
        this.contextRunner.run((context) -> {
            MeterRegistry meters = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(meters);
            ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
            codemode.call("{\"code\":\"callAll\"}");
            codemode.call("{\"code\":\"fail:TimeoutError\"}");
            codemode.call("{\"code\":\"fail:LimitError\"}");
            codemode.call("{\"code\":\"fail:SyntaxError\"}");
            assertThat(meters.get("codemode.executions").functionCounter().count()).isEqualTo(4);
            assertThat(meters.get("codemode.executions.failed").functionCounter().count()).isEqualTo(3);
            assertThat(meters.get("codemode.executions.timeouts").functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("codemode.executions.limit.hits").functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("codemode.tool.calls").functionCounter().count()).isEqualTo(2);
            assertThat(meters.get("codemode.tool.calls.failed").functionCounter().count()).isEqualTo(1);
            assertThat(context.getBean(CodeModeStatistics.class).getExecutions()).isEqualTo(4);
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

    /**
     * An executor whose "programs" are commands: {@code callAll} calls every tool once and succeeds,
     * {@code fail:<kind>} fails with that kind of error.
     */
    @Configuration(proxyBeanMethods = false)
    static class ScriptedExecutorConfiguration {

        @Bean
        CodeExecutor scriptedExecutor() {
            return (code, namespaces) -> {
                if (code.startsWith("fail:")) {
                    return ExecutionResult.failed(new ExecutionError(code.substring(5), "scripted failure"));
                }
                int calls = 0;
                for (ToolNamespace namespace : namespaces) {
                    for (ToolFunction function : namespace.functions().values()) {
                        calls++;
                        try {
                            function.call("{\"city\":\"Oslo\"}");
                        }
                        catch (Exception ex) {
                            // The program caught it.
                        }
                    }
                }
                return new ExecutionResult("true", List.of(), null, Duration.ofMillis(1), calls);
            };
        }

    }

}
