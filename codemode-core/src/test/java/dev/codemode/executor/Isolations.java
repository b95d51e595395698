package dev.codemode.executor;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The isolations a test class of {@link BothIsolations} runs in: both, except in the
 * build's pure-JVM-transpiler run, where SWC is left off the class path to test the
 * fallback parser. Worker JVMs inherit the class path, so process mode runs once, on the
 * native-transpiler path, in the default run.
 * <p>
 * Elsewhere {@code -Dcodemode.test.isolation=in-process} (or {@code process}) runs one of
 * them only, e.g. for a quick run.
 */
final class Isolations implements ArgumentsProvider {

	static final String ONLY = "codemode.test.isolation";

	@Override
	public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
		return isolations().map(Arguments::of);
	}

	static Stream<Isolation> isolations() {
		if ("jvm".equals(System.getProperty("codemode.test.transpiler"))) {
			return Stream.of(Isolation.IN_PROCESS);
		}
		String only = System.getProperty(ONLY);
		if (only != null && !only.isBlank()) {
			return Arrays.stream(Isolation.values()).filter((isolation) -> isolation.toString().equals(only.strip()));
		}
		return Arrays.stream(Isolation.values());
	}

}
