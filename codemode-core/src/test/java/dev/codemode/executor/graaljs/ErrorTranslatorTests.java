package dev.codemode.executor.graaljs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.codemode.executor.ExecutionError;
import dev.codemode.program.ProgramException;
import dev.codemode.program.ProgramException.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a program refused before it ran is reported: each {@link ProgramException.Kind} as
 * the executor's kind, with the message, line and column as they were.
 */
class ErrorTranslatorTests {

	@ParameterizedTest
	@CsvSource({ "SYNTAX, SyntaxError", "LIMIT, " + ExecutionError.LIMIT, "TIMEOUT, " + ExecutionError.TIMEOUT })
	void aRefusedProgramKeepsItsMessageAndPosition(Kind kind, String reported) {
		ExecutionError error = ErrorTranslator.refused(new ProgramException(kind, "what to fix", 3, 7));
		assertThat(error).isEqualTo(new ExecutionError(reported, "what to fix", 3, 7));
	}

	@ParameterizedTest
	@CsvSource({ "SYNTAX, SyntaxError", "LIMIT, " + ExecutionError.LIMIT, "TIMEOUT, " + ExecutionError.TIMEOUT })
	void aRefusalWithoutAPositionHasNone(Kind kind, String reported) {
		ExecutionError error = ErrorTranslator.refused(new ProgramException(kind, "too long", null, null));
		assertThat(error.kind()).isEqualTo(reported);
		assertThat(error.line()).isNull();
		assertThat(error.column()).isNull();
		assertThat(error.describe()).isEqualTo(reported + ": too long");
	}

}
