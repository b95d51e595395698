package dev.codemode.autoconfigure.mcp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Real MCP servers from npm for the tests: {@code src/test/mcp} (a {@code package.json},
 * its lock file and our own {@code changing-server.mjs}) installed once per build with
 * {@code npm ci} into {@code target/mcp-servers}, and the Spring properties that connect
 * Spring AI's MCP client to them over stdio or Streamable HTTP.
 * <p>
 * Without Node.js 20+ and npm on the {@code PATH} the tests are skipped, except under
 * {@code CI=true}, where they fail. Annotate a test class with
 * {@code @ExtendWith(McpTestServers.class)}, which installs the servers before its
 * {@code @BeforeAll} methods run, or skips the class with the reason: Surefire counts a
 * class aborted in {@code @BeforeAll} as no test at all and shows no reason.
 */
public final class McpTestServers implements ExecutionCondition {

	private static final String[] FILES = { "package.json", "package-lock.json", "changing-server.mjs" };

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	private static volatile Path installed;

	static {
		// A safety net for a test that forgets to close a server: no server started here
		// outlives the test JVM.
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly), "mcp-test-servers-cleanup"));
	}

	private McpTestServers() {
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		try {
			return ConditionEvaluationResult.enabled("MCP test servers installed in " + install());
		}
		catch (TestAbortedException ex) {
			return ConditionEvaluationResult.disabled(ex.getMessage());
		}
	}

	/**
	 * Installs the servers unless this build already did (a marker in
	 * {@code node_modules} holds the hash of the lock file it installed) and returns the
	 * install directory, {@code target/mcp-servers}.
	 * @return the directory holding {@code node_modules} and {@code changing-server.mjs}
	 */
	public static Path install() {
		Path dir = installed;
		if (dir == null) {
			synchronized (McpTestServers.class) {
				dir = installed;
				if (dir == null) {
					dir = installLocked();
					installed = dir;
				}
			}
		}
		return dir;
	}

	/**
	 * @return the entry point of server-everything (arguments: {@code stdio} or
	 * {@code streamableHttp})
	 */
	public static String everything() {
		return script("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
	}

	/**
	 * @return the entry point of server-filesystem (arguments: the allowed directories)
	 */
	public static String filesystem() {
		return script("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
	}

	/**
	 * @return our own server with the tools {@code add_tool}, {@code slow},
	 * {@code cancelled} and {@code crash}
	 */
	public static String changingServer() {
		return script("changing-server.mjs");
	}

	/**
	 * The properties of a stdio connection of Spring AI's MCP client that runs a server
	 * script with {@code node}.
	 * @param connection the connection name
	 * @param script the server's JS entry point, e.g. {@link #everything()}
	 * @param args the server's arguments
	 * @return property lines for {@code ApplicationContextRunner.withPropertyValues}
	 */
	public static String[] stdio(String connection, String script, String... args) {
		String prefix = "spring.ai.mcp.client.stdio.connections." + connection;
		List<String> properties = new ArrayList<>();
		properties.add(prefix + ".command=" + node());
		properties.add(prefix + ".args[0]=" + script);
		for (int i = 0; i < args.length; i++) {
			properties.add(prefix + ".args[" + (i + 1) + "]=" + args[i]);
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * @return server-everything over stdio as the given connection
	 */
	public static String[] stdioEverything(String connection) {
		return stdio(connection, everything(), "stdio");
	}

	/**
	 * @return server-filesystem over stdio as the given connection, allowed to read and
	 * write {@code directory}
	 */
	public static String[] stdioFilesystem(String connection, Path directory) {
		return stdio(connection, filesystem(), directory.toAbsolutePath().toString());
	}

	/**
	 * @return {@link #changingServer()} over stdio as the given connection
	 */
	public static String[] stdioChangingServer(String connection) {
		return stdio(connection, changingServer());
	}

	/**
	 * {@link #changingServer()} over stdio as the given connection, which also adds a
	 * tool for each file created in {@code toolsDirectory}, named after the file: a
	 * change of tools that no request of the client causes.
	 * @param connection the connection name
	 * @param toolsDirectory the directory the server watches
	 * @return property lines for {@code ApplicationContextRunner.withPropertyValues}
	 */
	public static String[] stdioChangingServer(String connection, Path toolsDirectory) {
		return stdio(connection, changingServer(), "--tools-dir", toolsDirectory.toAbsolutePath().toString());
	}

	/**
	 * The properties of a Streamable HTTP connection of Spring AI's MCP client; its
	 * endpoint is Spring AI's default, {@code /mcp}, where server-everything serves.
	 * @param connection the connection name
	 * @param url the server's base URL, e.g. {@link HttpServer#url()}
	 * @return property lines for {@code ApplicationContextRunner.withPropertyValues}
	 */
	public static String[] streamableHttp(String connection, String url) {
		return new String[] { "spring.ai.mcp.client.streamable-http.connections." + connection + ".url=" + url };
	}

	/**
	 * Starts server-everything over Streamable HTTP on a free loopback port and waits
	 * until it accepts connections. Its output goes to {@code target/mcp-servers/logs/}.
	 * Close the handle when the test class ends.
	 * @return the running server
	 */
	public static HttpServer startEverythingHttp() {
		Path dir = install();
		int port = freePort();
		Path log = dir.resolve("logs/everything-http-" + port + ".log");
		ProcessBuilder builder = new ProcessBuilder(node(), everything(), "streamableHttp").directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("PORT", Integer.toString(port));
		HttpServer server = new HttpServer(start(builder, log), port, log);
		try {
			server.awaitListening();
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	/** A server started by the tests; closing it kills its process. */
	public static final class HttpServer implements AutoCloseable {

		private final Process process;

		private final int port;

		private final Path log;

		HttpServer(Process process, int port, Path log) {
			this.process = process;
			this.port = port;
			this.log = log;
		}

		/**
		 * @return the base URL, {@code http://127.0.0.1:<port>}
		 */
		public String url() {
			return "http://127.0.0.1:" + this.port;
		}

		/**
		 * @return the loopback port it listens on
		 */
		public int port() {
			return this.port;
		}

		/**
		 * @return whether its process still runs
		 */
		public boolean isAlive() {
			return this.process.isAlive();
		}

		/**
		 * @return its log file (stdout and stderr)
		 */
		public Path log() {
			return this.log;
		}

		void awaitListening() {
			long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("server-everything (Streamable HTTP, port " + this.port
							+ ") exited with " + this.process.exitValue() + " before listening: " + tail(this.log));
				}
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
					return;
				}
				catch (IOException notYet) {
					sleep(100);
				}
			}
			throw new IllegalStateException("server-everything (Streamable HTTP) did not listen on port " + this.port
					+ " within " + START_TIMEOUT.toSeconds() + " s: " + tail(this.log));
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			started.remove(this.process);
		}

	}

	private static Path installLocked() {
		String node = executable("node");
		String npm = executable("npm");
		if (node == null || npm == null) {
			unavailable(((node == null) ? "node" : "npm") + " is missing");
		}
		String version = nodeVersion(node);
		if (!version.matches("v\\d+\\..*") || Integer.parseInt(version.substring(1, version.indexOf('.'))) < 20) {
			// Node 18 (Debian 12's) lacks the global crypto that server-everything's
			// Streamable HTTP transport uses.
			unavailable(node + " is " + version);
		}
		Path source = moduleDirectory().resolve("src/test/mcp");
		Path dir = moduleDirectory().resolve("target/mcp-servers");
		try {
			Files.createDirectories(dir.resolve("logs"));
			// Two test JVMs (two builds at once) must not run npm ci in the same
			// directory together.
			try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				for (String file : FILES) {
					copyIfChanged(source.resolve(file), dir.resolve(file));
				}
				Path marker = dir.resolve("node_modules/.installed");
				String lockHash = sha256(dir.resolve("package-lock.json"));
				if (!Files.exists(marker) || !Files.readString(marker).equals(lockHash)) {
					npmCi(npm, dir);
					Files.writeString(marker, lockHash);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not install the MCP test servers in " + dir, ex);
		}
		return dir;
	}

	private static void unavailable(String why) {
		String message = "The tests against real MCP servers need Node.js 20 or later and npm on the PATH, but " + why;
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(message + ". CI=true: failing instead of skipping.");
		}
		Assumptions.abort(message + ". Skipped: install Node.js 20+ and npm (Debian 13: apt-get install nodejs npm)"
				+ " to run them.");
	}

	private static String nodeVersion(String node) {
		try {
			Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(node + " --version failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + node + " --version", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + node + " --version", ex);
		}
	}

	private static void npmCi(String npm, Path dir) throws IOException {
		Path log = dir.resolve("logs/npm-ci.log");
		Process process = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund").directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("npm ci in " + dir + " did not finish within "
						+ INSTALL_TIMEOUT.toMinutes() + " min: " + tail(log));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running npm ci in " + dir, ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					"npm ci in " + dir + " failed with exit code " + process.exitValue() + ": " + tail(log));
		}
	}

	private static String script(String relativePath) {
		return install().resolve(relativePath).toAbsolutePath().toString();
	}

	private static String node() {
		install();
		return executable("node");
	}

	private static Process start(ProcessBuilder builder, Path log) {
		try {
			Process process = builder.start();
			started.add(process);
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + builder.command() + " (log: " + log + ")", ex);
		}
	}

	/** The absolute path of an executable on the {@code PATH}, or {@code null}. */
	private static String executable(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String entry : path.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(entry, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate.toAbsolutePath().toString();
			}
		}
		return null;
	}

	private static Path moduleDirectory() {
		// Surefire runs in the module's directory and also sets basedir.
		return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	private static void copyIfChanged(Path from, Path to) throws IOException {
		byte[] content = Files.readAllBytes(from);
		if (!Files.exists(to) || !Arrays.equals(content, Files.readAllBytes(to))) {
			Files.write(to, content);
		}
	}

	private static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The last lines of a log, for a failure message. */
	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + log + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an MCP test server", ex);
		}
	}

}
