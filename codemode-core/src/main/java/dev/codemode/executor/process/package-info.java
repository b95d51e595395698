/**
 * Process isolation (issue 15): GraalJS in a worker JVM that the application starts and
 * can kill. The application and a worker talk over the worker's stdin and stdout in
 * newline-delimited JSON ({@link Message}, framed by {@link LineReader}); the worker runs
 * the programs ({@link WorkerMain}), the application runs the tools ({@link Worker}), and
 * a {@link WorkerPool} keeps several workers and replaces the dead. The public face is
 * {@link ProcessCodeExecutor} with its {@link WorkerOptions} and
 * {@link WorkerStatistics}; the rest is internal.
 */
@NullMarked
package dev.codemode.executor.process;

import org.jspecify.annotations.NullMarked;
