/**
 * Auto-configuration of MCP connections as namespaces of code mode
 * ({@link CodeModeMcpAutoConfiguration}), for applications with Spring AI's MCP client.
 */
@NullMarked
package dev.codemode.autoconfigure.mcp;

import org.jspecify.annotations.NullMarked;
