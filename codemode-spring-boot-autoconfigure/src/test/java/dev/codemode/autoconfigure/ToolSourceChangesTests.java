package dev.codemode.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.tool.CodeModeOutcome;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool source whose tools change (as MCP connections' do on
 * {@code McpToolsChangedEvent}) is what the next program calls on the real executor,
 * although the executor prepares each tool set once.
 */
class ToolSourceChangesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeModeAutoConfiguration.class))
		.withPropertyValues("codemode.warm-up=false");

	@Test
	void theNextProgramCallsTheToolsOfTheSourceAsTheyAreNow() {
		ChangingSource source = new ChangingSource();
		source.set(List.of(CodeModeTool.of(TestTools.callback("first", "1"))));
		this.contextRunner.withBean(ChangingSource.class, () -> source).run((context) -> {
			LazyCodeModeToolCallback codemode = context.getBean("codemode", LazyCodeModeToolCallback.class);
			assertThat(run(codemode, "async () => await codemode.first({})").resultJson()).isEqualTo("1");
			source.set(List.of(CodeModeTool.of(TestTools.callback("first", "1")),
					CodeModeTool.of(TestTools.callback("second", "2"))));
			assertThat(run(codemode, "async () => [await codemode.first({}), await codemode.second({})]").resultJson())
				.isEqualTo("[1,2]");
			source.set(List.of(CodeModeTool.of(TestTools.callback("second", "22"))));
			assertThat(run(codemode, "async () => await codemode.second({})").resultJson()).isEqualTo("22");
			CodeModeOutcome removed = codemode.execute("async () => await codemode.first({})", null);
			assertThat(removed.error()).isNotNull();
			assertThat(removed.error().message()).contains("first", "Available: second");
			source.set(List.of(CodeModeTool.of(TestTools.callback("first", "1"))));
			assertThat(run(codemode, "async () => await codemode.first({})").resultJson()).isEqualTo("1");
		});
	}

	private static CodeModeOutcome run(LazyCodeModeToolCallback codemode, String code) {
		CodeModeOutcome outcome = codemode.execute(code, null);
		assertThat(outcome.error()).as("error of %s", code).isNull();
		return outcome;
	}

	/** Tools that the test changes, telling the listeners as McpTools does. */
	static final class ChangingSource implements CodeModeToolSource {

		private volatile List<CodeModeTool> tools = List.of();

		private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

		void set(List<CodeModeTool> tools) {
			this.tools = tools;
			this.listeners.forEach(Runnable::run);
		}

		@Override
		public List<CodeModeTool> tools() {
			return this.tools;
		}

		@Override
		public void onChange(Runnable listener) {
			this.listeners.add(listener);
		}

	}

}
