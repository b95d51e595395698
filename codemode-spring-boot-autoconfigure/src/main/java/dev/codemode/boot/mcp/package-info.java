/**
 * Support for MCP connections in a Spring Boot application: {@link McpServerExitWatcher}
 * makes the calls of a stdio MCP server fail at once when its process ends.
 */
@NullMarked
package dev.codemode.boot.mcp;

import org.jspecify.annotations.NullMarked;
