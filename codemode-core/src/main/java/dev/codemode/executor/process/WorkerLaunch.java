package dev.codemode.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a worker JVM is started: this JVM's own {@code java} by absolute path, this JVM's
 * code ({@link WorkerClassPath}), none of this JVM's options or system properties, an
 * environment emptied of everything that could hold a secret, and a working directory of
 * its own (Boot's launcher would read a {@code loader.properties} found there).
 */
final class WorkerLaunch {

	static final String LOGBACK_CONFIGURATION = "dev/codemode/executor/process/worker-logback.xml";

	private static @Nullable Path workingDirectory;

	private WorkerLaunch() {
	}

	/**
	 * Starts the worker's process; its three streams are pipes.
	 */
	static Process start(WorkerSettings settings) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command(settings));
		// The application's environment holds API keys: the worker gets none of it, only
		// what the platform needs to work at all.
		Map<String, String> environment = builder.environment();
		Map<String, String> kept = environment(System.getenv());
		environment.clear();
		environment.putAll(kept);
		builder.directory(workingDirectory().toFile());
		return builder.start();
	}

	private static synchronized Path workingDirectory() throws IOException {
		if (workingDirectory == null || !Files.isDirectory(workingDirectory)) {
			workingDirectory = Files.createTempDirectory("codemode-worker-");
			workingDirectory.toFile().deleteOnExit();
		}
		return workingDirectory;
	}

	/**
	 * The worker's command line: this JVM's {@code java} by absolute path.
	 */
	static List<String> command(WorkerSettings settings) {
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.add("-Xmx" + Math.max(16, settings.maxHeapBytes() >> 20) + "m");
		// A full heap ends the worker (exit code 3), which the application reports.
		command.add("-XX:+ExitOnOutOfMemoryError");
		// The JVM's own output (its "tty" and unified logging, stdout by default) must
		// not mix with the protocol on stdout.
		command.add("-XX:+DisplayVMOutputToStderr");
		command.add("-Xlog:disable");
		command.add("-Xlog:all=warning:stderr");
		command.add("-Xshare:auto");
		// One JavaScript thread per worker: the serial collector is enough, and it
		// starts faster and keeps less memory than G1.
		command.add("-XX:+UseSerialGC");
		// A crash of the worker JVM writes its report to the temporary directory, not
		// to the application's working directory, and no core dump.
		String tmp = System.getProperty("java.io.tmpdir");
		command.add("-XX:ErrorFile=" + Path.of(tmp, "codemode-worker-hs_err_%p.log"));
		command.add("-XX:-CreateCoredumpOnCrash");
		command.add("-Djava.io.tmpdir=" + tmp);
		// The empty environment has no locale: JDK 17 would read and write ASCII.
		command.add("-Dfile.encoding=UTF-8");
		// Warnings and errors only, on stderr, when the application logs with Logback.
		command.add("-Dlogback.configurationFile=" + LOGBACK_CONFIGURATION);
		int feature = Runtime.version().feature();
		if (feature < 21) {
			command.add("-Dpolyglotimpl.AttachLibraryFailureAction=ignore");
		}
		if (feature >= 22) {
			// GraalJS and SWC load native code: allowed explicitly, so that newer JDKs
			// do not warn (on stderr) or refuse.
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		if (feature >= 23) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.addAll(settings.jvmArgs());
		command.addAll(WorkerClassPath.arguments());
		return command;
	}

	/**
	 * The few variables a worker keeps: none that could hold a secret. On Windows,
	 * {@code SystemRoot} and {@code WINDIR} (sockets and crypto fail without them); on
	 * other systems a UTF-8 locale, so that file names and the command line decode.
	 */
	static Map<String, String> environment(Map<String, String> application) {
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		Map<String, String> kept = new LinkedHashMap<>();
		if (windows) {
			for (String name : List.of("SystemRoot", "WINDIR")) {
				String value = application.get(name);
				if (value != null) {
					kept.put(name, value);
				}
			}
		}
		else {
			kept.put("LC_ALL", "C.UTF-8");
		}
		return kept;
	}

}
