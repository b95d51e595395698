/**
 * Auto-configuration of code mode's Actuator support: the {@code codemode} endpoint
 * ({@link CodeModeEndpointAutoConfiguration}) and health indicator
 * ({@link CodeModeHealthContributorAutoConfiguration}).
 */
@NullMarked
package dev.codemode.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
