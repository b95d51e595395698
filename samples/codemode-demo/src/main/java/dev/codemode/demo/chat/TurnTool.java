package dev.codemode.demo.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

import dev.codemode.tool.CodeModeOutcome;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The {@code codemode} tool as the model gets it during one chat turn: each call runs
 * through {@link CodeModeToolCallback#executeToolInput}, answers the model the outcome's
 * JSON (exactly what {@code call} answers) and keeps the outcome for the page.
 */
final class TurnTool implements ToolCallback {

	private final CodeModeToolCallback codemode;

	private final List<CodeModeOutcome> outcomes = new CopyOnWriteArrayList<>();

	TurnTool(CodeModeToolCallback codemode) {
		this.codemode = codemode;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.codemode.getToolDefinition();
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.codemode.getToolMetadata();
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, ToolContext toolContext) {
		CodeModeOutcome outcome = this.codemode.executeToolInput(toolInput, toolContext);
		this.outcomes.add(outcome);
		return outcome.toJson();
	}

	/**
	 * @return what each program of the turn did, in the order the model ran them
	 */
	List<CodeModeOutcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

}
