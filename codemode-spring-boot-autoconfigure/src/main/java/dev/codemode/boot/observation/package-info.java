/**
 * Code mode with Micrometer: {@link ObservationCodeModeListener} observes executions
 * ({@link CodeModeObservationDocumentation}) and tool calls, and
 * {@link CodeModeMeterBinder} and {@link CodeModeExecutorMeterBinder} publish the
 * counters and the executor's retired threads.
 */
@NullMarked
package dev.codemode.boot.observation;

import org.jspecify.annotations.NullMarked;
