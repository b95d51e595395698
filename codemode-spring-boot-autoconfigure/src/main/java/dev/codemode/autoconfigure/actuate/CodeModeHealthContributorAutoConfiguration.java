package dev.codemode.autoconfigure.actuate;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.boot.actuate.CodeModeHealthIndicator;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code codemode} health indicator, when Spring Boot's health
 * support is on the class path and the GraalJS executor is in use.
 */
@AutoConfiguration(after = CodeModeAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(GraalJsCodeExecutor.class)
@ConditionalOnEnabledHealthIndicator("codemode")
public final class CodeModeHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "codemodeHealthIndicator")
	CodeModeHealthIndicator codemodeHealthIndicator(GraalJsCodeExecutor executor) {
		return new CodeModeHealthIndicator(executor);
	}

}
