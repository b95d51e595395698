/**
 * The {@code codemode} tool: {@link CodeModeToolCallback} is one Spring AI
 * {@code ToolCallback} whose description declares the application's tools in TypeScript
 * and whose input is a program that calls them; each {@link CodeModeTool} is a tool in
 * its namespace, {@link CodeModeOutcome} is what one run did, as data, and
 * {@link CodeModeListener} observes executions and tool calls. Tools run in their
 * caller's context ({@link CallerContextPropagation}).
 */
@NullMarked
package dev.codemode.tool;

import org.jspecify.annotations.NullMarked;
