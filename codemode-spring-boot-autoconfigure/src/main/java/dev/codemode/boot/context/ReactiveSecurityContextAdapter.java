package dev.codemode.boot.context;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderThreadLocalAccessor;

/**
 * On a reactive stream (a WebFlux endpoint), Spring Security keeps the login in the
 * Reactor context ({@link ReactiveSecurityContextHolder}: a {@code Mono<SecurityContext>}
 * under the key {@code SecurityContext.class}), where a tool that reads
 * {@link SecurityContextHolder} (a blocking {@code @Tool} method with
 * {@code @PreAuthorize}, for one) never finds it. This adapter resolves that {@code Mono}
 * when the {@code codemode} tool is called and puts the {@link SecurityContext} under the
 * key of Spring Security's own {@link SecurityContextHolderThreadLocalAccessor}, which
 * then sets it in {@link SecurityContextHolder} around each tool call. When the
 * {@code Mono} is empty, fails, or takes longer than {@value #TIMEOUT_SECONDS} seconds,
 * the tools run with an empty security context: unauthenticated, never as someone else.
 */
public final class ReactiveSecurityContextAdapter implements UnaryOperator<ContextView> {

	private static final Logger logger = LoggerFactory.getLogger(ReactiveSecurityContextAdapter.class);

	private static final long TIMEOUT_SECONDS = 10;

	/** The key of {@link SecurityContextHolderThreadLocalAccessor}. */
	private static final String THREAD_LOCAL_KEY = SecurityContext.class.getName();

	/**
	 * The key of {@link ReactiveSecurityContextHolder}; an {@code Object}, as
	 * {@code get(Class)} looks up by type.
	 */
	private static final Object REACTIVE_KEY = SecurityContext.class;

	@Override
	public ContextView apply(ContextView context) {
		if (!(context.getOrDefault(REACTIVE_KEY, null) instanceof Mono<?> securityContext)) {
			return context;
		}
		return Context.of(context).put(THREAD_LOCAL_KEY, resolve(securityContext));
	}

	private static SecurityContext resolve(Mono<?> securityContext) {
		try {
			// Not block(): it refuses to run on a non-blocking thread, where a caller may
			// still be.
			Object resolved = securityContext.toFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (resolved instanceof SecurityContext resolvedContext) {
				return resolvedContext;
			}
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.warn("Could not read the caller's security context from the Reactor context; tools run "
					+ "unauthenticated", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return SecurityContextHolder.createEmptyContext();
	}

}
