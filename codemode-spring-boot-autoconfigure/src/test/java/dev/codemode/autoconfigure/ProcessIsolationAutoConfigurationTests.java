package dev.codemode.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.codemode.autoconfigure.actuate.CodeModeEndpointAutoConfiguration;
import dev.codemode.autoconfigure.actuate.CodeModeHealthContributorAutoConfiguration;
import dev.codemode.autoconfigure.observation.CodeModeObservationAutoConfiguration;
import dev.codemode.boot.CodeModeWarmUp;
import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.boot.actuate.CodeModeEndpoint;
import dev.codemode.boot.actuate.CodeModeEndpoint.CodeModeDescriptor;
import dev.codemode.boot.actuate.CodeModeEndpoint.WorkersDescriptor;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.executor.process.WorkerOptions;
import dev.codemode.tool.CodeModeOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code codemode.executor.isolation=process}: the executor, the endpoint, the health
 * indicator and the metrics. Each context with process isolation starts worker JVMs
 * (about 3 s each), so only one context here starts a real worker, with count 1 and a
 * small heap, and checks everything on it.
 */
class ProcessIsolationAutoConfigurationTests {

	private static final String PROCESS = "codemode.executor.isolation=process";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CodeModeAutoConfiguration.class, CodeModeEndpointAutoConfiguration.class,
						CodeModeHealthContributorAutoConfiguration.class, CodeModeObservationAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=codemode", "codemode.executor.worker.count=1",
				"codemode.executor.worker.max-heap=128MB")
		.withBean("weatherTools", WeatherTools.class);

	@Test
	void programsRunInTheApplicationsJvmByDefault() {
		this.contextRunner.withPropertyValues("codemode.warm-up=false").run((context) -> {
			assertThat(context).hasSingleBean(GraalJsCodeExecutor.class).doesNotHaveBean(ProcessCodeExecutor.class);
			assertThat(context.getBean(CodeModeEndpoint.class).codemode().isolation()).isEqualTo("in-process");
			assertThat(context.getBean(CodeModeEndpoint.class).codemode().workers()).isNull();
			assertThat(context).doesNotHaveBean("codeModeWorkersMeterBinder");
		});
	}

	@Test
	void isolationIsBoundLikeTheOtherEnumProperties() {
		this.contextRunner.withPropertyValues("codemode.warm-up=false", "codemode.executor.isolation=IN_PROCESS")
			.run((context) -> assertThat(context).hasSingleBean(GraalJsCodeExecutor.class));
	}

	@Test
	void anUnknownIsolationFailsTheStartup() {
		this.contextRunner.withPropertyValues("codemode.executor.isolation=container")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'codemode.executor.isolation'"));
	}

	@Test
	void anExecutorOfTheApplicationsOwnWinsOverProcessIsolation() {
		CodeExecutor own = (code, namespaces) -> new ExecutionResult("1", List.of(), null, Duration.ZERO, 0);
		this.contextRunner.withPropertyValues(PROCESS).withBean(CodeExecutor.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(ProcessCodeExecutor.class).doesNotHaveBean(CodeModeWarmUp.class);
			assertThat(context.getBean(CodeExecutor.class)).isSameAs(own);
			assertThat(context.getBean(CodeModeEndpoint.class).codemode().workers()).isNull();
		});
	}

	// The one context with a real worker: everything that needs one is checked on it.
	@Test
	void processIsolationRunsProgramsInAWorkerJvmThatTheEndpointHealthAndMetricsShow() {
		this.contextRunner.withPropertyValues(PROCESS, "codemode.timeout=20s", "codemode.max-tool-calls=9",
				"codemode.executor.worker.jvm-args=-XX:TieredStopAtLevel=1", "codemode.executor.worker.max-waiting=3",
				"codemode.executor.worker.grace=2s", "codemode.executor.worker.start-timeout=90s")
			.run((context) -> {
				ProcessCodeExecutor executor = context.getBean(ProcessCodeExecutor.class);
				theWorkerPropertiesReachTheExecutor(executor);
				theWarmUpWaitsForTheWorker(context, executor);
				theWorkerJvmRunsWithTheHeapCapAndTheJvmArgs();
				theCodemodeToolRunsAProgramInTheWorkerAndItsToolsInTheApplication(context);
				theEndpointShowsTheLimitsAndTheWorkers(context);
				theHealthIsUpWithTheWorkersCounters(context);
				theMetricsShowTheWorkers(context);
			});
	}

	private static void theWorkerPropertiesReachTheExecutor(ProcessCodeExecutor executor) {
		WorkerOptions workers = executor.workerOptions();
		assertThat(workers.count()).isEqualTo(1);
		assertThat(workers.maxHeapBytes()).isEqualTo(128L << 20);
		assertThat(workers.jvmArgs()).containsExactly("-XX:TieredStopAtLevel=1");
		assertThat(workers.maxWaiting()).isEqualTo(3);
		assertThat(workers.grace()).isEqualTo(Duration.ofSeconds(2));
		assertThat(workers.startTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(executor.options().timeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(executor.options().maxToolCalls()).isEqualTo(9);
		// Not set: a quarter of the worker's heap (not of the application's), at least
		// 64 MiB.
		assertThat(executor.options().maxAllocatedBytes()).isEqualTo(64L << 20);
	}

	private static void theWarmUpWaitsForTheWorker(AssertableApplicationContext context, ProcessCodeExecutor executor) {
		CodeModeWarmUp warmUp = context.getBean(CodeModeWarmUp.class);
		await().atMost(Duration.ofSeconds(90)).until(warmUp::isDone);
		assertThat(executor.workers().alive()).isEqualTo(1);
		assertThat(executor.transpiler()).isNotNull();
	}

	private static void theWorkerJvmRunsWithTheHeapCapAndTheJvmArgs() {
		// The command line as the OS has it (Linux gives at most its first 4 KiB, where
		// the JVM options are; the class path comes last).
		String commandLine = ProcessHandle.current()
			.children()
			.map((child) -> child.info().commandLine())
			.flatMap(Optional::stream)
			.filter((line) -> line.contains("-XX:TieredStopAtLevel=1"))
			.findFirst()
			.orElseThrow();
		assertThat(commandLine).contains(" -Xmx128m ");
	}

	private static void theCodemodeToolRunsAProgramInTheWorkerAndItsToolsInTheApplication(
			AssertableApplicationContext context) {
		CodeModeOutcome outcome = context.getBean("codemode", LazyCodeModeToolCallback.class).execute("""
				async () => {
				  const [oslo, rome] = await Promise.all([
				    codemode.getWeather({ city: "Oslo" }),
				    codemode.getWeather({ city: "Rome" }),
				  ]);
				  const typed: string = `${oslo} / ${rome}`;
				  return typed;
				}
				""", null);
		assertThat(outcome.error()).isNull();
		assertThat(outcome.resultJson()).isEqualTo("\"Sunny in Oslo / Sunny in Rome\"");
		assertThat(outcome.toolCalls()).hasSize(2);
		assertThat(context.getBean(WeatherTools.class).threads).isNotEmpty()
			.allSatisfy((thread) -> assertThat(thread).startsWith("codemode-tool-"));
	}

	private static void theEndpointShowsTheLimitsAndTheWorkers(AssertableApplicationContext context) {
		CodeModeDescriptor descriptor = context.getBean(CodeModeEndpoint.class).codemode();
		assertThat(descriptor.executor()).isEqualTo(ProcessCodeExecutor.class.getName());
		assertThat(descriptor.isolation()).isEqualTo("process");
		assertThat(descriptor.transpiler()).isNotBlank();
		assertThat(descriptor.limits().timeout()).isEqualTo("PT20S");
		assertThat(descriptor.limits().maxToolCalls()).isEqualTo(9);
		assertThat(descriptor.limits().retiredThreads()).isNull();
		WorkersDescriptor workers = descriptor.workers();
		assertThat(workers.count()).isEqualTo(1);
		assertThat(workers.alive()).isEqualTo(1);
		assertThat(workers.busy()).isZero();
		assertThat(workers.waiting()).isZero();
		assertThat(workers.restarts()).isZero();
		assertThat(workers.killed()).containsExactly(Map.entry("timeout", 0L), Map.entry("heap", 0L),
				Map.entry("crash", 0L), Map.entry("protocol", 0L), Map.entry("interrupted", 0L));
		assertThat(workers.lastStartFailure()).isNull();
		assertThat(workers.maxHeapBytes()).isEqualTo(128L << 20);
		assertThat(workers.jvmArgs()).containsExactly("-XX:TieredStopAtLevel=1");
		assertThat(workers.maxWaiting()).isEqualTo(3);
		assertThat(workers.grace()).isEqualTo("PT2S");
		assertThat(workers.startTimeout()).isEqualTo("PT1M30S");
	}

	private static void theHealthIsUpWithTheWorkersCounters(AssertableApplicationContext context) {
		Health health = context.getBean("codemodeHealthIndicator", HealthIndicator.class).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("count", 1)
			.containsEntry("alive", 1)
			.containsEntry("busy", 0)
			.containsEntry("restarts", 0L)
			.doesNotContainKey("lastStartFailure");
	}

	private static void theMetricsShowTheWorkers(AssertableApplicationContext context) {
		MeterRegistry meters = new SimpleMeterRegistry();
		context.getBean("codeModeWorkersMeterBinder", MeterBinder.class).bindTo(meters);
		assertThat(meters.get("codemode.executor.workers.alive").gauge().value()).isEqualTo(1);
		assertThat(meters.get("codemode.executor.workers.busy").gauge().value()).isZero();
		assertThat(meters.get("codemode.executor.workers.waiting").gauge().value()).isZero();
		assertThat(meters.get("codemode.executor.workers.restarts").functionCounter().count()).isZero();
		assertThat(meters.get("codemode.executor.workers.killed").functionCounters())
			.extracting((counter) -> counter.getId().getTag("cause"))
			.containsExactlyInAnyOrder("timeout", "heap", "crash", "protocol", "interrupted");
		assertThat(meters.get("codemode.executor.workers.killed").tag("cause", "heap").functionCounter().count())
			.isZero();
		assertThat(context).doesNotHaveBean("codeModeExecutorMeterBinder");
	}

	@Test
	void aWorkerJvmThatCannotStartMakesTheHealthDownAndExecutionsFailAtOnce() {
		// The JVM refuses the option and exits at once: no GraalJS is loaded.
		this.contextRunner
			.withPropertyValues(PROCESS, "codemode.warm-up=false",
					"codemode.executor.worker.jvm-args=-XX:+NoSuchCodemodeOption")
			.run((context) -> {
				ProcessCodeExecutor executor = context.getBean(ProcessCodeExecutor.class);
				await().atMost(Duration.ofSeconds(60)).until(() -> executor.workers().lastStartFailure() != null);
				Health health = context.getBean("codemodeHealthIndicator", HealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("alive", 0);
				assertThat((String) health.getDetails().get("lastStartFailure")).contains("NoSuchCodemodeOption");
				assertThat(context.getBean(CodeModeEndpoint.class).codemode().workers().lastStartFailure())
					.contains("NoSuchCodemodeOption");
				CodeModeOutcome outcome = context.getBean("codemode", LazyCodeModeToolCallback.class)
					.execute("1 + 1", null);
				assertThat(outcome.error()).isNotNull();
				assertThat(outcome.error().message()).contains("could be started");
				assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(10));
			});
	}

	static class WeatherTools {

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Tool(description = "The weather in a city")
		public String getWeather(String city) {
			this.threads.add(Thread.currentThread().getName());
			return "Sunny in " + city;
		}

	}

}
