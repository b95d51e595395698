package dev.codemode.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;
import dev.codemode.typescript.ToolNames;
import dev.codemode.typescript.ToolSignature;
import dev.codemode.typescript.TypeScriptDeclarations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 §5: every {@code @Tool} class of this module's tests, found on the class path
 * rather than listed, runs in an application of its own; a program calls each tool the
 * starter discovers there with a sample input, and the value the program receives must be
 * valid against the JSON Schema of the tool's declared output type. A tool without a
 * sample input fails the test, so a fixture added later is checked too.
 */
class EveryToolReturnsItsDeclaredTypeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	/** Sample inputs, by fixture class (its name within the package) and tool name. */
	private static final Map<String, String> SAMPLES = Map.ofEntries(
			Map.entry("ToolBeanScannerTests$WeatherTools#getWeather", "{\"city\":\"Oslo\"}"),
			Map.entry("ToolBeanScannerTests$InheritingTools#getWeather", "{\"city\":\"Oslo\"}"),
			Map.entry("ToolBeanScannerTests$InheritingTools#getWind", "{\"city\":\"Oslo\"}"),
			Map.entry("ToolBeanScannerTests$DefaultGreetingTools#greet", "{\"name\":\"Ada\"}"),
			Map.entry("ToolBeanScannerTests$ExtendedGreetingTools#greet", "{\"name\":\"Ada\"}"),
			Map.entry("ToolBeanScannerTests$ExtendedGreetingTools#farewell", "{\"name\":\"Ada\"}"),
			Map.entry("ToolBeanScannerTests$GithubTools#listIssues", "{\"repository\":\"spring-ai\"}"),
			Map.entry("ToolBeanScannerTests$MailTools#sendMail", "{\"to\":\"ada@example.com\"}"),
			Map.entry("ToolBeanScannerTests$MailTools#listMail", "{}"),
			Map.entry("ToolBeanScannerTests$AdminTools#deleteUser", "{\"id\":\"u1\"}"),
			Map.entry("ToolBeanScannerTests$AdminTools#resetPassword", "{\"id\":\"u1\"}"),
			Map.entry("ToolBeanScannerTests$ContextTools#whoAmI", "{}"),
			Map.entry("ToolBeanScannerTests$SelfReferencingTools#echo", "{\"text\":\"123\"}"),
			Map.entry("ToolBeanScannerTests$LazyTools#lazyTool", "{}"),
			Map.entry("StringResultsTests$TextTools#text", "{\"which\":\"array\"}"),
			Map.entry("StringResultsTests$TextTools#raw", "{}"),
			Map.entry("ProcessIsolationAutoConfigurationTests$WeatherTools#getWeather", "{\"city\":\"Oslo\"}"),
			Map.entry("observation.CodeModeObservationAutoConfigurationTests$WeatherTools#getWeather",
					"{\"city\":\"Oslo\"}"),
			Map.entry("observation.CodeModeObservationAutoConfigurationTests$WeatherTools#failingTool", "{}"),
			Map.entry("chat.CodeModeChatClientAutoConfigurationTests$CityTools#getWeather", "{\"city\":\"Oslo\"}"),
			Map.entry("chat.CodeModeChatClientAutoConfigurationTests$CityTools#getTime", "{\"city\":\"Oslo\"}"),
			Map.entry("chat.CodeModeChatClientAutoConfigurationTests$OtherTools#shout", "{\"text\":\"hi\"}"),
			Map.entry("actuate.CodeModeEndpointAutoConfigurationTests$WeatherTools#getWeather", "{\"city\":\"Oslo\"}"),
			Map.entry("actuate.CodeModeEndpointAutoConfigurationTests$GithubTools#listIssues",
					"{\"repository\":\"spring-ai\"}"),
			Map.entry("actuate.CodeModeHealthContributorAutoConfigurationTests$EchoTools#echo", "{\"text\":\"hi\"}"),
			Map.entry("ParallelToolCallsTests$BarrierTools#meet", "{\"i\":1}"),
			Map.entry("mcp.McpRealServersTests$GreetingTools#greet", "{\"name\":\"Ada\"}"),
			Map.entry("context.CallerTools#whoami", "{}"), Map.entry("context.CallerTools#adminOnly", "{}"),
			Map.entry("context.CallerTools#mdc", "{}"), Map.entry("context.CallerTools#locale", "{}"),
			Map.entry("context.CallerTools#decoratedFor", "{}"), Map.entry("context.CallerTools#onVirtualThread", "{}"),
			Map.entry("context.CallerTools#logSomething", "{}"),
			Map.entry("context.CodeModeContextAutoConfigurationTests$RequestTools#tenant", "{}"),
			Map.entry("context.CodeModeContextAutoConfigurationTests$RequestTools#locale", "{}"),
			Map.entry("context.CodeModeContextAutoConfigurationTests$RequestTools#requestId", "{}"),
			Map.entry("context.ObservationCallerContextTests$ObservedTools#currentObservation", "{}"),
			Map.entry("context.WebFluxCallerContextTests$ReactiveTools#reactiveWhoami", "{}"));

	/**
	 * Tools that fail by design, with what their error says; they give the program no
	 * value to check.
	 */
	private static final Map<String, String> FAILING = failing();

	private static Map<String, String> failing() {
		Map<String, String> failing = new java.util.HashMap<>();
		failing.put("observation.CodeModeObservationAutoConfigurationTests$WeatherTools#failingTool", "broken");
		// Returns only when ten calls run at once; called alone, its barrier times out
		// after 5 s.
		failing.put("ParallelToolCallsTests$BarrierTools#meet", "");
		if (Runtime.version().feature() < 21) {
			// It asks the JDK whether its thread is virtual, which JDK 17 cannot answer.
			failing.put("context.CallerTools#onVirtualThread", "isVirtual");
		}
		return Map.copyOf(failing);
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false")
		// For fixtures that look at the current observation.
		.withBean(io.micrometer.observation.ObservationRegistry.class,
				io.micrometer.observation.ObservationRegistry::create)
		.withBean(ToolApprovalHandler.class, () -> (request) -> ApprovalDecision.approve());

	/**
	 * @return every concrete class of this module's tests that has a {@code @Tool}
	 * method, own or inherited
	 */
	static Stream<Class<?>> fixtureClasses() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && definition.getMetadata().isConcrete();
			}
		};
		scanner.addIncludeFilter((reader, factory) -> hasToolMethods(load(reader.getClassMetadata().getClassName())));
		Set<String> names = new TreeSet<>();
		for (BeanDefinition candidate : scanner
			.findCandidateComponents(EveryToolReturnsItsDeclaredTypeTests.class.getPackageName())) {
			names.add(candidate.getBeanClassName());
		}
		return names.stream().map(EveryToolReturnsItsDeclaredTypeTests::load);
	}

	private static boolean hasToolMethods(Class<?> type) {
		List<Method> methods = new ArrayList<>();
		ReflectionUtils.doWithMethods(type, methods::add);
		return methods.stream()
			.anyMatch((method) -> MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(Tool.class));
	}

	private static Class<?> load(String className) {
		return ClassUtils.resolveClassName(className, EveryToolReturnsItsDeclaredTypeTests.class.getClassLoader());
	}

	private static String key(Class<?> fixture, String tool) {
		String prefix = EveryToolReturnsItsDeclaredTypeTests.class.getPackageName() + ".";
		return fixture.getName().substring(prefix.length()) + "#" + tool;
	}

	@Test
	void theScanFindsTheFixturesOfEveryTestPackage() {
		assertThat(fixtureClasses().map((type) -> type.getName())).contains(
				ToolBeanScannerTests.WeatherTools.class.getName(), StringResultsTests.TextTools.class.getName(),
				"dev.codemode.autoconfigure.chat.CodeModeChatClientAutoConfigurationTests$CityTools",
				"dev.codemode.autoconfigure.actuate.CodeModeEndpointAutoConfigurationTests$GithubTools");
	}

	@Test
	void everySampleIsOfAToolThatExists() {
		Set<String> discovered = new TreeSet<>();
		fixtureClasses().forEach((fixture) -> this.contextRunner.withBean(fixture)
			.run((context) -> context.getBean("codemode", LazyCodeModeToolCallback.class)
				.getCallback()
				.tools()
				.forEach((tool) -> discovered.add(key(fixture, tool.name())))));
		assertThat(discovered).containsExactlyInAnyOrderElementsOf(SAMPLES.keySet());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtureClasses")
	void everyToolGivesTheProgramAValueOfItsDeclaredType(Class<?> fixture) {
		this.contextRunner.withBean(fixture).run((context) -> {
			assertThat(context).hasNotFailed();
			CodeModeToolCallback codemode = context.getBean("codemode", LazyCodeModeToolCallback.class).getCallback();
			List<CodeModeTool> tools = codemode.tools();
			assertThat(tools).as("tools of %s", fixture).isNotEmpty();
			TypeScriptDeclarations declarations = declarationsOf(tools);
			assertThat(declarations.text()).as("the declarations of the codemode tool")
				.isEqualTo(codemode.declarations());
			Map<String, String> calls = new LinkedHashMap<>();
			for (CodeModeTool tool : tools) {
				String sample = SAMPLES.get(key(fixture, tool.name()));
				assertThat(sample).as("a sample input for %s (add it to SAMPLES)", key(fixture, tool.name()))
					.isNotNull();
				calls.put(tool.namespace() + "." + ToolNames.sanitize(tool.name()), sample);
			}
			JsonNode received = run(codemode, calls);
			for (CodeModeTool tool : tools) {
				String identifier = ToolNames.sanitize(tool.name());
				String qualified = tool.namespace() + "." + identifier;
				JsonNode outcome = received.get(qualified);
				String failure = FAILING.get(key(fixture, tool.name()));
				if (failure != null) {
					assertThat(outcome.path("error").asString()).as(qualified).isNotBlank().contains(failure);
					continue;
				}
				assertThat(outcome.has("error")).as("%s failed: %s", qualified, outcome).isFalse();
				String schema = declarations.outputSchema(tool.namespace(), identifier);
				List<String> problems = SCHEMAS.getSchema(schema, InputFormat.JSON)
					.validate(JSON.writeValueAsString(outcome.get("value")), InputFormat.JSON)
					.stream()
					.map(Error::getMessage)
					.toList();
				assertThat(problems)
					.as("%s received %s; its declared output type is %s", qualified, outcome.get("value"),
							declarations.signature(tool.namespace(), identifier))
					.isEmpty();
			}
		});
	}

	/**
	 * The declarations, built again from the discovered tools as the codemode tool builds
	 * them.
	 */
	private static TypeScriptDeclarations declarationsOf(List<CodeModeTool> tools) {
		List<ToolSignature> signatures = new ArrayList<>();
		for (CodeModeTool tool : tools) {
			ToolDefinition definition = tool.callback().getToolDefinition();
			if (!tool.callback().getToolMetadata().returnDirect()) {
				signatures.add(new ToolSignature(tool.namespace(), definition.name(), definition.description(),
						definition.inputSchema(), tool.resultType(), null));
			}
		}
		return TypeScriptDeclarations.generate(signatures);
	}

	/**
	 * Calls every tool at once (some fixtures finish only together) and returns what the
	 * program received.
	 */
	private static JsonNode run(CodeModeToolCallback codemode, Map<String, String> calls) {
		StringBuilder program = new StringBuilder("async () => {\n  const calls = {\n");
		calls.forEach((qualified, input) -> program.append("    ")
			.append(JSON.writeValueAsString(qualified))
			.append(": () => ")
			.append(qualified)
			.append('(')
			.append(input)
			.append("),\n"));
		program.append("""
				  };
				  const names = Object.keys(calls);
				  const settled = await Promise.allSettled(names.map((name) => calls[name]()));
				  const received = {};
				  names.forEach((name, i) => {
				    received[name] = settled[i].status === "fulfilled" ? { value: settled[i].value }
				        : { error: String(settled[i].reason && settled[i].reason.message) };
				  });
				  return received;
				}""");
		ToolContext toolContext = new ToolContext(Map.of("user", "ann", "tenant", "acme"));
		JsonNode output = JSON
			.readTree(codemode.call(JSON.writeValueAsString(Map.of("code", program.toString())), toolContext));
		assertThat(output.has("error")).as("%s\n%s", output, program).isFalse();
		return output.get("result");
	}

}
