package dev.codemode.executor.graaljs;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.ExecutionError;
import dev.codemode.program.PreparedProgram;

/**
 * What the {@link ErrorTranslator} needs to know of an execution to report an error of
 * it.
 *
 * @param program the program as prepared (its line map and throw sites), or {@code null}
 * when it failed before it was prepared
 * @param options the limits the execution ran under
 * @param toolIdentifiers each namespace's tool identifiers
 * @param cancelled the limit or the caller that ended the execution, or {@code null}
 * while it runs on
 */
record ErrorContext(@Nullable PreparedProgram program, GraalJsExecutorOptions options,
		Map<String, List<String>> toolIdentifiers, @Nullable ExecutionError cancelled) {

}
