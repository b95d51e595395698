package dev.codemode.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.codemode.boot.CodeModeWarmUp;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness and the warm-up, through a real {@link SpringApplication}: the warm-up's
 * programs call tools on a tool executor that the test holds closed, so the warm-up
 * cannot end until the test opens it, and the order of events says whether readiness
 * waited. No assertion depends on a timing.
 */
class WarmUpBeforeReadinessTests {

	private static final Duration START = Duration.ofSeconds(240);

	private final ToolGate gate = new ToolGate();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final AtomicReference<ApplicationContext> startedContext = new AtomicReference<>();

	private final AtomicReference<Thread> main = new AtomicReference<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		this.gate.open();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void readinessWaitsUntilTheInProcessWarmUpIsOver() throws Exception {
		readinessWaitsForTheWarmUp("--codemode.timeout=120s");
	}

	@Test
	void readinessWaitsUntilTheWorkersAreWarmedUpWithTheirToolsCalledInTheApplication() throws Exception {
		readinessWaitsForTheWarmUp("--codemode.timeout=120s", "--codemode.executor.isolation=process",
				"--codemode.executor.worker.count=1", "--codemode.executor.worker.start-timeout=200s",
				"--codemode.executor.worker.jvm-args=-XX:TieredStopAtLevel=1");
	}

	private void readinessWaitsForTheWarmUp(String... args) throws Exception {
		CompletableFuture<ConfigurableApplicationContext> run = start(GatedToolsApplication.class, args);
		// The warm-up called a tool (back in the application, for the workers): it cannot
		// end before the gate opens.
		assertThat(this.gate.called.await(START.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// The application started and waits, in the started event, for the warm-up.
		await().atMost(START).until(() -> run.isDone() || waitsForTheWarmUp());
		assertThat(run).isNotDone();
		assertThat(this.events).containsExactly("started");
		assertThat(this.startedContext.get().getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		this.gate.open();
		this.context = run.get(START.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.events).containsExactly("started", "ACCEPTING_TRAFFIC, warm-up over: true");
		assertThat(this.context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void readinessDoesNotWaitWhenWarmUpBeforeReadinessIsFalse() throws Exception {
		this.context = start(GatedToolsApplication.class, "--codemode.warm-up-before-readiness=false")
			.get(START.toSeconds(), TimeUnit.SECONDS);
		// The gate is closed: the warm-up cannot be over, and the application is ready.
		assertThat(this.events).containsExactly("started", "ACCEPTING_TRAFFIC, warm-up over: false");
		assertThat(this.context.getBean(CodeModeWarmUp.class).waitingBeforeReadiness()).isNull();
	}

	@Test
	void nothingWarmsUpOrWaitsWhenWarmUpIsFalse() throws Exception {
		this.context = start(GatedToolsApplication.class, "--codemode.warm-up=false").get(START.toSeconds(),
				TimeUnit.SECONDS);
		assertThat(this.events).containsExactly("started", "ACCEPTING_TRAFFIC, no warm-up");
		assertThat(this.gate.calls).hasValue(0);
	}

	@Test
	void anApplicationsOwnExecutorIsNeitherWarmedUpNorWaitedFor() throws Exception {
		this.context = start(OwnExecutorApplication.class).get(START.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.events).containsExactly("started", "ACCEPTING_TRAFFIC, no warm-up");
		assertThat(this.context.getBean(RecordingExecutor.class).executions).hasValue(0);
	}

	private CompletableFuture<ConfigurableApplicationContext> start(Class<?> application, String... args) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setBannerMode(Banner.Mode.OFF);
		app.setLogStartupInfo(false);
		app.addInitializers((context) -> context.getBeanFactory().registerSingleton("testToolGate", this.gate));
		app.addListeners(new Recorder());
		CompletableFuture<ConfigurableApplicationContext> run = new CompletableFuture<>();
		Thread main = new Thread(() -> {
			try {
				run.complete(app.run(args));
			}
			catch (Throwable ex) {
				run.completeExceptionally(ex);
			}
		}, "warm-up-test-main");
		this.main.set(main);
		main.start();
		return run;
	}

	/** The application's main thread is inside the warm-up's wait before readiness. */
	private boolean waitsForTheWarmUp() {
		return Arrays.stream(this.main.get().getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(CodeModeWarmUp.class.getName())
					&& frame.getMethodName().equals("onApplicationEvent"));
	}

	/** Records the start and each readiness change, with the warm-up's state then. */
	private final class Recorder implements ApplicationListener<ApplicationEvent>, Ordered {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ApplicationStartedEvent started) {
				WarmUpBeforeReadinessTests.this.startedContext.set(started.getApplicationContext());
				WarmUpBeforeReadinessTests.this.events.add("started");
			}
			else if (event instanceof AvailabilityChangeEvent<?> change
					&& change.getState() instanceof ReadinessState readiness) {
				CodeModeWarmUp warmUp = ((ApplicationContext) change.getSource()).getBeanProvider(CodeModeWarmUp.class)
					.getIfAvailable();
				WarmUpBeforeReadinessTests.this.events
					.add(readiness + ", " + ((warmUp != null) ? "warm-up over: " + warmUp.isDone() : "no warm-up"));
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/** Tool calls wait until the test opens the gate. */
	static final class ToolGate implements Executor {

		final CountDownLatch called = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		private final CountDownLatch open = new CountDownLatch(1);

		@Override
		public void execute(Runnable task) {
			this.calls.incrementAndGet();
			this.called.countDown();
			Thread thread = new Thread(() -> {
				try {
					this.open.await();
					task.run();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "warm-up-test-tool");
			thread.setDaemon(true);
			thread.start();
		}

		void open() {
			this.open.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, CodeModeAutoConfiguration.class })
	static class GatedToolsApplication {

		@Bean
		CodeModeExecutorCustomizer gatedToolExecutor(ToolGate testToolGate) {
			return (options) -> options.toolExecutor(testToolGate);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, CodeModeAutoConfiguration.class })
	static class OwnExecutorApplication {

		@Bean
		RecordingExecutor ownExecutor() {
			return new RecordingExecutor();
		}

	}

	static final class RecordingExecutor implements CodeExecutor {

		final AtomicInteger executions = new AtomicInteger();

		@Override
		public ExecutionResult execute(String code, List<ToolNamespace> namespaces) {
			this.executions.incrementAndGet();
			return new ExecutionResult("1", List.of(), null, Duration.ZERO, 0);
		}

	}

}
