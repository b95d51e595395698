package dev.codemode.executor.process;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program over {@code max-code-length} is refused before it is sent to a worker, with
 * the error the in-process executor gives, word for word.
 */
class TooLongProgramTests {

	@Test
	void programOverTheLimitIsRefusedAsInProcess() {
		GraalJsExecutorOptions options = GraalJsExecutorOptions.builder().build();
		String code = "```js\nreturn '" + "x".repeat(options.maxCodeLength()) + "'\n```";
		try (GraalJsCodeExecutor inProcess = new GraalJsCodeExecutor(options)) {
			ExecutionError expected = inProcess.execute(code, List.of()).error();
			assertThat(expected).isNotNull();
			assertThat(Worker.tooLong(code, options.maxCodeLength())).isEqualTo(expected);
		}
	}

	@Test
	void programUpToTheLimitIsSent() {
		assertThat(Worker.tooLong("x".repeat(100), 100)).isNull();
		assertThat(Worker.tooLong("x".repeat(101), 100)).isNotNull();
	}

}
