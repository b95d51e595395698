package dev.codemode.executor.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerLaunchTests {

	private static final WorkerSettings SETTINGS = WorkerSettings.of(GraalJsExecutorOptions.defaults());

	@Test
	void theWorkerRunsOnThisJvmsOwnJavaWithItsClassPathAndTheWorkerMainClass() {
		List<String> command = WorkerLaunch.command(SETTINGS);
		assertThat(Path.of(command.get(0))).startsWith(Path.of(System.getProperty("java.home")));
		assertThat(command).endsWith(WorkerClassPath.arguments().toArray(String[]::new));
	}

	@Test
	void theHeapIsCappedAndAFullHeapEndsTheWorker() {
		assertThat(WorkerLaunch.command(SETTINGS.withWorkers(WorkerOptions.builder().maxHeapBytes(64L << 20).build())))
			.contains("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");
		assertThat(WorkerLaunch.command(SETTINGS)).contains("-Xmx256m");
	}

	@Test
	void theJvmsOwnOutputGoesToStderrNeverToTheProtocolOnStdout() {
		assertThat(WorkerLaunch.command(SETTINGS)).containsSubsequence("-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
				"-Xlog:all=warning:stderr");
	}

	@Test
	void extraJvmArgsComeAfterTheWorkersOwnAndBeforeTheClassPath() {
		WorkerSettings settings = SETTINGS.withWorkers(
				WorkerOptions.builder().maxHeapBytes(128L << 20).jvmArgs(List.of("-XX:TieredStopAtLevel=1")).build());
		assertThat(WorkerLaunch.command(settings)).containsSubsequence("-XX:+ExitOnOutOfMemoryError",
				"-XX:TieredStopAtLevel=1", "-cp");
	}

	@Test
	void noOptionOrPropertyOfThisJvmIsPassedOn() {
		System.setProperty("codemode.test.secret", "sk-123");
		try {
			assertThat(WorkerLaunch.command(SETTINGS)).noneMatch((argument) -> argument.contains("sk-123"));
		}
		finally {
			System.clearProperty("codemode.test.secret");
		}
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void theWorkerKeepsNothingOfTheEnvironmentButAUtf8Locale() {
		Map<String, String> application = Map.of("OPENAI_API_KEY", "sk-123", "PATH", "/usr/bin", "HOME", "/root",
				"JAVA_TOOL_OPTIONS", "-javaagent:x.jar");
		assertThat(WorkerLaunch.environment(application)).containsExactly(Map.entry("LC_ALL", "C.UTF-8"));
	}

}
