/**
 * Process isolation (issue 15): GraalJS in a worker JVM that the application starts and
 * can kill. The application and a worker talk over the worker's stdin and stdout in
 * newline-delimited JSON ({@link Message}, framed by {@link JsonLines}); the worker runs
 * the programs ({@link WorkerMain}), the application runs the tools ({@link Worker}), and
 * a {@link WorkerPool} keeps several workers and replaces the dead. Everything here is
 * internal for now: the executor on the pool and the {@code isolation} property come
 * next.
 */
@NullMarked
package dev.codemode.executor.process;

import org.jspecify.annotations.NullMarked;
