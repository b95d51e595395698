package dev.codemode.autoconfigure.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.CodeModeExecutorCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools run as their caller, through the real {@code codemode} tool of a real application
 * context with Spring Security's method security: an administrator may call an
 * {@code @PreAuthorize("hasRole('ADMIN')")} tool, a plain user and an anonymous caller
 * are denied, and nobody ever runs with someone else's rights, MDC or locale.
 */
class MethodSecurityCallerContextTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Authentication ADMIN = login("admin-1", "ROLE_ADMIN");

	private static final Authentication USER = login("user-2", "ROLE_USER");

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("key", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private static final String ADMIN_ONLY = "await codemode.adminOnly({})";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeContextAutoConfiguration.class,
				CodeModeAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false")
		.withUserConfiguration(SecuredToolsConfiguration.class);

	@Test
	void anAdminMayCallTheAdminToolAndAPlainUserOrAnAnonymousCallerIsDenied() {
		this.contextRunner.run(this::assertEachCallerGetsItsOwnRights);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void anAdminMayCallTheAdminToolAndAPlainUserOrAnAnonymousCallerIsDeniedOnVirtualThreads() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertEachCallerGetsItsOwnRights(context);
			JsonNode virtual = call(context, ADMIN, null, null, "await codemode.onVirtualThread({})");
			assertThat(virtual.path("result").asBoolean()).as(virtual.toString()).isTrue();
		});
	}

	@Test
	void withInheritableThreadLocalsTheAdminsRightsNeverReachAnotherCaller() {
		assertTheAdminsRightsNeverReachAnotherCaller(this.contextRunner);
	}

	@Test
	void withInheritableThreadLocalsTheAdminsRightsNeverReachAnotherCallerOnTheApplicationsTaskExecutor() {
		// Tools on the application's own task executor, whose threads the admin's work
		// created and which keep the
		// admin's login in this mode: restoring the caller's context must clear it for
		// everyone else.
		assertTheAdminsRightsNeverReachAnotherCaller(
				this.contextRunner.withUserConfiguration(ToolsOnTheApplicationsTaskExecutor.class));
	}

	private void assertTheAdminsRightsNeverReachAnotherCaller(ApplicationContextRunner runner) {
		SecurityContextHolderStrategy original = SecurityContextHolder.getContextHolderStrategy();
		SecurityContextHolder.setStrategyName(SecurityContextHolder.MODE_INHERITABLETHREADLOCAL);
		try {
			// The application starts, and its threads are created, on a thread that holds
			// the admin's login.
			SecurityContextHolder.getContext().setAuthentication(ADMIN);
			runner.withPropertyValues("codemode.max-concurrent-executions=2").run((context) -> {
				// The admin's work fills the task executor with threads that copied the
				// admin's login.
				occupyEveryThread(context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class), 8);
				String program = """
						async () => Promise.all(Array.from({ length: 8 }, () => Promise.all([
						  codemode.whoami({}),
						  codemode.adminOnly({}).catch((e) => "denied: " + e.message),
						])))""";
				for (int i = 0; i < 4; i++) {
					assertThat(values(call(context, ADMIN, null, null, program).path("result"))).containsOnly("admin-1",
							"admin-ok");
				}
				for (int i = 0; i < 40; i++) {
					List<String> asUser = values(call(context, USER, null, null, program).path("result"));
					assertThat(asUser).hasSize(16).doesNotContain("admin-1", "admin-ok").contains("user-2");
					List<String> asNobody = values(call(context, null, null, null, program).path("result"));
					assertThat(asNobody).hasSize(16).doesNotContain("admin-1", "admin-ok").contains("none");
				}
			});
		}
		finally {
			SecurityContextHolder.clearContext();
			SecurityContextHolder.setContextHolderStrategy(original);
		}
	}

	@Test
	void theApplicationsTaskDecoratorsWrapEachToolCallAndSeeTheCallersContext() {
		TaskDecorator nameInMdc = (task) -> {
			String name = CallerTools.currentUser();
			return () -> {
				MDC.put("decoratedFor", name);
				try {
					task.run();
				}
				finally {
					MDC.remove("decoratedFor");
				}
			};
		};
		this.contextRunner.withBean("nameInMdc", TaskDecorator.class, () -> nameInMdc)
			.withBean("contextPropagating", TaskDecorator.class, ContextPropagatingTaskDecorator::new)
			.run((context) -> {
				JsonNode result = call(context, ADMIN, "t-123", Locale.GERMANY, """
						async () => [await codemode.decoratedFor({}), await codemode.whoami({}),
						  await codemode.adminOnly({})]""");
				assertThat(values(result.path("result"))).containsExactly("admin-1", "admin-1", "admin-ok");
				result = call(context, USER, null, null, "await codemode.decoratedFor({})");
				assertThat(result.path("result").asString()).isEqualTo("user-2");
			});
	}

	@Test
	void eightConcurrentCallersEachSeeOnlyThemselvesIn1000Calls() {
		List<Locale> locales = List.of(Locale.GERMANY, Locale.FRANCE, Locale.ITALY, Locale.JAPAN, Locale.KOREA,
				Locale.CHINA, Locale.CANADA_FRENCH, Locale.UK);
		this.contextRunner.run((context) -> {
			ExecutorService callers = Executors.newFixedThreadPool(8);
			try {
				List<Future<List<String>>> crossTalk = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					boolean admin = i % 2 == 0;
					Authentication caller = login("caller-" + i, admin ? "ROLE_ADMIN" : "ROLE_USER");
					String trace = "trace-" + i;
					Locale locale = locales.get(i);
					crossTalk.add(callers.submit(() -> {
						List<String> wrong = new ArrayList<>();
						for (int n = 0; n < 125; n++) {
							JsonNode result = call(context, caller, trace, locale, CallerTools.ALL_AT_ONCE)
								.path("result");
							boolean ok = result.path("user").asString().equals(caller.getName())
									&& result.path("trace").asString().equals(trace)
									&& result.path("locale").asString().equals(locale.toLanguageTag())
									&& (admin ? result.path("admin").asString().equals("admin-ok")
											: result.path("admin").asString().contains("Access Denied"));
							if (!ok) {
								wrong.add(caller.getName() + " saw " + result);
							}
						}
						return wrong;
					}));
				}
				List<String> wrong = new ArrayList<>();
				for (Future<List<String>> callerResult : crossTalk) {
					wrong.addAll(callerResult.get(5, TimeUnit.MINUTES));
				}
				assertThat(wrong).as("calls that saw another caller's context, of 1,000").isEmpty();
			}
			finally {
				callers.shutdownNow();
			}
		});
	}

	private void assertEachCallerGetsItsOwnRights(AssertableApplicationContext context) {
		JsonNode admin = call(context, ADMIN, "t-123", Locale.GERMANY, CallerTools.ALL_AT_ONCE);
		assertThat(admin.path("result")).as(admin.toString())
			.isEqualTo(JSON
				.valueToTree(Map.of("user", "admin-1", "admin", "admin-ok", "trace", "t-123", "locale", "de-DE")));
		assertThat(call(context, ADMIN, null, null, ADMIN_ONLY).path("result").asString()).isEqualTo("admin-ok");

		JsonNode user = call(context, USER, "t-456", Locale.FRANCE, CallerTools.ALL_AT_ONCE).path("result");
		assertThat(user.path("user").asString()).isEqualTo("user-2");
		assertThat(user.path("admin").asString()).contains("Access Denied").doesNotContain("not found");
		assertThat(user.path("trace").asString()).isEqualTo("t-456");
		assertThat(user.path("locale").asString()).isEqualTo("fr-FR");
		JsonNode userAlone = call(context, USER, null, null, ADMIN_ONLY);
		assertThat(userAlone.path("error").asString()).as(userAlone.toString()).contains("Access Denied");
		assertThat(userAlone.path("result").isMissingNode()).isTrue();

		// Nothing of the callers before: no MDC, the JVM's locale.
		JsonNode anonymous = call(context, ANONYMOUS, null, null, CallerTools.ALL_AT_ONCE).path("result");
		assertThat(anonymous.path("user").asString()).isEqualTo("anonymousUser");
		assertThat(anonymous.path("admin").asString()).contains("Access Denied");
		assertThat(anonymous.path("trace").asString()).isEqualTo("none");
		assertThat(anonymous.path("locale").asString()).isEqualTo(Locale.getDefault().toLanguageTag());
		assertThat(call(context, ANONYMOUS, null, null, ADMIN_ONLY).path("error").asString()).contains("Access Denied");

		JsonNode nobody = call(context, null, null, null, CallerTools.ALL_AT_ONCE).path("result");
		assertThat(nobody.path("user").asString()).isEqualTo("none");
		assertThat(nobody.path("admin").asString()).startsWith("denied: ");
		assertThat(call(context, null, null, null, ADMIN_ONLY).path("error").asString()).isNotEmpty();
	}

	/**
	 * Calls {@code codemode} on this thread as the given caller, and leaves the thread
	 * clean.
	 */
	private static JsonNode call(AssertableApplicationContext context, Authentication caller, String traceId,
			Locale locale, String program) {
		return as(caller, traceId, locale, () -> JSON.readTree(context.getBean("codemode", ToolCallback.class)
			.call(JSON.writeValueAsString(Map.of("code", program)))));
	}

	private static <T> T as(Authentication caller, String traceId, Locale locale, Supplier<T> work) {
		if (caller != null) {
			SecurityContextHolder.setContext(new SecurityContextImpl(caller));
		}
		else {
			SecurityContextHolder.clearContext();
		}
		if (traceId != null) {
			MDC.put("traceId", traceId);
		}
		LocaleContextHolder.setLocale(locale);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.clearContext();
			MDC.clear();
			LocaleContextHolder.resetLocaleContext();
		}
	}

	private static void occupyEveryThread(AsyncTaskExecutor executor, int threads) throws InterruptedException {
		CountDownLatch allRunning = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			executor.execute(() -> {
				allRunning.countDown();
				try {
					allRunning.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		assertThat(allRunning.await(30, TimeUnit.SECONDS)).isTrue();
	}

	private static List<String> values(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> {
			if (value.isArray()) {
				values.addAll(values(value));
			}
			else {
				values.add(value.asString());
			}
		});
		return values;
	}

	private static Authentication login(String name, String role) {
		return UsernamePasswordAuthenticationToken.authenticated(name, "n/a", AuthorityUtils.createAuthorityList(role));
	}

	@Configuration(proxyBeanMethods = false)
	static class ToolsOnTheApplicationsTaskExecutor {

		@Bean
		CodeModeExecutorCustomizer toolsOnTheApplicationsTaskExecutor(
				@Qualifier("applicationTaskExecutor") AsyncTaskExecutor applicationTaskExecutor) {
			return (options) -> options.toolExecutor(applicationTaskExecutor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class SecuredToolsConfiguration {

		@Bean
		CallerTools callerTools() {
			return new CallerTools();
		}

	}

}
