package dev.codemode.autoconfigure.context;

import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.observation.CodeModeObservationAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's observation reaches the tools: the execution is a child of the caller's
 * observation, each tool call a child of the execution, what a tool observes nests under
 * its call, and with tracing on, a tool's log line carries the caller's trace id.
 */
class ObservationCallerContextTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CodeModeContextAutoConfiguration.class, CodeModeAutoConfiguration.class,
						CodeModeObservationAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	@Test
	@SuppressWarnings("unchecked") // ObservationContextAssert is a raw type in the TCK
	void toolCallsAreChildrenOfTheExecutionWhoseParentIsTheCallersObservation() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(ObservedTools.class)
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				Observation caller = Observation.start("caller", registry);
				JsonNode result;
				try (Observation.Scope scope = caller.openScope()) {
					result = call(context.getBean("codemode", ToolCallback.class), """
							async () => Promise.all([codemode.currentObservation({}),
							  codemode.currentObservation({})])""");
				}
				finally {
					caller.stop();
				}
				assertThat(result.path("result").toString()).as(result.toString())
					.isEqualTo("[\"spring.ai.tool\",\"spring.ai.tool\"]");
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo("spring.ai.tool", 2)
					.forAllObservationsWithNameEqualTo("codemode.execution",
							(execution) -> execution.hasParentObservationEqualTo(caller))
					.forAllObservationsWithNameEqualTo("spring.ai.tool", (toolCall) -> toolCall
						.hasParentObservationContextMatching(
								(parent) -> "codemode.execution".equals(((Observation.ContextView) parent).getName())));
			});
	}

	@Test
	@SuppressWarnings("unchecked") // ObservationContextAssert is a raw type in the TCK
	void onAReactiveStreamTheExecutionIsAChildOfTheObservationInTheReactorContext() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(ObservedTools.class)
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				Observation caller = Observation.start("reactive-caller", registry);
				// What Spring AI does when it calls a tool from a Reactor stream: no
				// scope on this thread.
				ToolCallReactiveContextHolder.setContext(Context.of(ObservationThreadLocalAccessor.KEY, caller));
				try {
					call(context.getBean("codemode", ToolCallback.class), "await codemode.currentObservation({})");
				}
				finally {
					ToolCallReactiveContextHolder.clearContext();
					caller.stop();
				}
				TestObservationRegistryAssert.assertThat(registry)
					.forAllObservationsWithNameEqualTo("codemode.execution",
							(execution) -> execution.hasParentObservationEqualTo(caller))
					.forAllObservationsWithNameEqualTo("spring.ai.tool", (toolCall) -> toolCall
						.hasParentObservationContextMatching(
								(parent) -> "codemode.execution".equals(((Observation.ContextView) parent).getName())));
			});
	}

	@Test
	void withTracingAToolsLogLineCarriesTheCallersTraceId() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class))
			.withPropertyValues("management.tracing.sampling.probability=1.0")
			.withBean(CallerTools.class)
			.run((context) -> {
				ObservationRegistry registry = context.getBean(ObservationRegistry.class);
				Tracer tracer = context.getBean(Tracer.class);
				ListAppender<ILoggingEvent> appender = new ListAppender<>();
				Logger logger = (Logger) LoggerFactory.getLogger(CallerTools.class);
				appender.start();
				logger.addAppender(appender);
				try {
					Observation caller = Observation.start("caller", registry);
					Span callerSpan;
					String callerMdcTraceId;
					try (Observation.Scope scope = caller.openScope()) {
						callerSpan = tracer.currentSpan();
						callerMdcTraceId = MDC.get("traceId");
						call(context.getBean("codemode", ToolCallback.class),
								"async () => Promise.all([codemode.logSomething({}), codemode.logSomething({})])");
					}
					finally {
						caller.stop();
					}
					assertThat(callerSpan).isNotNull();
					assertThat(callerMdcTraceId).isEqualTo(callerSpan.context().traceId());
					assertThat(appender.list).hasSize(2).allSatisfy((event) -> {
						assertThat(event.getThreadName()).isNotEqualTo(Thread.currentThread().getName());
						assertThat(event.getMDCPropertyMap()).containsEntry("traceId", callerSpan.context().traceId());
						// The tool call's own span, a child in the caller's trace.
						assertThat(event.getMDCPropertyMap().get("spanId")).isNotNull()
							.isNotEqualTo(callerSpan.context().spanId());
					});

					// A caller without a trace: the execution starts a trace of its own,
					// never the previous one.
					appender.list.clear();
					call(context.getBean("codemode", ToolCallback.class),
							"async () => Promise.all([codemode.logSomething({}), codemode.logSomething({})])");
					assertThat(appender.list).hasSize(2)
						.extracting((event) -> event.getMDCPropertyMap().get("traceId"))
						.doesNotContain(callerSpan.context().traceId())
						.doesNotContainNull()
						.containsOnly(appender.list.get(0).getMDCPropertyMap().get("traceId"));
				}
				finally {
					logger.detachAppender(appender);
				}
			});
	}

	private static JsonNode call(ToolCallback codemode, String program) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", program))));
	}

	/** A tool that tells which observation is current where it runs. */
	static class ObservedTools {

		private final ObservationRegistry registry;

		ObservedTools(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Tool(description = "The name of the current observation")
		public String currentObservation() {
			Observation current = this.registry.getCurrentObservation();
			return (current != null) ? current.getContextView().getName() : "none";
		}

	}

}
