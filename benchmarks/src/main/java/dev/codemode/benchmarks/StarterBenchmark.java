package dev.codemode.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;

/**
 * {@code Promise.all} of ten {@code @Tool} calls of 50 ms each through the starter's
 * default setup: the {@code codemode} bean of the auto-configuration, beside Boot's task
 * execution auto-configuration, with the executor's default tool threads;
 * {@code virtualThreads} sets {@code spring.threads.virtual.enabled} (JDK 21+). One tool
 * takes 50 ms, so 50 ms plus the execution's own cost is the floor; two rounds of threads
 * would be 100 ms.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
@State(Scope.Benchmark)
public class StarterBenchmark {

	private static final String PARALLEL_INPUT = BenchmarkTools
		.input("async () => (await Promise.all(Array.from({length: 10}, (_, i) => codemode.sleep50({i})))).length");

	/** Whether the application runs with {@code spring.threads.virtual.enabled=true}. */
	@Param({ "false", "true" })
	public boolean virtualThreads;

	private AnnotationConfigApplicationContext context;

	private ToolCallback codemode;

	@Setup
	public void start() {
		if (this.virtualThreads && Runtime.version().feature() < 21) {
			throw new IllegalStateException("virtual threads need JDK 21+: run with -p virtualThreads=false");
		}
		this.context = new AnnotationConfigApplicationContext();
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("benchmark",
					Map.of("spring.threads.virtual.enabled", String.valueOf(this.virtualThreads))));
		this.context.register(StarterApplication.class);
		this.context.refresh();
		this.codemode = this.context.getBean(CodeModeAutoConfiguration.CODEMODE_BEAN_NAME, ToolCallback.class);
		String first = this.codemode.call(PARALLEL_INPUT);
		if (!first.startsWith("{\"result\":10,")) {
			throw new IllegalStateException("unexpected result: " + first);
		}
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	/** {@code Promise.all} of ten tools that take 50 ms each. */
	@Benchmark
	public String promiseAllOfTenSlowTools() {
		return this.codemode.call(PARALLEL_INPUT);
	}

	/** A Boot application's configuration as far as code mode sees it. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TaskExecutionAutoConfiguration.class, CodeModeAutoConfiguration.class })
	static class StarterApplication {

		@Bean
		SlowTools slowTools() {
			return new SlowTools();
		}

	}

	/** The tool of the benchmark: 50 ms of waiting, as a remote call would take. */
	static class SlowTools {

		@Tool(description = "Takes 50 ms")
		public int sleep50(int i) throws InterruptedException {
			Thread.sleep(50);
			return i;
		}

	}

}
