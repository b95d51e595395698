package dev.codemode.autoconfigure;

import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

/**
 * Customizes the options of the auto-configured GraalJS executor, after the
 * {@code codemode.*} properties have been applied. Customizer beans are applied in their
 * {@link org.springframework.core.annotation.Order order}. With
 * {@code codemode.executor.isolation=process}, the options are those of the executor in
 * each worker JVM, and tool calls still run in the application.
 * <p>
 * Use it for what properties cannot express, such as a dedicated executor for tool calls.
 * It has no effect when the application defines its own
 * {@link dev.codemode.executor.CodeExecutor} bean.
 */
@FunctionalInterface
public interface CodeModeExecutorCustomizer {

	/**
	 * Customize the options.
	 * @param options the builder, already holding the values of the {@code codemode.*}
	 * properties
	 */
	void customize(GraalJsExecutorOptions.Builder options);

}
