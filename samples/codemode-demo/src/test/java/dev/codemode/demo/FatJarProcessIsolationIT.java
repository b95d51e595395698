package dev.codemode.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged fat jar, started with {@code java -jar} as users start it, runs a program
 * with {@code codemode.executor.isolation=process}. Its class path is the jar alone, so
 * its worker JVM must start through Boot's {@code PropertiesLauncher}. Run by failsafe
 * after {@code package}; one application JVM and one worker.
 */
class FatJarProcessIsolationIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String WORKER_MAIN = "dev.codemode.executor.process.WorkerMain";

	@TempDir
	Path directory;

	@Test
	void theFatJarsWorkerStartsThroughPropertiesLauncherAndRunsTheProgram() throws Exception {
		Path jar = Path.of(System.getProperty("codemode.demo.jar", "target/codemode-demo-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the packaged demo (failsafe runs after package)").isRegularFile();
		Path program = Files.writeString(this.directory.resolve("report.ts"), """
				async () => {
				  const [orders, customer] = await Promise.all([
				    codemode.listOrders({ customerId: 1 }),
				    codemode.getCustomer({ id: 1 }),
				  ]);
				  const count: number = orders.length;
				  return { name: customer.name, orders: count };
				}
				""");
		Path stdout = this.directory.resolve("stdout.txt");
		Path stderr = this.directory.resolve("stderr.txt");
		// C1 only, in both JVMs: about a third less CPU to start them, which is all they
		// do here.
		Process application = new ProcessBuilder(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-jar",
				jar.toString(), "--codemode.demo.run=" + program, "--codemode.executor.isolation=process",
				"--codemode.executor.worker.count=1", "--codemode.executor.worker.max-heap=128MB",
				"--codemode.executor.worker.jvm-args=-XX:TieredStopAtLevel=1"))
			.directory(this.directory.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		try {
			// The program waits for its worker, which lives until the application ends.
			String worker = workerCommandLine(application);
			assertThat(application.waitFor(3, TimeUnit.MINUTES)).as("the demo exits").isTrue();
			String errors = Files.readString(stderr, StandardCharsets.UTF_8);
			assertThat(application.exitValue()).as(errors).isZero();
			JsonNode json = JSON.readTree(Files.readString(stdout, StandardCharsets.UTF_8));
			assertThat(json.get("result").get("name").asString()).isEqualTo("Ada Lovelace");
			assertThat(json.get("result").get("orders").asInt()).isEqualTo(4);
			assertThat(worker).as("the worker's command line")
				.contains("-cp " + jar)
				.contains("-Dloader.main=" + WORKER_MAIN)
				.endsWith("org.springframework.boot.loader.launch.PropertiesLauncher")
				.contains("-Xmx128m")
				.contains("-XX:TieredStopAtLevel=1");
		}
		finally {
			application.destroyForcibly();
		}
	}

	/** The command line of the application's worker JVM, once it has one. */
	private static String workerCommandLine(Process application) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (application.isAlive() && System.nanoTime() < deadline) {
			Optional<String> worker = application.children()
				.map((child) -> child.info().commandLine())
				.flatMap(Optional::stream)
				.filter((line) -> line.contains(WORKER_MAIN))
				.findFirst();
			if (worker.isPresent()) {
				return worker.get();
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The demo started no worker JVM (exit code "
				+ (application.isAlive() ? "none yet" : application.exitValue()) + ")");
	}

}
