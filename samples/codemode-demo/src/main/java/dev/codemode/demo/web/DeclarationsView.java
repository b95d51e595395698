package dev.codemode.demo.web;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * What the model is told about the {@code codemode} tool.
 *
 * @param toolName the tool's name
 * @param description its full description, as the model receives it
 * @param declarations the TypeScript API inside the description
 * @param inputSchema the JSON Schema of the tool's input
 */
public record DeclarationsView(String toolName, String description, String declarations,
		@JsonRawValue String inputSchema) {
}
