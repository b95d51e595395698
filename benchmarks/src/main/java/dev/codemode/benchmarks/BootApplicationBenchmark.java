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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;

/**
 * The seed benchmark's two-tool program through the {@code codemode} bean of a Spring
 * Boot application, as a user has it: started with {@link SpringApplication} (not a web
 * application), every auto-configuration on the class path, and a bean whose
 * {@code @Tool} methods are the two tools. Sample mode gives the p50s of JavaScript and
 * TypeScript (issue 16's headline numbers, to compare with the seed-like executor's in
 * the same sitting); {@link #throughputJs} is executions per second with two calling
 * threads. {@code isolation} is {@code codemode.executor.isolation}: {@code in-process}
 * (the default) or {@code process} (worker JVMs).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xss4m" })
@State(Scope.Benchmark)
public class BootApplicationBenchmark {

	/** {@code codemode.executor.isolation}. */
	@Param({ "in-process", "process" })
	public String isolation;

	private ConfigurableApplicationContext context;

	private ToolCallback codemode;

	@Setup
	public void start() {
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("codemode.executor.isolation", this.isolation,
				"spring.main.banner-mode", "off", "spring.main.log-startup-info", "false"));
		this.context = application.run();
		this.codemode = this.context.getBean(CodeModeAutoConfiguration.CODEMODE_BEAN_NAME, ToolCallback.class);
		BenchmarkTools.expectTwoTools(this.codemode);
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	/** The seed benchmark's two-tool JavaScript program. */
	@Benchmark
	public String javaScriptTwoTools() {
		return this.codemode.call(CodeModeState.JS_INPUT);
	}

	/** The same program with TypeScript annotations. */
	@Benchmark
	public String typeScriptTwoTools() {
		return this.codemode.call(CodeModeState.TS_INPUT);
	}

	/** Executions per second of the JavaScript program, two threads calling. */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@Threads(2)
	public String throughputJs() {
		return this.codemode.call(CodeModeState.JS_INPUT);
	}

	/** The application: auto-configuration and the tools. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchmarkApplication {

		@Bean
		SeedTools seedTools() {
			return new SeedTools();
		}

	}

	/** The seed benchmark's two tools, which return at once. */
	static class SeedTools {

		@Tool(description = "The weather at a location")
		public String getWeather(String location) {
			return "Weather in x: 72F, sunny";
		}

		@Tool(description = "Adds two numbers")
		public int add(int a, int b) {
			return a + b;
		}

	}

}
