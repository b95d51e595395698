/**
 * TypeScript declarations of tools, for a model to read: {@link TypeScriptDeclarations}
 * turns each tool's {@link ToolSignature} (its JSON Schema input, and its output from a
 * result schema or a Java return type as Jackson writes it) into named types and one
 * {@code declare const} per namespace, and {@link ToolNames} gives the identifiers under
 * which a program calls the tools.
 */
@NullMarked
package dev.codemode.typescript;

import org.jspecify.annotations.NullMarked;
