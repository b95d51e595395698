/**
 * Code mode in Spring AI's {@code ChatClient}: {@link CodeModeToolAdvisor} offers the
 * {@code codemode} tool with every request that does not offer it already.
 */
@NullMarked
package dev.codemode.boot.chat;

import org.jspecify.annotations.NullMarked;
