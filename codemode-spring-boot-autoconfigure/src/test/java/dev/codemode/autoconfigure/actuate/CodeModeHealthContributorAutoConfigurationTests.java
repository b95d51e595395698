package dev.codemode.autoconfigure.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CodeModeHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class,
				CodeModeHealthContributorAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false")
		.withBean(EchoTools.class);

	@Test
	void healthIsUpWhileExecutionsAreAccepted() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean("codemodeHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("retiredThreads", 0).containsEntry("maxRetiredThreads", 4);
		});
	}

	@Test
	void healthIsDownWhileTooManyThreadsAreStuck() {
		this.contextRunner.withPropertyValues("codemode.timeout=500ms", "codemode.max-retired-threads=1")
			.run((context) -> {
				GraalJsCodeExecutor executor = context.getBean(GraalJsCodeExecutor.class);
				executor.warmUp();
				CountDownLatch release = new CountDownLatch(1);
				try {
					assertThat(executor.execute("await codemode.stuck({})", stuckTool(release)).error().kind())
						.isEqualTo(ExecutionError.TIMEOUT);
					Health health = context.getBean("codemodeHealthIndicator", HealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsEntry("retiredThreads", 1);
				}
				finally {
					release.countDown();
				}
			});
	}

	@Test
	void noHealthIndicatorWhenDisabledLikeAnyOther() {
		this.contextRunner.withPropertyValues("management.health.codemode.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("codemodeHealthIndicator"));
	}

	@Test
	void noHealthIndicatorWithoutBootsHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("codemodeHealthIndicator"));
	}

	/** A tool that blocks the program's own thread until released, deaf to interrupts. */
	private static List<ToolNamespace> stuckTool(CountDownLatch release) {
		ToolFunction stuck = new ToolFunction() {

			@Override
			public String call(String inputJson) {
				return "null";
			}

			@Override
			public CompletableFuture<String> callAsync(String inputJson, Executor executor) {
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (release.getCount() > 0 && System.nanoTime() < deadline) {
					Thread.onSpinWait();
				}
				return CompletableFuture.completedFuture("null");
			}

		};
		return List.of(ToolNamespace.of(Map.of("stuck", stuck)));
	}

	static class EchoTools {

		@Tool(description = "Echo")
		String echo(String text) {
			return text;
		}

	}

}
