package dev.codemode.boot;

import java.time.Duration;
import java.util.List;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.TestTools;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.tool.CodeModeConfigurationException;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CodeModeConfigurationFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	@Test
	void isRegisteredAsAFailureAnalyzer() {
		// Boot's own analyzers need constructor arguments that this test does not give.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (factoryType, implementationName, failure) -> {
			});
		assertThat(analyzers).hasAtLeastOneElementOfType(CodeModeConfigurationFailureAnalyzer.class);
	}

	@Test
	void anInvalidNamespaceFailsStartupWithADescriptionAndAnAction() {
		this.contextRunner.withPropertyValues("codemode.namespaces.someBean=my-tools").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.startsWith("Invalid code mode namespace 'my-tools' in codemode.namespaces.someBean");
			assertThat(analysis.getAction()).contains("another namespace");
			assertThat(analysis.getCause()).isInstanceOf(CodeModeConfigurationException.class);
		});
	}

	@Test
	void aReservedNamespaceFailsStartupWithADescriptionAndAnAction() {
		this.contextRunner.withPropertyValues("codemode.namespaces.someBean=catalog").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'catalog'", "codemode.namespaces.someBean");
			assertThat(analysis.getAction()).isNotBlank();
		});
	}

	@Test
	void aDescriptionTemplateWithoutTypesFailsStartupWithADescriptionAndAnAction() {
		this.contextRunner.withPropertyValues("codemode.description-template=Run JavaScript.").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("codemode.description-template must contain {{types}}");
			assertThat(analysis.getAction()).contains("Add {{types}}");
		});
	}

	@Test
	void twoToolsThatBecomeOneIdentifierAreDescribedWithWhatToDo() {
		CodeModeConfigurationException failure = catchThrowableOfType(CodeModeConfigurationException.class,
				() -> CodeModeToolCallback.builder()
					.executor((code, namespaces) -> new ExecutionResult("1", List.of(), null, Duration.ZERO, 0))
					.tool(CodeModeTool.of(TestTools.callback("get-time", "1")))
					.tool(CodeModeTool.of(TestTools.callback("get_time", "2")))
					.build());
		FailureAnalysis analysis = new CodeModeConfigurationFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription()).contains("'get-time' and 'get_time' both become codemode.get_time");
		assertThat(analysis.getAction()).startsWith("Rename one of them");
	}

	@Test
	void otherStartupFailuresAreLeftToOtherAnalyzers() {
		assertThat(new CodeModeConfigurationFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(CodeModeConfigurationException.class);
		FailureAnalysis analysis = new CodeModeConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
