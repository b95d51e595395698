package dev.codemode.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --codemode.demo.run=<file>}: one program, its JSON on standard output, an exit code, no web server. */
@ExtendWith(OutputCaptureExtension.class)
class ProgramFileRunnerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void printsTheToolsJsonAloneAndExitsWithZero(CapturedOutput output) throws IOException {
        Path program = write("report.ts", """
                async () => {
                  const orders: { amount: number }[] = await codemode.listOrders({ customerId: 1 });
                  console.log("orders:", orders.length);
                  const customer = await codemode.getCustomer({ id: 1 });
                  return { name: customer.name, orders: orders.length };
                }
                """);

        int exitCode = run(program);

        assertThat(exitCode).isZero();
        // Standard output is the JSON and nothing else (no banner, no logs), so that scripts can read it.
        JsonNode json = JSON.readTree(output.getOut().strip());
        assertThat(json.get("result").get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(json.get("result").get("orders").asInt()).isEqualTo(4);
        assertThat(json.get("logs").get(0).asString()).isEqualTo("orders: 4");
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void exitsWithOneWhenTheProgramFails(CapturedOutput output) throws IOException {
        Path program = write("broken.js", "async () => { await codemode.noSuchTool({}); }");

        int exitCode = run(program);

        assertThat(exitCode).isEqualTo(1);
        JsonNode json = JSON.readTree(output.getOut().strip());
        assertThat(json.get("error").asString()).contains("noSuchTool");
    }

    @Test
    void failsToStartWhenTheFileDoesNotExist() {
        Path missing = this.directory.resolve("missing.js");

        assertThatThrownBy(() -> CodeModeDemoApplication.start("--codemode.demo.run=" + missing))
            .hasRootCauseInstanceOf(NoSuchFileException.class)
            .rootCause()
            .hasMessageContaining(missing.toString());
    }

    private int run(Path program) {
        ConfigurableApplicationContext context = CodeModeDemoApplication.start("--codemode.demo.run=" + program);
        assertThat(context.getEnvironment().getProperty("local.server.port")).as("no web server").isNull();
        return SpringApplication.exit(context);
    }

    private Path write(String name, String code) throws IOException {
        return Files.writeString(this.directory.resolve(name), code);
    }

}
