package dev.codemode.autoconfigure.context;

import org.junit.jupiter.api.AfterAll;
import reactor.core.publisher.Hooks;

import org.springframework.test.context.TestPropertySource;

/**
 * The same endpoint with Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}), which restores the Reactor context's
 * values as thread-locals around Reactor's operators: tools still run as their caller,
 * and only as their caller.
 */
@TestPropertySource(properties = "spring.reactor.context-propagation=auto")
class WebFluxAutomaticContextPropagationTests extends WebFluxCallerContextTests {

	@AfterAll
	static void disableAutomaticContextPropagation() {
		// Spring Boot turned it on for the whole JVM; the other tests run without it.
		Hooks.disableAutomaticContextPropagation();
	}

}
