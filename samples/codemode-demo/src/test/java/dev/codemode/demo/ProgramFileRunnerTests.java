package dev.codemode.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.codemode.demo.approval.DemoApprovalHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --codemode.demo.run=<file>}: one program, the tool's JSON alone on standard
 * output, an exit code, no web server. The first test runs the application in a JVM of
 * its own, as from the command line, so that its exit code and its standard output are
 * its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProgramFileRunnerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void printsTheToolsJsonAloneAndExitsWithZero() throws Exception {
		Path program = write("report.ts", """
				async () => {
				  const orders: { amount: number }[] = await codemode.listOrders({ customerId: 1 });
				  console.log("orders:", orders.length);
				  const customer = await codemode.getCustomer({ id: 1 });
				  return { name: customer.name, orders: orders.length };
				}
				""");

		Run run = run(program);

		assertThat(run.exitCode()).as(run.stderr()).isZero();
		// Standard output is the JSON and nothing else (no banner, no logs), so that
		// scripts can read it.
		JsonNode json = JSON.readTree(run.stdout());
		assertThat(json.get("result").get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(json.get("result").get("orders").asInt()).isEqualTo(4);
		assertThat(json.get("logs").get(0).asString()).isEqualTo("orders: 4");
		assertThat(json.has("error")).isFalse();
		assertThat(run.stdout()).doesNotContain("Tomcat").doesNotContain("codemode demo ready");
	}

	@Test
	void exitsWithOneWhenTheProgramFails(CapturedOutput output) throws Exception {
		Path program = write("broken.js", "async () => { await codemode.noSuchTool({}); }");

		// In this JVM, to save starting another: the exit code is what main would pass to
		// System.exit.
		ConfigurableApplicationContext context = CodeModeDemoApplication.start("--codemode.demo.run=" + program);
		int exitCode = SpringApplication.exit(context);

		assertThat(exitCode).isEqualTo(1);
		// Other tests' logging settings linger in this JVM, so the JSON is found among
		// the log lines.
		String json = output.getOut().lines().filter((line) -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow();
		assertThat(JSON.readTree(json).get("error").asString()).contains("noSuchTool");
	}

	@Test
	void refusesEmailsUnlessApproveAllSaysYes(CapturedOutput output) throws Exception {
		Path program = write("email.js",
				"""
						async () => {
						  try {
						    const email = await codemode.sendEmail({ to: "ada@example.com", subject: "From a file", body: "Hi" });
						    return "sent to " + email.to;
						  } catch (e) {
						    return e.message;
						  }
						}""");

		// No one to ask on the command line: the call is refused, says how to approve it,
		// and is listed.
		ConfigurableApplicationContext context = CodeModeDemoApplication.start("--codemode.demo.run=" + program);
		int outboxSize = outboxSize(context);
		SpringApplication.exit(context);
		JsonNode refused = lastJson(output);
		assertThat(refused.get("result").asString()).contains("needs approval and did not run")
			.contains("--codemode.demo.approve-all=true");
		assertThat(refused.get("refused").get(0).get("reason").asString()).contains(DemoApprovalHandler.NO_ONE_TO_ASK);
		assertThat(outboxSize).isZero();

		context = CodeModeDemoApplication.start("--codemode.demo.run=" + program, "--codemode.demo.approve-all=true");
		outboxSize = outboxSize(context);
		SpringApplication.exit(context);
		JsonNode sent = lastJson(output);
		assertThat(sent.get("result").asString()).isEqualTo("sent to ada@example.com");
		assertThat(sent.has("refused")).isFalse();
		assertThat(outboxSize).isOne();
	}

	private static int outboxSize(ConfigurableApplicationContext context) {
		return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM outbox").query(Integer.class).single();
	}

	private static JsonNode lastJson(CapturedOutput output) {
		return JSON
			.readTree(output.getOut().lines().filter((line) -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow());
	}

	@Test
	void failsToStartWhenTheFileDoesNotExist() {
		Path missing = this.directory.resolve("missing.js");

		assertThatThrownBy(() -> CodeModeDemoApplication.start("--codemode.demo.run=" + missing))
			.hasRootCauseInstanceOf(NoSuchFileException.class)
			.rootCause()
			.hasMessageContaining(missing.toString());
	}

	/** Runs the demo's main class, with this test's class path, in a new JVM. */
	private Run run(Path program) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path stdout = this.directory.resolve("stdout.txt");
		Path stderr = this.directory.resolve("stderr.txt");
		Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
				CodeModeDemoApplication.class.getName(), "--codemode.demo.run=" + program))
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("The demo did not exit within 2 minutes");
		}
		return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
				Files.readString(stderr, StandardCharsets.UTF_8));
	}

	private Path write(String name, String code) throws IOException {
		return Files.writeString(this.directory.resolve(name), code);
	}

	private record Run(int exitCode, String stdout, String stderr) {
	}

}
