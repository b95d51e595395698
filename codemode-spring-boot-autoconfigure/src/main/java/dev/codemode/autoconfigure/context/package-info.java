/**
 * Auto-configuration of how tools get their caller's context
 * ({@link CodeModeContextAutoConfiguration}): the thread-locals, task decorators and,
 * with Spring Security, the login of a caller on a reactive stream.
 */
@NullMarked
package dev.codemode.autoconfigure.context;

import org.jspecify.annotations.NullMarked;
