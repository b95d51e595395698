package dev.codemode.autoconfigure.actuate;

import java.time.Duration;
import java.util.List;

import dev.codemode.annotation.CodeModeNamespace;
import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.boot.actuate.CodeModeEndpoint.CodeModeDescriptor;
import dev.codemode.boot.actuate.CodeModeEndpoint.LimitsDescriptor;
import dev.codemode.boot.actuate.CodeModeEndpoint.ToolDescriptor;
import dev.codemode.boot.actuate.CodeModeEndpoint;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CodeModeEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CodeModeAutoConfiguration.class, CodeModeEndpointAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false")
		.withBean(WeatherTools.class)
		.withBean(GithubTools.class);

	@Test
	void noEndpointUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CodeModeEndpoint.class));
	}

	@Test
	void noEndpointWithoutActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=codemode")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CodeModeEndpoint.class));
	}

	@Test
	void noEndpointWhenCodeModeIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=codemode", "codemode.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CodeModeEndpoint.class));
	}

	@Test
	void noEndpointWhenDisabledLikeAnyEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=codemode",
					"management.endpoint.codemode.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(CodeModeEndpoint.class));
	}

	@Test
	void showsNamespacesToolsDeclarationsLimitsAndCounters() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=codemode", "codemode.max-tool-calls=12",
					"codemode.timeout=5s", "codemode.env.API_TOKEN=secret-value", "codemode.approval.tools=github.*")
			.run((context) -> {
				context.getBean("codemode", ToolCallback.class).call("{\"code\":\"return 1\"}");
				CodeModeDescriptor descriptor = context.getBean(CodeModeEndpoint.class).codemode();
				assertThat(descriptor.toolName()).isEqualTo("codemode");
				assertThat(descriptor.namespaces()).containsOnlyKeys("codemode", "github");
				assertThat(descriptor.namespaces().get("codemode"))
					.containsExactly(new ToolDescriptor("getWeather", "The weather in a city", false));
				assertThat(descriptor.namespaces().get("github"))
					.containsExactly(new ToolDescriptor("listIssues", "Lists the issues of a repository", true));
				assertThat(descriptor.declarations()).contains("declare const codemode")
					.contains("declare const github")
					.contains("getWeather")
					.contains("listIssues");
				assertThat(descriptor.limits().maxToolCalls()).isEqualTo(12);
				assertThat(descriptor.limits().timeout()).isEqualTo("PT5S");
				assertThat(descriptor.limits().env()).containsExactly("API_TOKEN");
				assertThat(descriptor.toString()).doesNotContain("secret-value");
				assertThat(descriptor.counters().executions()).isEqualTo(1);
				assertThat(descriptor.isolation()).isEqualTo("in-process");
				assertThat(descriptor.limits().retiredThreads()).isZero();
				assertThat(descriptor.workers()).isNull();
			});
	}

	@Test
	void theValuesOfCodemodeEnvNeverAppearInTheEndpointsJson() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=codemode",
					"codemode.env.API_TOKEN=s3cr3t-t0ken", "codemode.env.REGION=eu-north-s3cr3t")
			.run((context) -> {
				String json = JsonMapper.builder()
					.build()
					.writeValueAsString(context.getBean(CodeModeEndpoint.class).codemode());
				assertThat(json).contains("\"API_TOKEN\"", "\"REGION\"").doesNotContain("s3cr3t");
			});
	}

	@Test
	void showsTheExecutorOptionsAsTheyAre() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=codemode", "codemode.max-cpu-time=3s",
					"codemode.max-statements=5000", "codemode.max-allocated-bytes=128MB",
					"codemode.max-concurrent-executions=3", "codemode.allow-eval=true")
			.run((context) -> {
				GraalJsExecutorOptions options = context.getBean(GraalJsCodeExecutor.class).options();
				LimitsDescriptor limits = context.getBean(CodeModeEndpoint.class).codemode().limits();
				assertThat(limits.maxCpuTime()).isEqualTo("PT3S");
				assertThat(limits.maxStatements()).isEqualTo(5000);
				assertThat(limits.maxAllocatedBytes()).isEqualTo(128L << 20);
				assertThat(limits.maxConcurrentExecutions()).isEqualTo(3);
				assertThat(limits.allowEval()).isTrue();
				assertThat(limits)
					.extracting(LimitsDescriptor::maxCodeLength, LimitsDescriptor::maxNestingDepth,
							LimitsDescriptor::maxToolCallsInFlight, LimitsDescriptor::maxConsoleChars,
							LimitsDescriptor::maxResultChars, LimitsDescriptor::maxRetiredThreads,
							LimitsDescriptor::virtualToolThreads, LimitsDescriptor::toolExecutor)
					.containsExactly(options.maxCodeLength(), options.maxNestingDepth(), options.maxToolCallsInFlight(),
							options.maxConsoleChars(), options.maxResultChars(), options.maxRetiredThreads(),
							options.virtualToolThreads(), null);
			});
	}

	@Test
	void showsWhichTranspilerPreparesPrograms() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=codemode",
					"codemode.executor.transpiler=jvm")
			.run((context) -> assertThat(context.getBean(CodeModeEndpoint.class).codemode().transpiler())
				.startsWith("pure JVM (Babel's parser"));
	}

	@Test
	void showsNoLimitsForAnExecutorOfTheApplicationsOwn() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=codemode")
			.withBean(CodeExecutor.class,
					() -> (code, namespaces) -> new ExecutionResult("1", List.of(), null, Duration.ZERO, 0))
			.run((context) -> {
				CodeModeDescriptor descriptor = context.getBean(CodeModeEndpoint.class).codemode();
				assertThat(descriptor.limits()).isNull();
				assertThat(descriptor.transpiler()).isNull();
				assertThat(descriptor.isolation()).isNull();
				assertThat(descriptor.namespaces()).containsKeys("codemode", "github");
			});
	}

	static class WeatherTools {

		@Tool(description = "The weather in a city")
		public String getWeather(String city) {
			return "Sunny in " + city;
		}

	}

	@CodeModeNamespace("github")
	static class GithubTools {

		@Tool(description = "Lists the issues of a repository")
		public List<String> listIssues(String repository) {
			return List.of(repository + "#1");
		}

	}

}
