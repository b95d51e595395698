package dev.codemode.demo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --codemode.demo.run=<file>}: runs the program in that file through the {@code codemode} tool, against the
 * demo's tools, and prints the tool's JSON (what a model would read) on standard output. The exit code is 0 when
 * the program succeeded and 1 when the JSON has an {@code error}.
 */
@Component
@ConditionalOnProperty(ProgramFileRunner.PROPERTY)
public class ProgramFileRunner implements ApplicationRunner, ExitCodeGenerator {

    /** The property that names the program file. */
    public static final String PROPERTY = "codemode.demo.run";

    /** The profile of this mode: quiet logs, so that standard output is the JSON alone. */
    public static final String PROFILE = "run";

    private final ToolCallback codemode;

    private final JsonMapper json;

    private final Path file;

    private int exitCode;

    ProgramFileRunner(@Qualifier("codemode") ToolCallback codemode, JsonMapper json,
            @Value("${" + PROPERTY + "}") String file) {
        this.codemode = codemode;
        this.json = json;
        this.file = Path.of(file);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String code;
        try {
            code = Files.readString(this.file);
        }
        catch (NoSuchFileException ex) {
            throw new NoSuchFileException(this.file.toAbsolutePath().toString(), null,
                    "no program file (relative paths start from " + Path.of("").toAbsolutePath() + ")");
        }
        String output = this.codemode.call(this.json.writeValueAsString(Map.of("code", code)));
        System.out.println(output);
        this.exitCode = this.json.readTree(output).has("error") ? 1 : 0;
    }

    @Override
    public int getExitCode() {
        return this.exitCode;
    }

}
