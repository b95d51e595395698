package dev.codemode.demo.chat;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

import dev.codemode.demo.recording.Recording;

/**
 * The {@code codemode} tool as the chat's model gets it: the same tool, which also keeps
 * each answer with the turn's {@link Recording}, so that the page shows exactly the JSON
 * the model read after each program.
 */
final class RecordingToolCallback implements ToolCallback {

	private final ToolCallback delegate;

	RecordingToolCallback(ToolCallback delegate) {
		this.delegate = delegate;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.delegate.getToolDefinition();
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.delegate.getToolMetadata();
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, ToolContext toolContext) {
		String output = (toolContext != null) ? this.delegate.call(toolInput, toolContext)
				: this.delegate.call(toolInput);
		Recording recording = Recording.from(toolContext);
		if (recording != null) {
			recording.output(output);
		}
		return output;
	}

}
