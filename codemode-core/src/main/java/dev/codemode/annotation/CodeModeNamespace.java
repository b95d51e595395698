package dev.codemode.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts the tools of a bean into their own namespace: a program calls them as
 * {@code <namespace>.<tool>(input)}, and the tool's description declares the namespace as
 * its own {@code declare const}. Without it, every tool is in the {@code codemode}
 * namespace.
 * <p>
 * Goes on the class of a bean with {@code @Tool} methods, of a {@code ToolCallback} or of
 * a {@code ToolCallbackProvider}, or on the {@code @Bean} method that declares one. The
 * property {@code codemode.namespaces.<beanName>} takes precedence.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CodeModeNamespace {

	/**
	 * The namespace: a JavaScript identifier that is not a reserved word, such as
	 * {@code github}.
	 * @return the namespace
	 */
	String value();

}
