package dev.codemode.autoconfigure.context;

import java.util.Locale;
import java.util.Map;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.boot.context.CallerContextAccessors;
import dev.codemode.tool.CallerContextPropagation;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.LocaleContextThreadLocalAccessor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestAttributesThreadLocalAccessor;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class CodeModeContextAutoConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CodeModeContextAutoConfiguration.class, CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false")
		.withBean(RequestTools.class);

	@AfterEach
	void clearCaller() {
		RequestContextHolder.resetRequestAttributes();
		LocaleContextHolder.resetLocaleContext();
		MDC.clear();
	}

	@Test
	void toolsSeeTheCallersRequestAttributesLocaleAndMdc() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CallerContextPropagation.class);
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.setAttribute("tenant", "acme");
			RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
			LocaleContextHolder.setLocale(Locale.ITALY);
			MDC.put("requestId", "r-42");
			JsonNode result = call(context.getBean("codemode", ToolCallback.class));
			assertThat(result.path("result").toString()).as(result.toString())
				.isEqualTo("{\"tenant\":\"acme\",\"locale\":\"it-IT\",\"requestId\":\"r-42\"}");

			clearCaller();
			result = call(context.getBean("codemode", ToolCallback.class));
			assertThat(result.path("result").path("tenant").asString()).isEqualTo("no request");
			assertThat(result.path("result").path("requestId").asString()).isEqualTo("none");
		});
	}

	@Test
	void registersTheAccessorsThatDoNotRegisterThemselves() {
		ContextRegistry registry = new ContextRegistry();
		CallerContextAccessors.registerMissing(registry, getClass().getClassLoader());
		assertThat(registry.getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.containsExactlyInAnyOrder(LocaleContextThreadLocalAccessor.KEY, RequestAttributesThreadLocalAccessor.KEY,
					Slf4jThreadLocalAccessor.KEY);
		CallerContextAccessors.registerMissing(registry, getClass().getClassLoader());
		assertThat(registry.getThreadLocalAccessors()).hasSize(3);
	}

	@Test
	void registersTheRequestAttributesAccessorOnlyWithTheServletApi() {
		ContextRegistry registry = new ContextRegistry();
		CallerContextAccessors.registerMissing(registry, new FilteredClassLoader("jakarta.servlet"));
		assertThat(registry.getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.containsExactlyInAnyOrder(LocaleContextThreadLocalAccessor.KEY, Slf4jThreadLocalAccessor.KEY);
	}

	@Test
	void keepsAnAccessorThatTheApplicationRegisteredUnderTheSameKey() {
		ContextRegistry registry = new ContextRegistry();
		Slf4jThreadLocalAccessor traceIdOnly = new Slf4jThreadLocalAccessor("traceId");
		registry.registerThreadLocalAccessor(traceIdOnly);
		CallerContextAccessors.registerMissing(registry, getClass().getClassLoader());
		assertThat(registry.getThreadLocalAccessors())
			.filteredOn((accessor) -> accessor.key().equals(Slf4jThreadLocalAccessor.KEY))
			.containsExactly(traceIdOnly);
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnPropagation() {
		CallerContextPropagation own = CallerContextPropagation.builder()
			.contextRegistry(new ContextRegistry())
			.build();
		this.contextRunner.withBean(CallerContextPropagation.class, () -> own).run((context) -> {
			assertThat(context).getBean(CallerContextPropagation.class).isSameAs(own);
			// Its registry has no accessor: nothing of the caller reaches the tools.
			MDC.put("requestId", "r-42");
			assertThat(
					call(context.getBean("codemode", ToolCallback.class)).path("result").path("requestId").asString())
				.isEqualTo("none");
		});
	}

	@Test
	void worksWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveSecurityContextHolder.class))
			.run((context) -> {
				MDC.put("requestId", "r-42");
				assertThat(call(context.getBean("codemode", ToolCallback.class)).path("result")
					.path("requestId")
					.asString()).isEqualTo("r-42");
			});
	}

	@Test
	void definesNothingWhenCodeModeIsDisabled() {
		this.contextRunner.withPropertyValues("codemode.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CallerContextPropagation.class));
	}

	private static JsonNode call(ToolCallback codemode) {
		return JSON.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", """
				async () => {
				  const [tenant, locale, requestId] = await Promise.all([
				    codemode.tenant({}), codemode.locale({}), codemode.requestId({})]);
				  return { tenant, locale, requestId };
				}"""))));
	}

	static class RequestTools {

		@Tool(description = "The tenant of the current request")
		public String tenant() {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			return (attributes != null)
					? String.valueOf(attributes.getAttribute("tenant", RequestAttributes.SCOPE_REQUEST)) : "no request";
		}

		@Tool(description = "The locale of the current request")
		public String locale() {
			return LocaleContextHolder.getLocale().toLanguageTag();
		}

		@Tool(description = "The request id in the MDC")
		public String requestId() {
			String requestId = MDC.get("requestId");
			return (requestId != null) ? requestId : "none";
		}

	}

}
