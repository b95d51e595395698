/**
 * The GraalJS implementation of the executor SPI: {@link GraalJsCodeExecutor} runs each
 * program in a locked-down context on one shared engine, calls tools through a
 * per-execution bridge, and enforces the limits of its {@link GraalJsExecutorOptions}.
 */
@NullMarked
package dev.codemode.executor.graaljs;

import org.jspecify.annotations.NullMarked;
