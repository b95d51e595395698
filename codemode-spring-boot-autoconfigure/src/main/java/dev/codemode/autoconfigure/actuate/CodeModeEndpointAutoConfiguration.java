package dev.codemode.autoconfigure.actuate;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.actuate.CodeModeEndpoint;
import dev.codemode.executor.CodeExecutor;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code codemode} Actuator endpoint, when Actuator is on the
 * class path and the endpoint is available (enabled and exposed, as the application
 * exposes endpoints).
 */
@AutoConfiguration(after = CodeModeAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(name = CodeModeAutoConfiguration.CODEMODE_BEAN_NAME, value = CodeExecutor.class)
public final class CodeModeEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CodeModeEndpoint codeModeEndpoint(@Qualifier(CodeModeAutoConfiguration.CODEMODE_BEAN_NAME) ToolCallback codemode,
			CodeExecutor executor, ObjectProvider<CodeModeStatistics> statistics) {
		return new CodeModeEndpoint(codemode, executor, statistics.getIfAvailable());
	}

}
