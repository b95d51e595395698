/**
 * Auto-configuration of code mode: {@link CodeModeAutoConfiguration} makes the
 * {@code codemode} tool over every tool of the application and the GraalJS executor that
 * runs its programs, configured by {@link CodeModeProperties} ({@code codemode.*}) and
 * {@link CodeModeExecutorCustomizer} beans. The classes it configures live in
 * {@code dev.codemode.boot}.
 */
@NullMarked
package dev.codemode.autoconfigure;

import org.jspecify.annotations.NullMarked;
