/**
 * What carries a caller's context to its tools beyond Micrometer's own accessors:
 * {@link CallerContextAccessors} registers the accessors that do not register themselves,
 * and {@link ReactiveSecurityContextAdapter} makes the login of a caller on a reactive
 * stream visible to tools that read {@code SecurityContextHolder}.
 */
@NullMarked
package dev.codemode.boot.context;

import org.jspecify.annotations.NullMarked;
