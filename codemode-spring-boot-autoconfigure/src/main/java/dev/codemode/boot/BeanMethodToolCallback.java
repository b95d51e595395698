package dev.codemode.boot;

import java.lang.reflect.Method;

import dev.codemode.executor.ToolCallException;
import dev.codemode.tool.JsonStringResultConverter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import org.springframework.ai.tool.execution.ToolCallResultConverter;
import org.springframework.ai.tool.metadata.ToolMetadata;
import org.springframework.ai.tool.method.MethodToolCallback;
import org.springframework.ai.tool.support.ToolDefinitions;
import org.springframework.ai.tool.support.ToolUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * A {@code @Tool} method of a bean, called through the bean as the container holds it.
 * <p>
 * The definition comes from the method alone, so discovering a tool never creates its
 * bean: a lazy bean is created by its first tool call. The call goes through the
 * container's object, a CGLIB or JDK proxy included, so that advice such as
 * {@code @Transactional} applies; for a JDK proxy, the interface method that the proxy
 * implements is the one invoked.
 */
final class BeanMethodToolCallback implements ToolCallback {

	private static final Logger logger = LoggerFactory.getLogger(BeanMethodToolCallback.class);

	private final BeanFactory beanFactory;

	private final String beanName;

	private final Method method;

	private final Method annotatedMethod;

	private final ToolDefinition toolDefinition;

	private final ToolMetadata toolMetadata;

	private volatile @Nullable MethodToolCallback singletonTarget;

	/**
	 * @param beanFactory where the bean lives
	 * @param beanName the bean's name
	 * @param method the method of the bean's class (or interface) that carries
	 * {@code @Tool}, possibly inherited
	 * @param annotatedMethod the method on which {@code @Tool} is declared, which defines
	 * the tool
	 */
	BeanMethodToolCallback(BeanFactory beanFactory, String beanName, Method method, Method annotatedMethod) {
		this.beanFactory = beanFactory;
		this.beanName = beanName;
		this.method = method;
		this.annotatedMethod = annotatedMethod;
		this.toolDefinition = ToolDefinitions.from(annotatedMethod);
		this.toolMetadata = ToolMetadata.from(annotatedMethod);
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.toolDefinition;
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.toolMetadata;
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		return target().call(toolInput, toolContext);
	}

	/**
	 * @return the method on which {@code @Tool} is declared
	 */
	Method annotatedMethod() {
		return this.annotatedMethod;
	}

	/**
	 * The method to invoke on an object of the given class: the method itself, or the
	 * interface method that a JDK proxy implements.
	 * @throws IllegalStateException when a proxy of that class cannot run the method
	 * (e.g. a JDK proxy whose interfaces do not declare it, or a private method of a
	 * CGLIB proxy)
	 */
	Method invocableMethod(Class<?> beanType) {
		return AopUtils.selectInvocableMethod(this.method, beanType);
	}

	private MethodToolCallback target() {
		MethodToolCallback target = this.singletonTarget;
		if (target != null) {
			return target;
		}
		// Looked up on the first call, never at discovery: a lazy bean stays lazy until a
		// program needs it.
		Object bean = this.beanFactory.getBean(this.beanName);
		Method invocable;
		try {
			invocable = invocableMethod(bean.getClass());
		}
		catch (IllegalStateException ex) {
			logger.warn("Cannot call @Tool method {} of bean '{}' through its proxy: {}", this.method, this.beanName,
					ex.getMessage());
			throw new ToolCallException("Tool '" + this.toolDefinition.name()
					+ "' is not callable in this application (see the application's log)");
		}
		// MethodToolCallback only opens access when the object's class is not public; a
		// CGLIB proxy's class is
		// public even when the bean's class (which declares the method) is not.
		ReflectionUtils.makeAccessible(invocable);
		target = MethodToolCallback.builder()
			.toolDefinition(this.toolDefinition)
			.toolMetadata(this.toolMetadata)
			.toolMethod(invocable)
			.toolObject(bean)
			.toolCallResultConverter(resultConverter(this.annotatedMethod))
			.build();
		if (this.beanFactory.isSingleton(this.beanName)) {
			this.singletonTarget = target;
		}
		return target;
	}

	/**
	 * The method's converter; in place of Spring AI's default, one that writes a
	 * {@code String} as a JSON string even when its text is JSON, so that a program
	 * receives exactly the string its declaration promises.
	 */
	private static ToolCallResultConverter resultConverter(Method method) {
		ToolCallResultConverter converter = ToolUtils.getToolCallResultConverter(method);
		return (converter instanceof DefaultToolCallResultConverter) ? new JsonStringResultConverter() : converter;
	}

	@Override
	public String toString() {
		return "@Tool " + this.toolDefinition.name() + " of bean '" + this.beanName + "'";
	}

}
