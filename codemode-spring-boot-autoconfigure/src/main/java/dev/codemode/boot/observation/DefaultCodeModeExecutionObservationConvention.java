package dev.codemode.boot.observation;

import java.util.Set;

import dev.codemode.boot.observation.CodeModeObservationDocumentation.HighCardinalityKeyNames;
import dev.codemode.boot.observation.CodeModeObservationDocumentation.LowCardinalityKeyNames;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default convention of {@link CodeModeObservationDocumentation#EXECUTION}
 * observations: named {@code codemode.execution}, tagged with the outcome and the kind of
 * error.
 */
public class DefaultCodeModeExecutionObservationConvention implements CodeModeExecutionObservationConvention {

	/** The name of the observation. */
	public static final String DEFAULT_NAME = "codemode.execution";

	// A program can throw errors of any name; only these become tag values, so the tag's
	// cardinality stays low.
	private static final Set<String> KNOWN_ERROR_KINDS = Set.of(ExecutionError.TIMEOUT, ExecutionError.LIMIT,
			ExecutionError.TOOL, ExecutionError.UNKNOWN_TOOL, ExecutionError.RESULT, ExecutionError.INPUT,
			ExecutionError.UNHANDLED_REJECTION, "Error", "SyntaxError", "ReferenceError", "TypeError", "RangeError",
			"EvalError", "URIError", "AggregateError");

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(CodeModeExecutionObservationContext context) {
		return "codemode execution";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CodeModeExecutionObservationContext context) {
		ExecutionResult result = context.getResult();
		ExecutionError error = (result != null) ? result.error() : null;
		String outcome = (result == null) ? "unknown" : (error == null) ? "success" : "error";
		return KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(outcome),
				LowCardinalityKeyNames.ERROR_KIND.withValue(errorKind(error)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CodeModeExecutionObservationContext context) {
		ExecutionResult result = context.getResult();
		if (result == null) {
			return KeyValues.empty();
		}
		return KeyValues.of(HighCardinalityKeyNames.TOOL_CALLS.withValue(Integer.toString(result.toolCalls())));
	}

	private static String errorKind(@Nullable ExecutionError error) {
		if (error == null) {
			return "none";
		}
		return KNOWN_ERROR_KINDS.contains(error.kind()) ? error.kind() : "other";
	}

}
