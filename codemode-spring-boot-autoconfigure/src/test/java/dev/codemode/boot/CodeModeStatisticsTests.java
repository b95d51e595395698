package dev.codemode.boot;

import java.time.Duration;
import java.util.List;

import dev.codemode.autoconfigure.TestTools;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeTool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodeModeStatisticsTests {

	private final CodeModeStatistics statistics = new CodeModeStatistics();

	@Test
	void countsExecutionsByOutcome() {
		finish(null);
		finish(new ExecutionError(ExecutionError.TIMEOUT, "too slow"));
		finish(new ExecutionError(ExecutionError.LIMIT, "too many tool calls"));
		finish(new ExecutionError(ExecutionError.LIMIT, "too much memory"));
		finish(new ExecutionError("SyntaxError", "unexpected token"));
		assertThat(this.statistics.getExecutions()).isEqualTo(5);
		assertThat(this.statistics.getFailedExecutions()).isEqualTo(4);
		assertThat(this.statistics.getTimeouts()).isEqualTo(1);
		assertThat(this.statistics.getLimitHits()).isEqualTo(2);
	}

	@Test
	void countsToolCallsAndTheirFailures() {
		CodeModeListener.Execution execution = this.statistics.executionStarted("code", null);
		CodeModeTool tool = CodeModeTool.of(TestTools.callback("t", "1"));
		execution.toolCallStarted(tool, "{}").toolCallFinished("1", null);
		execution.toolCallStarted(tool, "{}").toolCallFinished(null, new IllegalStateException("broken"));
		execution.executionFinished(new ExecutionResult("1", List.of(), null, Duration.ZERO, 2));
		assertThat(this.statistics.getToolCalls()).isEqualTo(2);
		assertThat(this.statistics.getFailedToolCalls()).isEqualTo(1);
	}

	@Test
	void countsExecutionsWhoseOutputWasCut() {
		this.statistics.executionStarted("code", null)
			.executionFinished(new ExecutionResult("\"cut\"", List.of(), null, Duration.ZERO, 0, true));
		finish(null);
		assertThat(this.statistics.getTruncations()).isEqualTo(1);
	}

	private void finish(ExecutionError error) {
		this.statistics.executionStarted("code", null)
			.executionFinished(new ExecutionResult(null, List.of(), error, Duration.ZERO, 0));
	}

}
