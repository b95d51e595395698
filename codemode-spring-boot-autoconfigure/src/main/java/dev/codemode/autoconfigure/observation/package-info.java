/**
 * Auto-configuration of code mode's observations and counters
 * ({@link CodeModeObservationAutoConfiguration}), with Micrometer.
 */
@NullMarked
package dev.codemode.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
