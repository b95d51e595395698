package dev.codemode.boot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of code mode. Each tool call that a program makes is observed too, as
 * Spring AI observes tool calls ({@code spring.ai.tool}, see
 * {@code ToolCallingObservationDocumentation}), as a child of its execution.
 */
public enum CodeModeObservationDocumentation implements ObservationDocumentation {

	/** One execution of a program by the {@code codemode} tool. */
	EXECUTION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCodeModeExecutionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/** Low-cardinality keys of {@link #EXECUTION}. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** {@code success} or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "codemode.outcome";
			}
		},

		/**
		 * The kind of error, {@code none} on success: an executor kind such as
		 * {@code TimeoutError} or {@code LimitError}, a standard JavaScript error name
		 * such as {@code SyntaxError}, or {@code other}.
		 */
		ERROR_KIND {
			@Override
			public String asString() {
				return "codemode.error.kind";
			}
		}

	}

	/** High-cardinality keys of {@link #EXECUTION}. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** How many tool calls the program made. */
		TOOL_CALLS {
			@Override
			public String asString() {
				return "codemode.tool.calls";
			}
		}

	}

}
