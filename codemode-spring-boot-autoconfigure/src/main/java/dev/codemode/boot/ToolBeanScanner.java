package dev.codemode.boot;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.codemode.annotation.CodeModeNamespace;
import dev.codemode.annotation.RequiresApproval;
import dev.codemode.executor.ToolNamespace;
import dev.codemode.tool.CodeModeConfigurationException;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;
import dev.codemode.tool.CodeModeToolSource;
import dev.codemode.tool.McpCallbacks;
import dev.codemode.tool.JsonStringResultConverter;
import dev.codemode.typescript.ToolNames;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.stereotype.Component;
import org.springframework.util.PatternMatchUtils;

/**
 * Finds the tools of the application: the {@code @Tool} methods of its beans, its
 * {@code ToolCallback} beans and the callbacks of its {@code ToolCallbackProvider} beans,
 * each in its namespace, filtered by {@code codemode.tools.include} and
 * {@code codemode.tools.exclude}.
 * <p>
 * Beans with {@code @Tool} methods are found by type, the way Spring's
 * {@code EventListenerMethodProcessor} finds {@code @EventListener} methods, so that no
 * bean is created for discovery; their tools fetch the bean on their first call.
 * {@code ToolCallback} and {@code ToolCallbackProvider} beans must exist to say what
 * tools they offer, so they are fetched when discovery runs: on the first use of the
 * {@code codemode} tool.
 */
public final class ToolBeanScanner {

	private static final Logger logger = LoggerFactory.getLogger(ToolBeanScanner.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final Selection selection;

	private final Set<String> excludedBeanNames;

	private final List<CodeModeToolSource> sources;

	/**
	 * @param beanFactory the application's beans
	 * @param selection which tools programs may call, and in which namespace
	 * @param excludedBeanNames beans that are never tools (the {@code codemode} tool
	 * itself)
	 * @param sources further tools, such as MCP connections
	 * @throws CodeModeConfigurationException if a configured namespace is not a valid one
	 */
	public ToolBeanScanner(ConfigurableListableBeanFactory beanFactory, Selection selection,
			Set<String> excludedBeanNames, List<CodeModeToolSource> sources) {
		this.beanFactory = beanFactory;
		this.selection = selection;
		this.excludedBeanNames = excludedBeanNames;
		this.sources = sources;
		selection.namespaces()
			.forEach((beanName, namespace) -> validateNamespace(namespace, () -> "codemode.namespaces." + beanName));
	}

	/**
	 * Discover the tools now.
	 * @return the tools that programs may call, in a stable order: {@code @Tool} methods,
	 * then {@code ToolCallback} beans, then {@code ToolCallbackProvider} beans, each in
	 * the order of bean registration, then the tools of each {@link CodeModeToolSource}
	 */
	public List<CodeModeTool> discover() {
		boolean skipMcpCallbacks = this.sources.stream().anyMatch(CodeModeToolSource::replacesMcpToolCallbacks);
		List<Candidate> candidates = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class, true, false)) {
			if (!this.excludedBeanNames.contains(beanName) && !ScopedProxyUtils.isScopedTarget(beanName)) {
				collectToolMethods(beanName, candidates::add);
			}
		}
		for (String beanName : this.beanFactory.getBeanNamesForType(ToolCallback.class, true, false)) {
			if (isCandidateBean(beanName)) {
				ToolCallback callback = this.beanFactory.getBean(beanName, ToolCallback.class);
				if (isCallable(callback, skipMcpCallbacks)) {
					candidates.add(new Candidate(
							CodeModeTool.of(callback)
								.withNamespace(namespace(beanName))
								.withRequiresApproval(beanRequiresApproval(beanName)),
							"ToolCallback bean '" + beanName + "'"));
				}
			}
		}
		for (String beanName : this.beanFactory.getBeanNamesForType(ToolCallbackProvider.class, true, false)) {
			if (isCandidateBean(beanName) && !(skipMcpCallbacks && isMcpProvider(beanName))) {
				ToolCallbackProvider provider = this.beanFactory.getBean(beanName, ToolCallbackProvider.class);
				String namespace = namespace(beanName);
				boolean requiresApproval = beanRequiresApproval(beanName);
				for (ToolCallback callback : provider.getToolCallbacks()) {
					if (isCallable(callback, skipMcpCallbacks)) {
						candidates.add(new Candidate(
								CodeModeTool.of(callback)
									.withNamespace(namespace)
									.withRequiresApproval(requiresApproval),
								"ToolCallbackProvider bean '" + beanName + "'"));
					}
				}
			}
		}
		for (CodeModeToolSource source : this.sources) {
			for (CodeModeTool tool : source.tools()) {
				candidates.add(new Candidate(tool, source.toString()));
			}
		}
		return select(candidates);
	}

	private boolean isCandidateBean(String beanName) {
		return !this.excludedBeanNames.contains(beanName) && !ScopedProxyUtils.isScopedTarget(beanName);
	}

	// Not code mode itself, nor one of Spring AI's MCP callbacks when a tool source calls
	// those servers itself.
	private static boolean isCallable(ToolCallback callback, boolean skipMcpCallbacks) {
		boolean codeMode = callback instanceof LazyCodeModeToolCallback || callback instanceof CodeModeToolCallback;
		return !codeMode && !(skipMcpCallbacks && McpCallbacks.isMcp(callback));
	}

	// Spring AI's MCP providers, told by type without creating them: they would list
	// every server's tools.
	private boolean isMcpProvider(String beanName) {
		Class<?> type = this.beanFactory.getType(beanName, false);
		return type != null && McpCallbacks.isMcpProvider(type);
	}

	private void collectToolMethods(String beanName, Consumer<Candidate> candidates) {
		Class<?> type = targetClass(beanName);
		if (type == null || !AnnotationUtils.isCandidateClass(type, Tool.class) || isSpringContainerClass(type)) {
			return;
		}
		Map<Method, MergedAnnotation<Tool>> toolMethods;
		try {
			toolMethods = MethodIntrospector.selectMethods(type,
					(MethodIntrospector.MetadataLookup<MergedAnnotation<Tool>>) method -> {
						MergedAnnotation<Tool> tool = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY)
							.get(Tool.class);
						return tool.isPresent() ? tool : null;
					});
		}
		catch (Throwable ex) {
			// An unresolvable type on the class path of an unrelated bean: not a tool
			// bean we can use.
			logger.debug("Could not look for @Tool methods on bean '{}' of {}", beanName, type, ex);
			return;
		}
		if (toolMethods.isEmpty()) {
			return;
		}
		String namespace = namespace(beanName);
		boolean beanRequiresApproval = beanRequiresApproval(beanName);
		Class<?> currentType = this.beanFactory.containsSingleton(beanName) ? this.beanFactory.getType(beanName) : null;
		toolMethods.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(Method::getName)))
			.forEach(entry -> {
				Method method = entry.getKey();
				Method annotatedMethod = (Method) Objects.requireNonNull(entry.getValue().getSource());
				if (returnsFunction(method)) {
					logger.warn("@Tool method {} of bean '{}' returns a function type and is not a tool", method,
							beanName);
					return;
				}
				BeanMethodToolCallback callback = new BeanMethodToolCallback(this.beanFactory, beanName, method,
						annotatedMethod);
				if (currentType != null && !canInvokeOn(callback, currentType, beanName)) {
					return;
				}
				boolean requiresApproval = beanRequiresApproval
						|| AnnotatedElementUtils.hasAnnotation(method, RequiresApproval.class)
						|| AnnotatedElementUtils.hasAnnotation(annotatedMethod, RequiresApproval.class);
				candidates.accept(new Candidate(
						new CodeModeTool(namespace, callback, resultType(annotatedMethod), requiresApproval),
						"bean '" + beanName + "'"));
			});
	}

	private static boolean canInvokeOn(BeanMethodToolCallback callback, Class<?> beanType, String beanName) {
		try {
			callback.invocableMethod(beanType);
			return true;
		}
		catch (IllegalStateException ex) {
			logger.warn("@Tool method {} of bean '{}' is left out: it cannot be called through the bean's proxy ({})",
					callback.annotatedMethod(), beanName, ex.getMessage());
			return false;
		}
	}

	// The type of the bean's target, without creating the bean (as
	// EventListenerMethodProcessor does).
	private @Nullable Class<?> targetClass(String beanName) {
		Class<?> type;
		try {
			type = AutoProxyUtils.determineTargetClass(this.beanFactory, beanName);
		}
		catch (Throwable ex) {
			logger.debug("Could not resolve the type of bean '{}'", beanName, ex);
			return null;
		}
		if (type != null && ScopedObject.class.isAssignableFrom(type)) {
			try {
				Class<?> targetClass = AutoProxyUtils.determineTargetClass(this.beanFactory,
						ScopedProxyUtils.getTargetBeanName(beanName));
				if (targetClass != null) {
					type = targetClass;
				}
			}
			catch (Throwable ex) {
				logger.debug("Could not resolve the target type of scoped bean '{}'", beanName, ex);
			}
		}
		return type;
	}

	private static boolean isSpringContainerClass(Class<?> type) {
		return type.getName().startsWith("org.springframework.")
				&& !AnnotatedElementUtils.isAnnotated(type, Component.class);
	}

	private static boolean returnsFunction(Method method) {
		Class<?> type = method.getReturnType();
		return Function.class.isAssignableFrom(type) || Supplier.class.isAssignableFrom(type)
				|| Consumer.class.isAssignableFrom(type);
	}

	// What the program receives, when known: the method's return type, unless a custom
	// converter changes it.
	private static @Nullable Type resultType(Method method) {
		Tool tool = AnnotatedElementUtils.findMergedAnnotation(method, Tool.class);
		if (tool != null && tool.resultConverter() != DefaultToolCallResultConverter.class
				&& tool.resultConverter() != JsonStringResultConverter.class) {
			return null;
		}
		Class<?> type = method.getReturnType();
		return (type == void.class || type == Void.class) ? null : method.getGenericReturnType();
	}

	// @RequiresApproval on the bean's class or on the @Bean method that declares it.
	private boolean beanRequiresApproval(String beanName) {
		return this.beanFactory.findAnnotationOnBean(beanName, RequiresApproval.class, false) != null;
	}

	private String namespace(String beanName) {
		String configured = this.selection.namespaces().get(beanName);
		if (configured != null) {
			return configured;
		}
		CodeModeNamespace annotation = this.beanFactory.findAnnotationOnBean(beanName, CodeModeNamespace.class, false);
		if (annotation != null) {
			return validateNamespace(annotation.value(), () -> "@CodeModeNamespace of bean '" + beanName + "'");
		}
		return ToolNamespace.DEFAULT_NAME;
	}

	private static String validateNamespace(String namespace, Supplier<String> source) {
		if (!ToolNames.isValidNamespace(namespace)) {
			throw new CodeModeConfigurationException("Invalid code mode namespace '" + namespace + "' in "
					+ source.get() + ": a namespace must be a JavaScript identifier that is neither a reserved word"
					+ " nor a global of the sandbox.", "Choose another namespace, such as 'github'.");
		}
		return namespace;
	}

	private List<CodeModeTool> select(List<Candidate> candidates) {
		List<String> include = this.selection.include();
		List<String> exclude = this.selection.exclude();
		List<String> requireApproval = this.selection.requireApproval();
		Map<String, Candidate> selected = new LinkedHashMap<>();
		for (Candidate candidate : candidates) {
			ToolDefinition definition = candidate.tool().callback().getToolDefinition();
			String qualifiedName = candidate.tool().namespace() + "." + definition.name();
			if ((!include.isEmpty() && !matchesAny(include, definition.name(), qualifiedName))
					|| matchesAny(exclude, definition.name(), qualifiedName)) {
				logger.debug("Tool {} from {} is not callable from programs (codemode.tools.include/exclude)",
						qualifiedName, candidate.source());
				continue;
			}
			if (matchesAny(requireApproval, definition.name(), qualifiedName)) {
				candidate = new Candidate(candidate.tool().withRequiresApproval(true), candidate.source());
			}
			// Keyed by the identifier programs use: two names that sanitize alike would
			// be one function.
			String key = candidate.tool().namespace() + "." + candidate.tool().identifier();
			Candidate existing = selected.putIfAbsent(key, candidate);
			if (existing != null) {
				// The same @Tool bean often comes twice: by discovery and through a
				// MethodToolCallbackProvider.
				if (sameDefinition(existing.tool().callback().getToolDefinition(), definition)) {
					logger.debug("Tool {} from {} is the one from {}", qualifiedName, candidate.source(),
							existing.source());
				}
				else {
					logger.warn("Tool {} from {} is left out: {} has a tool of that name (as programs call it) in that"
							+ " namespace", qualifiedName, candidate.source(), existing.source());
				}
			}
		}
		return selected.values().stream().map(Candidate::tool).toList();
	}

	private static boolean matchesAny(List<String> patterns, String name, String qualifiedName) {
		for (String pattern : patterns) {
			if (PatternMatchUtils.simpleMatch(pattern, pattern.contains(".") ? qualifiedName : name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean sameDefinition(ToolDefinition a, ToolDefinition b) {
		return a.name().equals(b.name()) && Objects.equals(a.description(), b.description())
				&& Objects.equals(a.inputSchema(), b.inputSchema());
	}

	private record Candidate(CodeModeTool tool, String source) {
	}

	/**
	 * Which tools programs may call, and in which namespace.
	 *
	 * @param namespaces the namespace of the tools of a bean, by bean name; takes
	 * precedence over {@code @CodeModeNamespace}
	 * @param include name patterns of the tools programs may call, all when empty
	 * @param exclude name patterns of the tools programs may not call
	 * @param requireApproval name patterns of the tools whose every call must be approved
	 */
	public record Selection(Map<String, String> namespaces, List<String> include, List<String> exclude,
			List<String> requireApproval) {

		public Selection {
			namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
			include = List.copyOf(include);
			exclude = List.copyOf(exclude);
			requireApproval = List.copyOf(requireApproval);
		}

	}

}
