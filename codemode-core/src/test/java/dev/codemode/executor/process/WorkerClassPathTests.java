package dev.codemode.executor.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerClassPathTests {

	@TempDir
	Path directory;

	@Test
	void aPlainClassPathIsPassedOnWithTheWorkersMainClass() {
		assertThat(WorkerClassPath.arguments()).containsExactly("-cp", WorkerClassPath
			.absolute(System.getProperty("java.class.path"), Path.of(System.getProperty("user.dir"))),
				WorkerMain.class.getName());
	}

	@Test
	void relativeClassPathEntriesAreResolvedBecauseTheWorkerRunsInADirectoryOfItsOwn() {
		Path base = this.directory.toAbsolutePath();
		Path absoluteJar = this.directory.resolve("elsewhere.jar").toAbsolutePath();
		String classPath = String.join(File.pathSeparator, "target/app.jar", absoluteJar.toString(), "lib/*", "",
				"classes");
		assertThat(WorkerClassPath.absolute(classPath, base).split(File.pathSeparator)).containsExactly(
				base.resolve("target/app.jar").toString(), absoluteJar.toString(),
				base.resolve("lib") + File.separator + "*", base.toString(), base.resolve("classes").toString());
	}

	@Test
	void aBootFatJarWhoseLauncherLoadedTheWorkerIsStartedThroughPropertiesLauncher() throws IOException {
		Path jar = jar("app.jar", "BOOT-INF/", "BOOT-INF/lib/");
		assertThat(WorkerClassPath.fatJar(jar.toString(), true)).isEqualTo(jar.toAbsolutePath());
	}

	@Test
	void aJarWithoutBootsLayoutOrOneLoadedByTheSystemIsNotAFatJar() throws IOException {
		Path plain = jar("plain.jar", "META-INF/");
		Path boot = jar("boot.jar", "BOOT-INF/");
		assertThat(WorkerClassPath.fatJar(plain.toString(), true)).isNull();
		assertThat(WorkerClassPath.fatJar(boot.toString(), false)).isNull();
		assertThat(WorkerClassPath.fatJar(boot + File.pathSeparator + plain, true)).isNull();
	}

	private Path jar(String name, String... entries) throws IOException {
		Path jar = this.directory.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
			for (String entry : entries) {
				jarOut.putNextEntry(new JarEntry(entry));
				jarOut.closeEntry();
			}
		}
		return jar;
	}

}
