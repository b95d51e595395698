package dev.codemode.autoconfigure.chat;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.CodeModeProperties;
import dev.codemode.boot.chat.CodeModeToolAdvisor;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Offers the {@code codemode} tool with every request of every {@link ChatClient.Builder}
 * that Spring AI auto-configures, when {@code codemode.chat-client.default-tools=true}:
 * through an advisor that adds the tool to a request that does not have it, so that an
 * application's own {@code builder.defaultTools(codemode)} or {@code .tools(codemode)}
 * still works (two registrations of one tool name would make Spring AI reject the
 * request). Off by default: otherwise, add it where it is wanted, with
 * {@code builder.defaultTools(codemode)} or {@code .tools(codemode)} per prompt (one of
 * these, not both).
 */
@AutoConfiguration(after = CodeModeAutoConfiguration.class)
@ConditionalOnClass(ChatClientBuilderCustomizer.class)
@ConditionalOnBooleanProperty(CodeModeProperties.PREFIX + ".chat-client.default-tools")
@ConditionalOnBean(name = CodeModeAutoConfiguration.CODEMODE_BEAN_NAME)
public final class CodeModeChatClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "codeModeChatClientBuilderCustomizer")
	ChatClientBuilderCustomizer codeModeChatClientBuilderCustomizer(
			@Qualifier(CodeModeAutoConfiguration.CODEMODE_BEAN_NAME) ObjectProvider<ToolCallback> codemode) {
		// Looked up at the first request, not when this customizer is: a codemode bean of
		// the application's own
		// may depend on a ChatClient.Builder.
		return (builder) -> builder.defaultAdvisors(new CodeModeToolAdvisor(codemode::getObject));
	}

}
