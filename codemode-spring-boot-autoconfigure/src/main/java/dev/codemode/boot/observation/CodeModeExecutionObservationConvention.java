package dev.codemode.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The convention of {@link CodeModeObservationDocumentation#EXECUTION} observations; a
 * bean of this type replaces {@link DefaultCodeModeExecutionObservationConvention}.
 */
public interface CodeModeExecutionObservationConvention
		extends ObservationConvention<CodeModeExecutionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CodeModeExecutionObservationContext;
	}

}
