package dev.codemode.autoconfigure.chat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * A model that answers a user's prompt with one call of the {@code codemode} tool running
 * a given program (or, when it was offered no tool, with a refusal), and a tool response
 * with "Answer: " and the response. Its options are {@link ToolCallingChatOptions}:
 * Spring AI gives a model tools only through those.
 */
final class ScriptedChatModel implements ChatModel {

	private final String program;

	final List<Prompt> prompts = new CopyOnWriteArrayList<>();

	ScriptedChatModel(String program) {
		this.program = program;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		this.prompts.add(prompt);
		List<Message> messages = prompt.getInstructions();
		if (messages.get(messages.size() - 1) instanceof ToolResponseMessage toolResponse) {
			String data = toolResponse.getResponses().get(0).responseData();
			return new ChatResponse(List.of(new Generation(new AssistantMessage("Answer: " + data))));
		}
		if (toolNames(prompt).isEmpty()) {
			return new ChatResponse(List.of(new Generation(new AssistantMessage("No tools, no answer"))));
		}
		String arguments = JsonMapper.builder().build().writeValueAsString(Map.of("code", this.program));
		AssistantMessage toolCall = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", "codemode", arguments)))
			.build();
		return new ChatResponse(List.of(new Generation(toolCall)));
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().build();
	}

	/**
	 * @return the names of the tools offered to the model with each prompt
	 */
	List<List<String>> toolNames() {
		return this.prompts.stream().map(ScriptedChatModel::toolNames).toList();
	}

	private static List<String> toolNames(Prompt prompt) {
		List<ToolCallback> tools = ((ToolCallingChatOptions) prompt.getOptions()).getToolCallbacks();
		return (tools != null) ? tools.stream().map((tool) -> tool.getToolDefinition().name()).toList() : List.of();
	}

}
