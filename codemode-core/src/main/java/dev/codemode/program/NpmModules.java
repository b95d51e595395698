package dev.codemode.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Loads the CommonJS files of npm packages that mvnpm publishes as jars into a GraalJS
 * context, as Node's {@code require} would: each file once per context, relative paths
 * resolved against the requiring file. The sources are read from the class path once per
 * JVM.
 */
final class NpmModules {

	private static final String STATIC = "META-INF/resources/_static/";

	private static final Map<String, Source> sources = new ConcurrentHashMap<>();

	private final Context context;

	private final Map<String, Package> packages;

	private final Map<String, Value> loaded = new HashMap<>();

	private final Value newModule;

	/**
	 * @param context the context to load into
	 * @param packages the packages that a bare {@code require("name")} may load, by name
	 */
	NpmModules(Context context, Map<String, Package> packages) {
		this.context = context;
		this.packages = packages;
		this.newModule = context.eval("js", "() => ({ exports: {} })");
	}

	/**
	 * @param name a package's name
	 * @return the exports of its main file
	 */
	Value require(String name) {
		Package npm = this.packages.get(name);
		if (npm == null) {
			throw new IllegalStateException("npm package '" + name + "' is not one that codemode loads");
		}
		return load(npm.main());
	}

	private Value load(String path) {
		Value exports = this.loaded.get(path);
		if (exports != null) {
			return exports;
		}
		Value module = this.newModule.execute();
		// Set before it runs, as Node does, so that a cycle of requires sees the exports
		// made so far.
		this.loaded.put(path, module.getMember("exports"));
		String directory = path.substring(0, path.lastIndexOf('/') + 1);
		ProxyExecutable require = (arguments) -> resolve(directory, arguments[0].asString());
		this.context.eval(source(path)).execute(module.getMember("exports"), require, module);
		exports = module.getMember("exports");
		this.loaded.put(path, exports);
		return exports;
	}

	private Value resolve(String directory, String name) {
		if (!name.startsWith("./") && !name.startsWith("../")) {
			Package npm = this.packages.get(name);
			// Sucrase requires gen-mapping only to make source maps, which are never
			// asked for here.
			return (npm != null) ? load(npm.main()) : this.newModule.execute().getMember("exports");
		}
		String path = normalize(directory + name);
		return load(exists(path + ".js") ? path + ".js" : path + "/index.js");
	}

	private static String normalize(String path) {
		Deque<String> parts = new ArrayDeque<>();
		for (String part : path.split("/")) {
			if (part.equals("..")) {
				parts.removeLast();
			}
			else if (!part.equals(".") && !part.isEmpty()) {
				parts.addLast(part);
			}
		}
		return String.join("/", parts);
	}

	private static boolean exists(String path) {
		return sources.containsKey(path) || NpmModules.class.getClassLoader().getResource(path) != null;
	}

	private static Source source(String path) {
		return sources.computeIfAbsent(path, (file) -> {
			String code = read(file);
			// Node's module wrapper; the name is the file's, so that a stack trace says
			// where.
			return Source
				.newBuilder("js", "(function (exports, require, module) {" + code + "\n})",
						file.substring(file.lastIndexOf('/') + 1))
				.cached(true)
				.buildLiteral();
		});
	}

	/**
	 * @param path a resource of the class path
	 * @return its text
	 */
	static String read(String path) {
		try (InputStream in = NpmModules.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException(path + " is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An npm package in an mvnpm jar.
	 *
	 * @param main the resource path of its main file
	 * @param version its version
	 */
	record Package(String main, String version) {

		/**
		 * @param groupId the jar's Maven group, e.g. {@code org.mvnpm}
		 * @param artifactId the jar's Maven artifact
		 * @param directory the package's directory under {@code /_static/}, e.g.
		 * {@code sucrase}
		 * @param main its main file, relative to the package's directory of its version
		 * @return the package, at the version the class path has
		 */
		static Package of(String groupId, String artifactId, String directory, String main) {
			String properties = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
			Properties pom = new Properties();
			try (InputStream in = NpmModules.class.getClassLoader().getResourceAsStream(properties)) {
				if (in == null) {
					throw new IllegalStateException(groupId + ":" + artifactId + " is missing from the class path");
				}
				pom.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			String version = pom.getProperty("version");
			return new Package(STATIC + directory + "/" + version + "/" + main, version);
		}

	}

}
