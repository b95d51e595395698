package dev.codemode.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first engine of a JVM, built in a JVM of its own (Truffle decides once per JVM
 * whether to warn): on JDK 17, where Truffle's attach library cannot load, nothing
 * reaches stderr, unless the application asked for the warning.
 */
@EnabledForJreRange(max = JRE.JAVA_20)
class SandboxEnginesTests {

	@Test
	void theFirstEngineOfAJvmWritesNothingToStderr() throws Exception {
		assertThat(firstEngineStderr()).isEmpty();
	}

	@Test
	void anAttachFailureActionOfTheApplicationsOwnStands() throws Exception {
		assertThat(firstEngineStderr("-D" + SandboxEngines.ATTACH_FAILURE_ACTION + "=warn"))
			.contains("[engine] WARNING");
	}

	private static String firstEngineStderr(String... options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.addAll(List.of(options));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstEngine.class.getName()));
		Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
		assertThat(process.exitValue()).as("exit value; stderr: %s", stderr).isZero();
		return stderr;
	}

	/** Builds one engine, as the first executor of an application does. */
	static final class FirstEngine {

		public static void main(String[] arguments) {
			try (Engine engine = SandboxEngines.constrained("sandbox-engines-tests")) {
				engine.getVersion();
			}
		}

	}

}
