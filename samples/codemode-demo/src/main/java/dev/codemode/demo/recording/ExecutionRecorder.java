package dev.codemode.demo.recording;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.stereotype.Component;

import dev.codemode.tool.CodeModeListener;

/**
 * Records what each program did, for the page: the starter passes every
 * {@link CodeModeListener} bean the {@code codemode} tool's executions, and this one
 * records those whose tool context carries a {@link Recording} (the API's requests put
 * one there). Executions without one, e.g. from another caller of the tool, are not kept.
 */
@Component
public class ExecutionRecorder implements CodeModeListener {

	@Override
	public Execution executionStarted(String code, ToolContext toolContext) {
		Recording recording = Recording.from(toolContext);
		return (recording != null) ? recording.start(code) : Execution.NOOP;
	}

}
