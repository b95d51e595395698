package dev.codemode.executor.graaljs;

import java.util.ArrayList;
import java.util.List;

import dev.codemode.executor.ExecutionResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus's "Java-free": no Java class or package name and no Java frame in what the
 * model sees.
 */
final class JavaFree {

	static final List<String> MARKERS = List.of("java.", "javax.", "org.graalvm", "com.oracle", "dev.codemode.",
			"PolyglotException", "HostException", ".java:", "at java.", "at org.");

	private JavaFree() {
	}

	static void assertJavaFree(ExecutionResult result) {
		List<String> texts = new ArrayList<>(result.logs());
		if (result.resultJson() != null) {
			texts.add(result.resultJson());
		}
		if (result.error() != null) {
			texts.add(result.error().kind());
			texts.add(result.error().describe());
		}
		for (String text : texts) {
			assertJavaFree(text);
		}
	}

	static void assertJavaFree(String text) {
		for (String marker : MARKERS) {
			assertThat(text).as("Java-free: no '%s'", marker).doesNotContain(marker);
		}
	}

}
