/**
 * What the starter runs, apart from its auto-configuration: {@link ToolBeanScanner} finds
 * the application's tools among its beans, {@link LazyCodeModeToolCallback} builds the
 * {@code codemode} tool on first use, {@link CodeModeStatistics} counts what it does,
 * {@link CodeModeWarmUp} warms the executor up in the background (and holds readiness
 * until it is done), and a failure analyzer explains the configuration errors a user can
 * fix.
 */
@NullMarked
package dev.codemode.boot;

import org.jspecify.annotations.NullMarked;
