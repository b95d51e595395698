package dev.codemode.benchmarks;

import java.util.Arrays;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;

/**
 * The first executions after a Boot application with the starter reports readiness, in a
 * new JVM: the application (a {@code @Tool} bean, non-web) is started with
 * {@link SpringApplication}, which returns once it is ready; then the first JavaScript
 * program with two tool calls, the first TypeScript one, and the next ones are timed. No
 * program was seen during the warm-up, and each timed program is a new text, so no cache
 * of prepared programs helps. Run it several times, each in a new JVM:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.codemode.benchmarks.FirstExecutionAfterReady [in-process|process] [auto|native|jvm] [warm-up-before-readiness]}.
 */
public final class FirstExecutionAfterReady {

	private static final int NEXT = 20;

	private FirstExecutionAfterReady() {
	}

	public static void main(String[] args) {
		String isolation = (args.length > 0) ? args[0] : "in-process";
		String transpiler = (args.length > 1) ? args[1] : "auto";
		String waitForWarmUp = (args.length > 2) ? args[2] : "true";
		long start = System.nanoTime();
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		try (ConfigurableApplicationContext context = application.run("--codemode.executor.isolation=" + isolation,
				"--codemode.executor.transpiler=" + transpiler,
				"--codemode.warm-up-before-readiness=" + waitForWarmUp)) {
			long ready = System.nanoTime();
			if (context.getBean(ApplicationAvailability.class)
				.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
				throw new IllegalStateException("the application is not ready");
			}
			ToolCallback codemode = context.getBean(CodeModeAutoConfiguration.CODEMODE_BEAN_NAME, ToolCallback.class);
			double firstJs = time(codemode, js(0));
			double firstTs = time(codemode, ts(0));
			double[] nextJs = new double[NEXT];
			double[] nextTs = new double[NEXT];
			for (int i = 0; i < NEXT; i++) {
				nextJs[i] = time(codemode, js(i + 1));
				nextTs[i] = time(codemode, ts(i + 1));
			}
			System.out.printf(
					"first-after-ready isolation=%s transpiler=%s wait=%s ready_ms=%.0f first_js_ms=%.1f first_ts_ms=%.1f"
							+ " second_js_ms=%.1f second_ts_ms=%.1f next_js_p50_ms=%.2f next_ts_p50_ms=%.2f%n",
					isolation, transpiler, waitForWarmUp, (ready - start) / 1e6, firstJs, firstTs, nextJs[0], nextTs[0],
					p50(nextJs), p50(nextTs));
		}
	}

	/** A JavaScript program with two tool calls, never seen before. */
	private static String js(int n) {
		return "async () => { const w = await codemode.getWeather({ location: 'Bergen " + n + "' });"
				+ " const s = await codemode.add({ a: " + n + ", b: 2 }); return { w, s }; }";
	}

	/** The same with TypeScript types. */
	private static String ts(int n) {
		return "async (): Promise<{ w: string; s: number }> => { const w: string = await codemode.getWeather({ location: 'Tromsø "
				+ n + "' } as { location: string }); const s: number = await codemode.add({ a: " + n
				+ ", b: 3 }); return { w, s }; }";
	}

	private static double time(ToolCallback codemode, String code) {
		long start = System.nanoTime();
		String result = codemode.call(BenchmarkTools.input(code));
		double millis = (System.nanoTime() - start) / 1e6;
		if (!result.startsWith("{\"result\":{\"w\":\"Weather in ")) {
			throw new IllegalStateException("unexpected result: " + result);
		}
		return millis;
	}

	private static double p50(double[] millis) {
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/** A Boot application with the starter and one {@code @Tool} bean. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
			CodeModeAutoConfiguration.class })
	static class Application {

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

	}

	/** The seed benchmark's two trivial tools, as {@code @Tool} methods. */
	static class WeatherTools {

		@Tool(description = "The weather at a location")
		public String getWeather(String location) {
			return "Weather in " + location + ": 72F, sunny";
		}

		@Tool(description = "The sum of two numbers")
		public int add(int a, int b) {
			return a + b;
		}

	}

}
