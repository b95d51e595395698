package dev.codemode.autoconfigure.actuate;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.boot.actuate.CodeModeHealthIndicator;
import dev.codemode.boot.actuate.CodeModeWorkersHealthIndicator;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code codemode} health indicator, when Spring Boot's health
 * support is on the class path and one of the library's executors is in use: GraalJS in
 * the application, or in worker JVMs.
 */
@AutoConfiguration(after = CodeModeAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("codemode")
public final class CodeModeHealthContributorAutoConfiguration {

	private static final String BEAN_NAME = "codemodeHealthIndicator";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(GraalJsCodeExecutor.class)
	static class InProcess {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		CodeModeHealthIndicator codemodeHealthIndicator(GraalJsCodeExecutor executor) {
			return new CodeModeHealthIndicator(executor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ProcessCodeExecutor.class)
	static class Process {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		CodeModeWorkersHealthIndicator codemodeHealthIndicator(ProcessCodeExecutor executor) {
			return new CodeModeWorkersHealthIndicator(executor);
		}

	}

}
