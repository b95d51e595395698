package dev.codemode.demo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.codemode.demo.approval.Approvals;

/**
 * {@code --codemode.demo.run=<file>}: runs the program in that file through the
 * {@code codemode} tool, against the demo's tools, and prints the tool's JSON (what a
 * model would read) on standard output. The exit code is 0 when the program succeeded and
 * 1 when the JSON has an {@code error}.
 * <p>
 * There is no one to ask for approval here: calls of {@code sendEmail} are refused and
 * listed in the JSON's {@code refused}, unless {@code --codemode.demo.approve-all=true}
 * says yes to every call in advance.
 */
@Component
@ConditionalOnProperty(ProgramFileRunner.PROPERTY)
public class ProgramFileRunner implements ApplicationRunner, ExitCodeGenerator {

	/** The property that names the program file. */
	public static final String PROPERTY = "codemode.demo.run";

	/**
	 * The profile of this mode: quiet logs, so that standard output is the JSON alone.
	 */
	public static final String PROFILE = "run";

	/**
	 * The property that approves every call of a tool that requires approval: the one who
	 * runs the file says yes.
	 */
	public static final String APPROVE_ALL = "codemode.demo.approve-all";

	private final ToolCallback codemode;

	private final JsonMapper json;

	private final Path file;

	private final boolean approveAll;

	private int exitCode;

	ProgramFileRunner(@Qualifier("codemode") ToolCallback codemode, JsonMapper json,
			@Value("${" + PROPERTY + "}") String file, @Value("${" + APPROVE_ALL + ":false}") boolean approveAll) {
		this.codemode = codemode;
		this.json = json;
		this.file = Path.of(file);
		this.approveAll = approveAll;
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
		String input = this.json.writeValueAsString(Map.of("code", code));
		// Without a tool context the approval handler finds no approvals and refuses,
		// saying why.
		String output = this.approveAll
				? this.codemode.call(input, new ToolContext(Approvals.everything().asToolContext()))
				: this.codemode.call(input);
		System.out.println(output);
		this.exitCode = this.json.readTree(output).has("error") ? 1 : 0;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
