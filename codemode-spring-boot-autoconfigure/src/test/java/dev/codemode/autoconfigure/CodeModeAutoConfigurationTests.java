package dev.codemode.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.CodeModeWarmUp;
import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import dev.codemode.program.Transpiler;
import dev.codemode.tool.CodeModeOutcome;
import dev.codemode.tool.CodeModeToolCallback;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.AsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CodeModeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	@Test
	void providesAToolCallbackNamedCodemodeWhoseInputIsOneRequiredCodeString() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ToolCallback.class);
			assertThat(context).getBean("codemode").isInstanceOf(ToolCallback.class);
			ToolDefinition definition = context.getBean("codemode", ToolCallback.class).getToolDefinition();
			assertThat(definition.name()).isEqualTo("codemode");
			assertThat(definition.inputSchema()).contains("\"code\"").contains("\"required\"");
		});
	}

	@Test
	void toolNamePropertyRenamesTheToolButNotTheBean() {
		this.contextRunner.withPropertyValues("codemode.tool-name=run_program").run((context) -> {
			ToolCallback codemode = context.getBean("codemode", ToolCallback.class);
			assertThat(codemode.getToolDefinition().name()).isEqualTo("run_program");
			assertThat(codemode.getToolDefinition().description()).isNotEmpty();
			assertThat(((LazyCodeModeToolCallback) codemode).getCallback().getToolDefinition().name())
				.isEqualTo("run_program");
		});
	}

	@Test
	void descriptionTemplatePropertyShapesTheDescription() {
		this.contextRunner.withPropertyValues("codemode.description-template=Run JavaScript. API: {{types}}")
			.run((context) -> assertThat(
					context.getBean("codemode", ToolCallback.class).getToolDefinition().description())
				.startsWith("Run JavaScript. API: ")
				.doesNotContain("{{types}}"));
	}

	@Test
	void aDescriptionTemplateWithoutTypesFailsAtStartup() {
		this.contextRunner.withPropertyValues("codemode.description-template=Run JavaScript.")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("codemode.description-template must contain {{types}}"));
	}

	@Test
	void discoveryModeAlwaysListsToolsForCatalogSearch() {
		this.contextRunner.withBean("weather", ToolCallback.class, () -> TestTools.callback("getWeather", "1"))
			.withPropertyValues("codemode.discovery.mode=always")
			.run((context) -> assertThat(
					context.getBean("codemode", ToolCallback.class).getToolDefinition().description())
				.contains("catalog.search"));
	}

	@Test
	void theCodemodeBeanRunsAProgramAsData() {
		this.contextRunner.withBean("weather", ToolCallback.class, () -> TestTools.callback("getWeather", "21"))
			.run((context) -> {
				CodeModeOutcome outcome = context.getBean("codemode", LazyCodeModeToolCallback.class)
					.execute("async () => (await codemode.getWeather({})) + 1", null);
				assertThat(outcome.error()).isNull();
				assertThat(outcome.resultJson()).isEqualTo("22");
				assertThat(outcome.toolCalls()).singleElement()
					.satisfies((call) -> assertThat(call.output()).isEqualTo("21"));
			});
	}

	@Test
	void theApprovalHandlerBeanDecidesOnToolsThatRequireApproval() {
		List<ApprovalRequest> requests = new ArrayList<>();
		this.contextRunner
			.withBean("deleteUser", ToolCallback.class, () -> TestTools.callback("deleteUser", "\"gone\""))
			.withPropertyValues("codemode.approval.tools=deleteUser")
			.withBean(ToolApprovalHandler.class, () -> (request) -> {
				requests.add(request);
				return ApprovalDecision.deny("not on a Friday");
			})
			.run((context) -> {
				String output = context.getBean("codemode", ToolCallback.class)
					.call("{\"code\":\"async () => await codemode.deleteUser({})\"}");
				assertThat(requests).extracting(ApprovalRequest::tool).containsExactly("deleteUser");
				assertThat(output).contains("not on a Friday").doesNotContain("gone");
			});
	}

	@Test
	void anApprovalThatTakesLongerThanTheApprovalTimeoutRefusesTheCall() {
		this.contextRunner
			.withBean("deleteUser", ToolCallback.class, () -> TestTools.callback("deleteUser", "\"gone\""))
			.withPropertyValues("codemode.approval.tools=deleteUser", "codemode.approval.timeout=100ms")
			.withBean(ToolApprovalHandler.class, () -> (request) -> {
				Thread.sleep(60_000);
				return ApprovalDecision.approve();
			})
			.run((context) -> {
				long start = System.nanoTime();
				String output = context.getBean("codemode", ToolCallback.class)
					.call("{\"code\":\"async () => await codemode.deleteUser({})\"}");
				assertThat(output).doesNotContain("gone");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
			});
	}

	@Test
	void enabledFalseTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("codemode.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("codemode");
			assertThat(context).doesNotHaveBean(CodeExecutor.class);
			assertThat(context).doesNotHaveBean(CodeModeStatistics.class);
			assertThat(context).doesNotHaveBean(CodeModeProperties.class);
		});
	}

	@Test
	void providesTheGraalJsExecutorAndStatisticsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GraalJsCodeExecutor.class);
			assertThat(context).hasSingleBean(CodeModeStatistics.class);
		});
	}

	@Test
	void userExecutorReplacesTheGraalJsExecutorAndRunsThePrograms() {
		this.contextRunner.withUserConfiguration(UserExecutorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CodeExecutor.class);
			assertThat(context).doesNotHaveBean(GraalJsCodeExecutor.class);
			assertThat(context).doesNotHaveBean(CodeModeWarmUp.class);
			String output = context.getBean("codemode", ToolCallback.class).call("{\"code\":\"return 42\"}");
			assertThat(output).contains("42");
			assertThat(context.getBean(UserExecutorConfiguration.class).programs).containsExactly("return 42");
		});
	}

	@Test
	void userCodemodeBeanReplacesTheAutoConfiguredOne() {
		this.contextRunner.withUserConfiguration(UserCodemodeConfiguration.class).run((context) -> {
			assertThat(context).getBean("codemode").isInstanceOf(CodeModeToolCallback.class);
			assertThat(context).doesNotHaveBean(LazyCodeModeToolCallback.class);
		});
	}

	@Test
	void userStatisticsBeanReplacesTheAutoConfiguredOne() {
		CodeModeStatistics statistics = new CodeModeStatistics();
		this.contextRunner.withBean(CodeModeStatistics.class, () -> statistics)
			.run((context) -> assertThat(context).getBean(CodeModeStatistics.class).isSameAs(statistics));
	}

	@Test
	void propertiesReachTheExecutorOptions() {
		this.contextRunner.withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("codemode.timeout=5s", "codemode.max-cpu-time=2s", "codemode.max-statements=1234",
					"codemode.max-allocated-bytes=32MB", "codemode.max-code-length=1000",
					"codemode.max-nesting-depth=50", "codemode.max-tool-calls=7", "codemode.max-tool-calls-in-flight=3",
					"codemode.max-console-chars=500", "codemode.max-result-chars=600",
					"codemode.max-concurrent-executions=2", "codemode.allow-eval=true",
					"codemode.env.API_URL=https://x.test", "codemode.env.REGION=eu",
					"codemode.executor.program-cache-size=9")
			.run((context) -> {
				GraalJsExecutorOptions options = context.getBean(CapturingCustomizerConfiguration.class).captured
					.get(0);
				assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(options.maxCpuTime()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.maxStatements()).isEqualTo(1234);
				assertThat(options.maxAllocatedBytes()).isEqualTo(32L * 1024 * 1024);
				assertThat(options.maxCodeLength()).isEqualTo(1000);
				assertThat(options.maxNestingDepth()).isEqualTo(50);
				assertThat(options.maxToolCalls()).isEqualTo(7);
				assertThat(options.maxToolCallsInFlight()).isEqualTo(3);
				assertThat(options.maxConsoleChars()).isEqualTo(500);
				assertThat(options.maxResultChars()).isEqualTo(600);
				assertThat(options.maxConcurrentExecutions()).isEqualTo(2);
				assertThat(options.allowEval()).isTrue();
				assertThat(options.env()).containsExactly(Map.entry("API_URL", "https://x.test"),
						Map.entry("REGION", "eu"));
				assertThat(options.programCacheSize()).isEqualTo(9);
			});
	}

	@Test
	void customizersRunInOrderAfterTheProperties() {
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class)
			.withPropertyValues("codemode.max-tool-calls=7")
			.run((context) -> {
				OrderedCustomizersConfiguration configuration = context.getBean(OrderedCustomizersConfiguration.class);
				assertThat(configuration.seen).containsExactly(7, 8);
				assertThat(context.getBean(CapturingCustomizerConfiguration.class).captured.get(0).maxToolCalls())
					.isEqualTo(9);
			});
	}

	@Test
	void transpilerIsChosenAutomaticallyUnlessAPropertyAsksForOne() {
		this.contextRunner.withUserConfiguration(CapturingCustomizerConfiguration.class).run((context) -> {
			GraalJsExecutorOptions options = context.getBean(CapturingCustomizerConfiguration.class).captured.get(0);
			assertThat(options.transpiler()).isEqualTo(Transpiler.AUTO);
		});
		this.contextRunner.withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("codemode.executor.transpiler=jvm")
			.run((context) -> {
				assertThat(context.getBean(CapturingCustomizerConfiguration.class).captured.get(0).transpiler())
					.isEqualTo(Transpiler.JVM);
				assertThat(context.getBean(GraalJsCodeExecutor.class).transpiler()).startsWith("pure JVM");
				assertThat(context.getBean("codemode", ToolCallback.class)
					.call("{\"code\":\"const n: number = 41; n + 1\"}")).isEqualTo("{\"result\":42,\"logs\":[]}");
			});
	}

	@Test
	void toolCallsRunOnTheExecutorsOwnPlatformThreadsEvenWithAnApplicationTaskExecutor() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(CapturingCustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasBean("applicationTaskExecutor");
				GraalJsExecutorOptions options = context.getBean(CapturingCustomizerConfiguration.class).captured
					.get(0);
				assertThat(options.toolExecutor()).isNull();
				assertThat(options.virtualToolThreads()).isFalse();
			});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void toolCallsRunOnVirtualThreadsWhenTheApplicationUsesThem() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				GraalJsExecutorOptions options = context.getBean(CapturingCustomizerConfiguration.class).captured
					.get(0);
				assertThat(options.toolExecutor()).isNull();
				assertThat(options.virtualToolThreads()).isTrue();
			});
	}

	@Test
	void aCustomizerCanRunToolCallsOnAnExecutorOfTheApplication() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(ApplicationTaskExecutorCustomizerConfiguration.class,
					CapturingCustomizerConfiguration.class)
			.run((context) -> assertThat(
					context.getBean(CapturingCustomizerConfiguration.class).captured.get(0).toolExecutor())
				.isSameAs(context.getBean("applicationTaskExecutor")));
	}

	@Test
	void logCodeTrueLogsEachProgramAtInfoButNeverTheEnvValues(CapturedOutput output) {
		this.contextRunner.withPropertyValues("codemode.log-code=true", "codemode.env.TOKEN=secret-token-value")
			.run((context) -> {
				String result = context.getBean("codemode", ToolCallback.class)
					.call("{\"code\":\"async () => process.env.TOKEN.length\"}");
				assertThat(result).contains("18");
			});
		assertThat(output).containsPattern("INFO .*Running program")
			.contains("async () => process.env.TOKEN.length")
			.doesNotContain("secret-token-value");
	}

	@Test
	void programsAreNotLoggedAtInfoByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> context.getBean("codemode", ToolCallback.class)
			.call("{\"code\":\"async () => 'quiet program'\"}"));
		assertThat(output).doesNotContainPattern("INFO .*Running program");
	}

	@Test
	void toolCallsRunOnTheExecutorsOwnPoolWithoutAnApplicationTaskExecutor() {
		this.contextRunner.withUserConfiguration(CapturingCustomizerConfiguration.class)
			.run((context) -> assertThat(
					context.getBean(CapturingCustomizerConfiguration.class).captured.get(0).toolExecutor())
				.isNull());
	}

	@Test
	void warmsUpTheExecutorInTheBackgroundByDefault() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(CodeModeWarmUp.class);
				CodeModeWarmUp warmUp = context.getBean(CodeModeWarmUp.class);
				warmUp.destroy();
				assertThat(warmUp.isDone()).isTrue();
			});
	}

	@Test
	void warmUpFalseSkipsTheWarmUp() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CodeModeWarmUp.class));
	}

	@Test
	void toolsAreNotDiscoveredWhileTheContextStarts() {
		this.contextRunner.withUserConfiguration(LazyToolCallbackConfiguration.class).run((context) -> {
			LazyCodeModeToolCallback codemode = context.getBean("codemode", LazyCodeModeToolCallback.class);
			assertThat(codemode.getToolDefinition().name()).isEqualTo("codemode");
			assertThat(codemode.isResolved()).isFalse();
			assertThat(LazyToolCallbackConfiguration.created).hasValue(0);
			assertThat(codemode.getToolDefinition().description()).contains("lazyCallback");
			assertThat(codemode.isResolved()).isTrue();
			assertThat(LazyToolCallbackConfiguration.created).hasValue(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutorConfiguration {

		final List<String> programs = new ArrayList<>();

		@Bean
		CodeExecutor userExecutor() {
			return (code, namespaces) -> {
				this.programs.add(code);
				return new ExecutionResult("42", List.of(), null, Duration.ZERO, 0);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCodemodeConfiguration {

		@Bean
		CodeModeToolCallback codemode(CodeExecutor executor) {
			return CodeModeToolCallback.builder().executor(executor).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CapturingCustomizerConfiguration {

		final List<GraalJsExecutorOptions> captured = new ArrayList<>();

		@Bean
		@Order(Integer.MAX_VALUE)
		CodeModeExecutorCustomizer capturingCustomizer() {
			return (options) -> this.captured.add(options.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationTaskExecutorCustomizerConfiguration {

		@Bean
		CodeModeExecutorCustomizer applicationTaskExecutorCustomizer(AsyncTaskExecutor applicationTaskExecutor) {
			return (options) -> options.toolExecutor(applicationTaskExecutor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(CapturingCustomizerConfiguration.class)
	static class OrderedCustomizersConfiguration {

		final List<Integer> seen = new ArrayList<>();

		@Bean
		@Order(2)
		CodeModeExecutorCustomizer second() {
			return (options) -> {
				this.seen.add(options.build().maxToolCalls());
				options.maxToolCalls(9);
			};
		}

		@Bean
		@Order(1)
		CodeModeExecutorCustomizer first() {
			return (options) -> {
				this.seen.add(options.build().maxToolCalls());
				options.maxToolCalls(8);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyToolCallbackConfiguration {

		static final AtomicInteger created = new AtomicInteger();

		LazyToolCallbackConfiguration() {
			created.set(0);
		}

		@Bean
		@Lazy
		ToolCallback lazyCallback() {
			created.incrementAndGet();
			return TestTools.callback("lazyCallback", "\"lazy\"");
		}

	}

}
