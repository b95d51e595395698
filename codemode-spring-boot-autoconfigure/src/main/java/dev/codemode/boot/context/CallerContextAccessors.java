package dev.codemode.boot.context;

import java.util.function.Supplier;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;

/**
 * The accessors that do not register themselves with the {@link ContextRegistry},
 * registered by the starter so that tools see their caller's locale, request attributes
 * and MDC.
 * <p>
 * Spring Security's and Micrometer Observation's accessors register themselves (through
 * {@code META-INF/services}); Spring's {@code LocaleContextThreadLocalAccessor} and
 * {@code RequestAttributesThreadLocalAccessor}, and context-propagation's accessor of the
 * whole MDC map, do not. Each is registered only when its classes are present and no
 * accessor with its key is registered yet, so that an application's own choice (e.g. an
 * MDC accessor limited to some keys) stays.
 */
public final class CallerContextAccessors {

	private static final Logger logger = LoggerFactory.getLogger(CallerContextAccessors.class);

	private static final String LOCALE_ACCESSOR = "org.springframework.context.i18n.LocaleContextThreadLocalAccessor";

	private static final String REQUEST_ATTRIBUTES_ACCESSOR = "org.springframework.web.context.request.RequestAttributesThreadLocalAccessor";

	/**
	 * The request attributes accessor snapshots servlet requests: it needs the Servlet
	 * API.
	 */
	private static final String SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";

	private static final String MDC = "org.slf4j.MDC";

	private CallerContextAccessors() {
	}

	/**
	 * Registers the missing accessors.
	 * @param registry where to register them
	 * @param classLoader where to look for their classes
	 */
	public static void registerMissing(ContextRegistry registry, @Nullable ClassLoader classLoader) {
		synchronized (registry) {
			if (ClassUtils.isPresent(LOCALE_ACCESSOR, classLoader)) {
				registerIfAbsent(registry, () -> instantiate(LOCALE_ACCESSOR, classLoader));
			}
			if (ClassUtils.isPresent(REQUEST_ATTRIBUTES_ACCESSOR, classLoader)
					&& ClassUtils.isPresent(SERVLET_REQUEST, classLoader)) {
				registerIfAbsent(registry, () -> instantiate(REQUEST_ATTRIBUTES_ACCESSOR, classLoader));
			}
			if (ClassUtils.isPresent(MDC, classLoader)) {
				// No keys: the whole MDC map.
				registerIfAbsent(registry, Slf4jThreadLocalAccessor::new);
			}
		}
	}

	private static void registerIfAbsent(ContextRegistry registry, Supplier<ThreadLocalAccessor<?>> accessor) {
		ThreadLocalAccessor<?> candidate = accessor.get();
		boolean registered = registry.getThreadLocalAccessors()
			.stream()
			.anyMatch((existing) -> existing.key().equals(candidate.key()));
		if (!registered) {
			registry.registerThreadLocalAccessor(candidate);
			logger.debug("Registered {} with the ContextRegistry", candidate.getClass().getName());
		}
	}

	private static ThreadLocalAccessor<?> instantiate(String className, @Nullable ClassLoader classLoader) {
		return (ThreadLocalAccessor<?>) BeanUtils.instantiateClass(ClassUtils.resolveClassName(className, classLoader));
	}

}
