/**
 * Result types in a {@code @NullMarked} package: their members are never null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.codemode.typescript.marked;

import org.jspecify.annotations.NullMarked;
