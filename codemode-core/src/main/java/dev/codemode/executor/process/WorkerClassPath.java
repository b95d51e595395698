package dev.codemode.executor.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a worker JVM finds this application's code: its class path with every entry made
 * absolute (the worker runs in a working directory of its own), or, for a Spring Boot fat
 * jar started with {@code java -jar}, the jar with Boot's {@code PropertiesLauncher} told
 * to start the worker's main class ({@code -jar} would start the application itself;
 * {@code loader.main} needs {@code -cp}).
 */
final class WorkerClassPath {

	static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private WorkerClassPath() {
	}

	/**
	 * @return the arguments that end the worker's command line: class path and main class
	 */
	static List<String> arguments() {
		String classPath = System.getProperty("java.class.path", "");
		Path fatJar = fatJar(classPath, WorkerMain.class.getClassLoader() != ClassLoader.getSystemClassLoader());
		if (fatJar != null) {
			return List.of("-cp", fatJar.toString(), "-Dloader.main=" + WorkerMain.class.getName(),
					PROPERTIES_LAUNCHER);
		}
		return List.of("-cp", absolute(classPath, Path.of(System.getProperty("user.dir"))), WorkerMain.class.getName());
	}

	/**
	 * The worker starts in a working directory of its own, so relative entries of the
	 * class path (e.g. {@code java -cp target/app.jar}) would not be found there.
	 * @param classPath a class path
	 * @param base the directory its relative entries are relative to
	 * @return the class path with each entry absolute: an empty entry is {@code base},
	 * and a {@code dir/*} wildcard stays a wildcard
	 */
	static String absolute(String classPath, Path base) {
		List<String> entries = new ArrayList<>();
		for (String entry : classPath.split(Pattern.quote(File.pathSeparator), -1)) {
			entries.add(absoluteEntry(entry, base));
		}
		return String.join(File.pathSeparator, entries);
	}

	private static String absoluteEntry(String entry, Path base) {
		try {
			if (entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
				// Not a path: "*" is not a legal file name everywhere.
				return base.resolve(entry.substring(0, entry.length() - 1)) + File.separator + "*";
			}
			return base.resolve(entry).toString();
		}
		catch (InvalidPathException ex) {
			// Not a path we can read; the worker's JVM will judge it as the
			// application's did.
			return entry;
		}
	}

	/**
	 * @param classPath this JVM's class path
	 * @param launched whether the worker's classes were loaded by a launcher's class
	 * loader rather than the system's
	 * @return the fat jar, absolute, when the class path is one and the worker's classes
	 * came from inside it; else {@code null}
	 */
	static @Nullable Path fatJar(String classPath, boolean launched) {
		if (!launched || classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
			return null;
		}
		Path jar = Path.of(classPath).toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			return null;
		}
		try (JarFile file = new JarFile(jar.toFile())) {
			return (file.getEntry("BOOT-INF/") != null || file.getEntry("BOOT-INF/lib/") != null) ? jar : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the class path " + jar + " is not a readable jar", ex);
		}
	}

}
