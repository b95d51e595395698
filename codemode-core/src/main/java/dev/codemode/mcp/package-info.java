/**
 * The tools of MCP servers as programs call them: {@link McpTools} makes each
 * {@link McpConnection} (a sync or async client of Spring AI's MCP client starter) a
 * namespace of its own, declares its tools from the server's definitions and calls them
 * through the client, so that a program receives a result's {@code structuredContent} and
 * the server's error text. Only for applications that use Spring AI's MCP client.
 */
@NullMarked
package dev.codemode.mcp;

import org.jspecify.annotations.NullMarked;
