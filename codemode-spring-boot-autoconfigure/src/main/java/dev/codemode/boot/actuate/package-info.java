/**
 * Code mode in Spring Boot Actuator: the {@code codemode} endpoint
 * ({@link CodeModeEndpoint}: the tools, their declarations, the limits and the counters)
 * and the {@link CodeModeHealthIndicator}.
 */
@NullMarked
package dev.codemode.boot.actuate;

import org.jspecify.annotations.NullMarked;
