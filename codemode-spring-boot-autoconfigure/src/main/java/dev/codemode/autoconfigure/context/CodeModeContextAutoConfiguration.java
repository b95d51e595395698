package dev.codemode.autoconfigure.context;

import java.util.List;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.CodeModeProperties;
import dev.codemode.boot.context.CallerContextAccessors;
import dev.codemode.boot.context.ReactiveSecurityContextAdapter;
import dev.codemode.tool.CallerContextPropagation;
import io.micrometer.context.ContextRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of how tools get their caller's context: a
 * {@link CallerContextPropagation} over the global {@link ContextRegistry}, with the
 * accessors that do not register themselves (locale, request attributes, MDC), the
 * application's {@link TaskDecorator} beans around each tool call, and, with Spring
 * Security, the login of a caller on a reactive stream made visible to tools that read
 * {@code SecurityContextHolder}.
 */
@AutoConfiguration(before = CodeModeAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = CodeModeProperties.PREFIX + ".enabled", matchIfMissing = true)
public final class CodeModeContextAutoConfiguration {

	private static final String REACTIVE_SECURITY_CONTEXT_HOLDER = "org.springframework.security.core.context.ReactiveSecurityContextHolder";

	@Bean
	@ConditionalOnMissingBean
	CallerContextPropagation codeModeContextPropagation(ResourceLoader resourceLoader,
			ObjectProvider<TaskDecorator> taskDecorators) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		CallerContextAccessors.registerMissing(ContextRegistry.getInstance(), classLoader);
		CallerContextPropagation.Builder builder = CallerContextPropagation.builder()
			.taskDecorator(taskDecorator(taskDecorators));
		if (ClassUtils.isPresent(REACTIVE_SECURITY_CONTEXT_HOLDER, classLoader)) {
			builder.reactorContextAdapter(new ReactiveSecurityContextAdapter());
		}
		return builder.build();
	}

	/**
	 * As Spring Boot applies them to its task executors: one as it is, several in order,
	 * none is none.
	 */
	private static @Nullable TaskDecorator taskDecorator(ObjectProvider<TaskDecorator> taskDecorators) {
		List<TaskDecorator> decorators = taskDecorators.orderedStream().toList();
		if (decorators.isEmpty()) {
			return null;
		}
		return (decorators.size() == 1) ? decorators.get(0) : new CompositeTaskDecorator(decorators);
	}

}
