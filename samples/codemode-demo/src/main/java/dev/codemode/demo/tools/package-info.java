/**
 * The shop's tools and the records they return. {@code @NullMarked}: no value here is
 * null unless it says {@code @Nullable} (the database's columns are all
 * {@code NOT NULL}), so the declarations the model reads say {@code name: string}, not
 * {@code name: string | null}.
 */
@NullMarked
package dev.codemode.demo.tools;

import org.jspecify.annotations.NullMarked;
