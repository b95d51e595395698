package dev.codemode.autoconfigure;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a default Boot application (its task execution auto-configuration included, whose
 * executor has 8 platform threads), {@code Promise.all} of 10 tool calls really runs the
 * 10 at once: each waits at a barrier of 10 and fails after 5 s unless all 10 are
 * running. With and without {@code spring.threads.virtual.enabled}.
 */
class ParallelToolCallsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TEN_AT_ONCE = """
			{"code": "return await Promise.all(Array.from({ length: 10 }, (_, i) => codemode.meet({ i })))"}""";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class, CodeModeAutoConfiguration.class))
		.withUserConfiguration(BarrierToolsConfiguration.class)
		.withPropertyValues("codemode.warm-up=false", "codemode.timeout=20s");

	@Test
	void tenParallelToolCallsRunAtOnceOnPlatformThreads() {
		this.contextRunner.run((context) -> assertTenMet(context.getBean("codemode", ToolCallback.class)));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void tenParallelToolCallsRunAtOnceOnVirtualThreads() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertTenMet(context.getBean("codemode", ToolCallback.class)));
	}

	private static void assertTenMet(ToolCallback codemode) {
		JsonNode output = JSON.readTree(codemode.call(TEN_AT_ONCE));
		assertThat(output.has("error")).as(output.toString()).isFalse();
		assertThat(output.path("result")).hasSize(10);
		for (int i = 0; i < 10; i++) {
			assertThat(output.path("result").get(i).asString()).isEqualTo("met " + i);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class BarrierToolsConfiguration {

		@Bean
		BarrierTools barrierTools() {
			return new BarrierTools();
		}

	}

	/** A tool whose calls return only when 10 of them are running at the same time. */
	static class BarrierTools {

		private final CyclicBarrier tenRunning = new CyclicBarrier(10);

		@Tool(description = "Waits until ten calls are running, then returns")
		public String meet(int i) throws Exception {
			this.tenRunning.await(5, TimeUnit.SECONDS);
			return "met " + i;
		}

	}

}
