package dev.codemode.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.codemode.annotation.CodeModeNamespace;
import dev.codemode.annotation.RequiresApproval;
import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.executor.ToolCallException;
import dev.codemode.tool.CodeModeTool;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class ToolBeanScannerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	@Test
	void discoversToolMethodsOfBeansInTheCodemodeNamespace() {
		this.contextRunner.withBean(WeatherTools.class).run((context) -> {
			assertThat(tools(context)).extracting(CodeModeTool::namespace, ToolBeanScannerTests::name)
				.containsExactly(tuple("codemode", "getWeather"));
			assertThat(tool(context, "getWeather").callback().call("{\"city\":\"Oslo\"}"))
				.isEqualTo("\"Sunny in Oslo\"");
		});
	}

	@Test
	void toolDefinitionsComeFromTheAnnotation() {
		this.contextRunner.withBean(WeatherTools.class).run((context) -> {
			CodeModeTool tool = tool(context, "getWeather");
			assertThat(tool.callback().getToolDefinition().description()).isEqualTo("The weather in a city");
			assertThat(tool.callback().getToolDefinition().inputSchema()).contains("\"city\"");
			assertThat(tool.resultType()).isEqualTo(String.class);
		});
	}

	@Test
	void discoveryCreatesNoBeanAndALazyToolBeanIsCreatedByItsFirstCall() {
		this.contextRunner.withUserConfiguration(LazyToolsConfiguration.class).run((context) -> {
			assertThat(tools(context)).extracting(ToolBeanScannerTests::name).containsExactly("lazyTool");
			assertThat(LazyTools.instances).hasValue(0);
			assertThat(tool(context, "lazyTool").callback().call("{}")).isEqualTo("\"lazy\"");
			assertThat(LazyTools.instances).hasValue(1);
			tool(context, "lazyTool").callback().call("{}");
			assertThat(LazyTools.instances).hasValue(1);
		});
	}

	@Test
	void toolMethodsOfACglibProxyAreCalledThroughTheProxy() {
		this.contextRunner.withUserConfiguration(ProxiedToolsConfiguration.class)
			.withBean("weatherTools", WeatherTools.class)
			.withPropertyValues("test.proxy-target-class=true")
			.run((context) -> {
				assertThat(AopUtils.isCglibProxy(context.getBean("weatherTools"))).isTrue();
				assertThat(tool(context, "getWeather").callback().call("{\"city\":\"Bergen\"}"))
					.isEqualTo("\"Sunny in Bergen\"");
				assertThat(context.getBean(ProxiedToolsConfiguration.class).advised).containsExactly("getWeather");
			});
	}

	@Test
	void toolMethodsDeclaredOnTheInterfaceOfAJdkProxyAreCalledThroughTheProxy() {
		this.contextRunner.withUserConfiguration(ProxiedToolsConfiguration.class)
			.withBean("greetingTools", GreetingTools.class, DefaultGreetingTools::new)
			.run((context) -> {
				assertThat(AopUtils.isJdkDynamicProxy(context.getBean("greetingTools"))).isTrue();
				assertThat(tools(context)).extracting(ToolBeanScannerTests::name).containsExactly("greet");
				assertThat(tool(context, "greet").callback().getToolDefinition().description())
					.isEqualTo("Greets someone");
				assertThat(tool(context, "greet").callback().call("{\"name\":\"Ada\"}")).isEqualTo("\"Hello, Ada\"");
				assertThat(context.getBean(ProxiedToolsConfiguration.class).advised).containsExactly("greet");
			});
	}

	@Test
	void toolMethodsOfAJdkProxiedClassThatNoInterfaceDeclaresAreLeftOut() {
		this.contextRunner.withUserConfiguration(ProxiedToolsConfiguration.class)
			.withBean("greetingTools", GreetingTools.class, ExtendedGreetingTools::new)
			.run((context) -> assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactly("greet"));
	}

	@Test
	void aLazyJdkProxiedToolThatNoInterfaceDeclaresFailsWithAMessageForTheModel() {
		this.contextRunner.withUserConfiguration(ProxiedToolsConfiguration.class)
			.withBean("greetingTools", ExtendedGreetingTools.class, ExtendedGreetingTools::new,
					(definition) -> definition.setLazyInit(true))
			.run((context) -> {
				CodeModeTool farewell = tool(context, "farewell");
				assertThatExceptionOfType(ToolCallException.class)
					.isThrownBy(() -> farewell.callback().call("{\"name\":\"Ada\"}"))
					.withMessage("Tool 'farewell' is not callable in this application (see the application's log)");
				assertThat(tool(context, "greet").callback().call("{\"name\":\"Ada\"}")).isEqualTo("\"Hello, Ada\"");
			});
	}

	@Test
	void toolMethodsDeclaredOnAnInterfaceOfAPlainBeanAreDiscovered() {
		this.contextRunner.withBean("greetingTools", GreetingTools.class, DefaultGreetingTools::new).run((context) -> {
			assertThat(tools(context)).extracting(ToolBeanScannerTests::name).containsExactly("greet");
			assertThat(tool(context, "greet").callback().getToolDefinition().description()).isEqualTo("Greets someone");
		});
	}

	@Test
	void toolMethodsInheritedFromASuperclassAreDiscovered() {
		this.contextRunner.withBean(InheritingTools.class).run((context) -> {
			assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactlyInAnyOrder("getWeather", "getWind");
			assertThat(tool(context, "getWeather").callback().call("{\"city\":\"Rome\"}"))
				.isEqualTo("\"Sunny in Rome\"");
		});
	}

	@Test
	void toolContextReachesTheToolMethod() {
		this.contextRunner.withBean(ContextTools.class).run((context) -> {
			String output = tool(context, "whoAmI").callback().call("{}", new ToolContext(Map.of("user", "ada")));
			assertThat(output).isEqualTo("\"ada\"");
		});
	}

	@Test
	void discoversToolCallbackAndToolCallbackProviderBeansButNotTheCodemodeTool() {
		this.contextRunner.withUserConfiguration(CallbackConfiguration.class).run((context) -> {
			assertThat(tools(context)).extracting(CodeModeTool::namespace, ToolBeanScannerTests::name)
				.containsExactly(tuple("codemode", "single"), tuple("codemode", "first"), tuple("codemode", "second"));
		});
	}

	@Test
	void aToolBeanAlsoOfferedThroughAMethodToolCallbackProviderIsOneTool() {
		this.contextRunner.withUserConfiguration(MethodToolCallbackProviderConfiguration.class)
			.run((context) -> assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactly("getWeather"));
	}

	@Test
	void aBeanThatInjectsTheCodemodeToolCanHaveTools() {
		this.contextRunner.withBean(SelfReferencingTools.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tools(context)).extracting(ToolBeanScannerTests::name).containsExactly("echo");
		});
	}

	@Test
	void namespaceAnnotationOnAToolClassGivesItsOwnNamespace() {
		this.contextRunner.withBean(GithubTools.class).withBean(WeatherTools.class).run((context) -> {
			assertThat(tools(context)).extracting(CodeModeTool::namespace, ToolBeanScannerTests::name)
				.containsExactlyInAnyOrder(tuple("github", "listIssues"), tuple("codemode", "getWeather"));
		});
	}

	@Test
	void namespaceAnnotationOnABeanMethodGivesItsOwnNamespace() {
		this.contextRunner.withUserConfiguration(AnnotatedBeanMethodConfiguration.class)
			.run((context) -> assertThat(tools(context)).extracting(CodeModeTool::namespace, ToolBeanScannerTests::name)
				.containsExactly(tuple("mcp", "first"), tuple("mcp", "second")));
	}

	@Test
	void namespacePropertyGivesAProviderItsOwnNamespace() {
		this.contextRunner.withUserConfiguration(CallbackConfiguration.class)
			.withPropertyValues("codemode.namespaces.provider=github")
			.run((context) -> assertThat(tools(context)).extracting(CodeModeTool::namespace, ToolBeanScannerTests::name)
				.containsExactly(tuple("codemode", "single"), tuple("github", "first"), tuple("github", "second")));
	}

	@Test
	void namespacePropertyTakesPrecedenceOverTheAnnotation() {
		this.contextRunner.withBean("githubTools", GithubTools.class)
			.withPropertyValues("codemode.namespaces.githubTools=gh")
			.run((context) -> assertThat(tools(context)).extracting(CodeModeTool::namespace).containsExactly("gh"));
	}

	@Test
	void anInvalidNamespacePropertyFailsAtStartup() {
		this.contextRunner.withPropertyValues("codemode.namespaces.someBean=my-tools")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Invalid code mode namespace 'my-tools' in codemode.namespaces.someBean"));
	}

	@Test
	void aNamespaceThatWouldHideASandboxGlobalIsRejected() {
		this.contextRunner.withPropertyValues("codemode.namespaces.someBean=console")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void includeKeepsOnlyTheMatchingTools() {
		this.contextRunner.withUserConfiguration(CallbackConfiguration.class)
			.withBean(WeatherTools.class)
			.withPropertyValues("codemode.tools.include=get*,sec*")
			.run((context) -> assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactly("getWeather", "second"));
	}

	@Test
	void excludeRemovesTheMatchingToolsAfterInclude() {
		this.contextRunner.withUserConfiguration(CallbackConfiguration.class)
			.withPropertyValues("codemode.tools.include=*", "codemode.tools.exclude=first,sin*")
			.run((context) -> assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactly("second"));
	}

	@Test
	void patternsWithADotMatchNamespaceAndToolName() {
		this.contextRunner.withBean(GithubTools.class)
			.withBean(WeatherTools.class)
			.withPropertyValues("codemode.tools.exclude=github.*")
			.run((context) -> assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactly("getWeather"));
	}

	@Test
	void requiresApprovalOnAToolMethodMarksThatTool() {
		this.contextRunner.withBean(MailTools.class).run((context) -> {
			assertThat(tool(context, "sendMail").requiresApproval()).isTrue();
			assertThat(tool(context, "listMail").requiresApproval()).isFalse();
		});
	}

	@Test
	void requiresApprovalOnAToolClassMarksAllItsTools() {
		this.contextRunner.withBean(AdminTools.class)
			.run((context) -> assertThat(tools(context)).extracting(CodeModeTool::requiresApproval)
				.containsExactly(true, true));
	}

	@Test
	void requiresApprovalOnABeanMethodMarksTheToolsOfThatBean() {
		this.contextRunner.withUserConfiguration(ApprovedProviderConfiguration.class)
			.run((context) -> assertThat(tools(context)).extracting(CodeModeTool::requiresApproval)
				.containsExactly(true, true));
	}

	@Test
	void approvalToolsPatternsMarkTheMatchingTools() {
		this.contextRunner.withUserConfiguration(CallbackConfiguration.class)
			.withPropertyValues("codemode.approval.tools=sec*,codemode.single")
			.run((context) -> assertThat(tools(context))
				.extracting(ToolBeanScannerTests::name, CodeModeTool::requiresApproval)
				.containsExactly(tuple("single", true), tuple("first", false), tuple("second", true)));
	}

	@Test
	void toolsWhoseNamesBecomeTheSameIdentifierAreOneTool() {
		this.contextRunner.withBean("dashed", ToolCallback.class, () -> TestTools.callback("get-time", "1"))
			.withBean("underscored", ToolCallback.class, () -> TestTools.callback("get_time", "2"))
			.run((context) -> assertThat(tools(context)).extracting(ToolBeanScannerTests::name)
				.containsExactly("get-time"));
	}

	@Test
	void theCatalogNamespaceIsReservedForToolDiscovery() {
		this.contextRunner.withPropertyValues("codemode.namespaces.someBean=catalog")
			.run((context) -> assertThat(context).hasFailed());
	}

	private static List<CodeModeTool> tools(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean("codemode", LazyCodeModeToolCallback.class).getCallback().tools();
	}

	private static CodeModeTool tool(AssertableApplicationContext context, String name) {
		return tools(context).stream().filter((tool) -> name(tool).equals(name)).findFirst().orElseThrow();
	}

	private static String name(CodeModeTool tool) {
		return tool.callback().getToolDefinition().name();
	}

	static class WeatherTools {

		@Tool(description = "The weather in a city")
		public String getWeather(String city) {
			return "Sunny in " + city;
		}

		public String notATool() {
			return "no";
		}

	}

	static class InheritingTools extends WeatherTools {

		@Tool(description = "The wind in a city")
		public String getWind(String city) {
			return "Calm in " + city;
		}

	}

	interface GreetingTools {

		@Tool(description = "Greets someone")
		String greet(String name);

	}

	static class DefaultGreetingTools implements GreetingTools {

		@Override
		public String greet(String name) {
			return "Hello, " + name;
		}

	}

	static class ExtendedGreetingTools extends DefaultGreetingTools {

		@Tool(description = "Not reachable through a JDK proxy of GreetingTools")
		public String farewell(String name) {
			return "Bye, " + name;
		}

	}

	@CodeModeNamespace("github")
	static class GithubTools {

		@Tool(description = "Lists the issues of a repository")
		public List<String> listIssues(String repository) {
			return List.of(repository + "#1");
		}

	}

	static class MailTools {

		@Tool(description = "Sends a mail")
		@RequiresApproval("sends mail on the user's behalf")
		public String sendMail(String to) {
			return "sent to " + to;
		}

		@Tool(description = "Lists the mail")
		public List<String> listMail() {
			return List.of();
		}

	}

	@RequiresApproval
	static class AdminTools {

		@Tool(description = "Deletes a user")
		public String deleteUser(String id) {
			return id;
		}

		@Tool(description = "Resets a password")
		public String resetPassword(String id) {
			return id;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApprovedProviderConfiguration {

		@Bean
		@RequiresApproval
		ToolCallbackProvider dangerousTools() {
			return ToolCallbackProvider.from(TestTools.callback("first", "1"), TestTools.callback("second", "2"));
		}

	}

	static class ContextTools {

		@Tool(description = "The current user")
		public String whoAmI(ToolContext toolContext) {
			return (String) toolContext.getContext().get("user");
		}

	}

	static class SelfReferencingTools {

		SelfReferencingTools(@Qualifier("codemode") ToolCallback codemode) {
			assertThat(codemode).isNotNull();
		}

		@Tool(description = "Echoes")
		public String echo(String text) {
			return text;
		}

	}

	static class LazyTools {

		static final AtomicInteger instances = new AtomicInteger();

		LazyTools() {
			instances.incrementAndGet();
		}

		@Tool(description = "A lazy tool")
		public String lazyTool() {
			return "lazy";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyToolsConfiguration {

		LazyToolsConfiguration() {
			LazyTools.instances.set(0);
		}

		@Bean
		@Lazy
		LazyTools lazyTools() {
			return new LazyTools();
		}

	}

	/**
	 * Proxies the tool beans with advice that records what it sees, as
	 * {@code @Transactional} would.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ProxiedToolsConfiguration {

		final List<String> advised = new CopyOnWriteArrayList<>();

		@Bean
		static BeanNameAutoProxyCreator toolProxyCreator(Environment environment) {
			BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
			creator.setBeanNames("weatherTools", "greetingTools");
			creator.setInterceptorNames("recordingInterceptor");
			creator.setProxyTargetClass(environment.getProperty("test.proxy-target-class", Boolean.class, false));
			return creator;
		}

		@Bean
		MethodInterceptor recordingInterceptor() {
			return (invocation) -> {
				this.advised.add(invocation.getMethod().getName());
				return invocation.proceed();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CallbackConfiguration {

		@Bean
		ToolCallback single() {
			return TestTools.callback("single", "1");
		}

		@Bean
		ToolCallbackProvider provider() {
			return ToolCallbackProvider.from(TestTools.callback("first", "1"), TestTools.callback("second", "2"));
		}

		@Bean
		ToolCallbackProvider providerOfTheCodemodeTool(@Qualifier("codemode") ToolCallback codemode) {
			return ToolCallbackProvider.from(codemode);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedBeanMethodConfiguration {

		@Bean
		@CodeModeNamespace("mcp")
		ToolCallbackProvider mcpTools() {
			return ToolCallbackProvider.from(TestTools.callback("first", "1"), TestTools.callback("second", "2"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WeatherTools.class)
	static class MethodToolCallbackProviderConfiguration {

		@Bean
		ToolCallbackProvider weatherToolsProvider(WeatherTools weatherTools) {
			return MethodToolCallbackProvider.builder().toolObjects(weatherTools).build();
		}

	}

}
