/**
 * Auto-configuration that offers the {@code codemode} tool with every request of Spring
 * AI's auto-configured {@code ChatClient.Builder}
 * ({@link CodeModeChatClientAutoConfiguration}), when
 * {@code codemode.chat-client.default-tools=true}.
 */
@NullMarked
package dev.codemode.autoconfigure.chat;

import org.jspecify.annotations.NullMarked;
