/**
 * The SPI of code mode: a {@link CodeExecutor} runs a program against
 * {@link ToolNamespace}s of {@link ToolFunction}s and reports an {@link ExecutionResult}
 * (the result as JSON, the logs, and an {@link ExecutionError} when the program failed).
 */
@NullMarked
package dev.codemode.executor;

import org.jspecify.annotations.NullMarked;
