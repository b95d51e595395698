package dev.codemode.program;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which path a normalizer takes: SWC where its native library is on the class path, the
 * pure-JVM path where it is not (the build's {@code pure-jvm-transpiler} run leaves it
 * off, as on Windows or Linux arm64), and the pure-JVM path whenever it is asked for.
 */
class TranspilerChoiceTests {

	/** Set by the build's run without SWC's native library. */
	private static final boolean WITHOUT_NATIVE = "jvm".equals(System.getProperty("codemode.test.transpiler"));

	@Test
	void automaticChoiceIsSwcWhereItsNativeLibraryLoadsAndThePureJvmPathElsewhere() {
		try (ProgramNormalizer normalizer = new ProgramNormalizer(1000, 100, Transpiler.AUTO)) {
			assertThat(normalizer.transpiler())
				.isEqualTo(WITHOUT_NATIVE ? JvmProgramParser.DESCRIPTION : SwcProgramParser.DESCRIPTION);
		}
	}

	@Test
	void nativeChoiceWithoutTheNativeLibraryFallsBackToThePureJvmPathInsteadOfFailing() throws Exception {
		try (ProgramNormalizer normalizer = new ProgramNormalizer(1000, 100, Transpiler.NATIVE)) {
			assertThat(normalizer.transpiler())
				.isEqualTo(WITHOUT_NATIVE ? JvmProgramParser.DESCRIPTION : SwcProgramParser.DESCRIPTION);
			assertThat(normalizer.prepare("const x: number = 1; x", TimeUnit.SECONDS.toNanos(10)).script())
				.doesNotContain(": number");
		}
	}

	@Test
	void pureJvmPathIsTakenWhenAskedForAndStripsTypesKeepingLines() throws Exception {
		try (ProgramNormalizer normalizer = new ProgramNormalizer(1000, 100, Transpiler.JVM)) {
			assertThat(normalizer.transpiler()).isEqualTo(JvmProgramParser.DESCRIPTION);
			PreparedProgram program = normalizer.prepare("interface A { a: number }\nconst a: A = { a: 1 };\na.a",
					TimeUnit.SECONDS.toNanos(10));
			assertThat(program.typeScript()).isTrue();
			assertThat(program.script()).doesNotContain("interface").contains("const a = { a: 1 }");
			assertThat(program.script().lines()).hasSize(5);
		}
	}

	@Test
	void missingNativeLibraryIsReportedWithoutAStackTrace() {
		String failure = SwcProgramParser.loadFailure();
		if (WITHOUT_NATIVE) {
			assertThat(failure).isNotBlank().doesNotContain("\n\tat ");
		}
		else {
			assertThat(failure).isNull();
		}
	}

}
