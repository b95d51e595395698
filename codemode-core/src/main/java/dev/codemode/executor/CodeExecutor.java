package dev.codemode.executor;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Runs a program that a model wrote against tool namespaces: the SPI of code mode.
 * <p>
 * An implementation normalizes the program (see
 * {@link dev.codemode.program.ProgramNormalizer}), runs it in a sandbox, lets it call the
 * functions of the given namespaces as {@code <namespace>.<tool>(input)}, and reports the
 * outcome. It never throws for anything the program does: syntax errors, thrown values,
 * timeouts and limit hits all come back as an {@link ExecutionError} inside the
 * {@link ExecutionResult}.
 */
@FunctionalInterface
public interface CodeExecutor {

	/**
	 * Run one program.
	 * @param code the program as the model wrote it (JavaScript or TypeScript, possibly
	 * fenced)
	 * @param namespaces the tools the program may call, by namespace; each execution gets
	 * its own read-only view
	 * @return the outcome, never {@code null}
	 */
	ExecutionResult execute(String code, List<ToolNamespace> namespaces);

	/**
	 * One or two sentences for the tool's description that tell the model this executor's
	 * limits, e.g. {@code Limits: 30 s per program, at most 100 tool calls.}
	 * @return the sentences, or {@code null} to say nothing
	 */
	default @Nullable String describeLimits() {
		return null;
	}

}
