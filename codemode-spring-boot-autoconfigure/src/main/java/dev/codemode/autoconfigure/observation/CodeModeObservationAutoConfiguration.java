package dev.codemode.autoconfigure.observation;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.CodeModeProperties;
import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.observation.CodeModeExecutionObservationConvention;
import dev.codemode.boot.observation.CodeModeExecutorMeterBinder;
import dev.codemode.boot.observation.CodeModeMeterBinder;
import dev.codemode.boot.observation.CodeModeWorkersMeterBinder;
import dev.codemode.boot.observation.ObservationCodeModeListener;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.process.ProcessCodeExecutor;
import dev.codemode.tool.CodeModeListener;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.tool.observation.ToolCallingObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of code mode's observations (when the application has an
 * {@link ObservationRegistry}) and counters (when it has Micrometer's meter binders).
 */
@AutoConfiguration(after = CodeModeAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = CodeModeProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class CodeModeObservationAutoConfiguration {

	@Bean
	@ConditionalOnBean(ObservationRegistry.class)
	@ConditionalOnMissingBean(name = "codeModeObservationListener")
	CodeModeListener codeModeObservationListener(ObservationRegistry observationRegistry,
			ObjectProvider<CodeModeExecutionObservationConvention> executionConvention,
			ObjectProvider<ToolCallingObservationConvention> toolCallConvention) {
		return new ObservationCodeModeListener(observationRegistry, executionConvention.getIfUnique(),
				toolCallConvention.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class CodeModeMetricsConfiguration {

		@Bean
		@ConditionalOnBean(CodeModeStatistics.class)
		@ConditionalOnMissingBean(name = "codeModeMeterBinder")
		MeterBinder codeModeMeterBinder(CodeModeStatistics statistics) {
			return new CodeModeMeterBinder(statistics);
		}

		@Bean
		@ConditionalOnBean(GraalJsCodeExecutor.class)
		@ConditionalOnMissingBean(name = "codeModeExecutorMeterBinder")
		MeterBinder codeModeExecutorMeterBinder(GraalJsCodeExecutor executor) {
			return new CodeModeExecutorMeterBinder(executor);
		}

		@Bean
		@ConditionalOnBean(ProcessCodeExecutor.class)
		@ConditionalOnMissingBean(name = "codeModeWorkersMeterBinder")
		MeterBinder codeModeWorkersMeterBinder(ProcessCodeExecutor executor) {
			return new CodeModeWorkersMeterBinder(executor);
		}

	}

}
