package dev.codemode.demo;

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
 * A model for tests: it answers a user's message with one call of the {@code codemode}
 * tool running the next of its programs, and the tool's response with {@code "Done: "}
 * and the response. Its options are {@link ToolCallingChatOptions}, because Spring AI
 * offers tools only through those.
 */
final class ScriptedChatModel implements ChatModel {

	private final List<String> programs;

	final List<Prompt> prompts = new CopyOnWriteArrayList<>();

	ScriptedChatModel(String... programs) {
		this.programs = List.of(programs);
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		this.prompts.add(prompt);
		List<Message> messages = prompt.getInstructions();
		Message last = messages.get(messages.size() - 1);
		if (last instanceof ToolResponseMessage toolResponse) {
			long answered = messages.stream().filter(ToolResponseMessage.class::isInstance).count();
			if (answered < this.programs.size()) {
				return toolCall("call-" + (answered + 1), this.programs.get((int) answered));
			}
			return answer("Done: " + toolResponse.getResponses().get(0).responseData());
		}
		if (!toolNames(prompt).contains("codemode")) {
			return answer("I was not given the codemode tool");
		}
		return toolCall("call-1", this.programs.get(0));
	}

	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().model("scripted").build();
	}

	static List<String> toolNames(Prompt prompt) {
		List<ToolCallback> tools = ((ToolCallingChatOptions) prompt.getOptions()).getToolCallbacks();
		return (tools != null) ? tools.stream().map((tool) -> tool.getToolDefinition().name()).toList() : List.of();
	}

	private static ChatResponse toolCall(String id, String program) {
		String arguments = JsonMapper.builder().build().writeValueAsString(Map.of("code", program));
		return new ChatResponse(List.of(new Generation(AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall(id, "function", "codemode", arguments)))
			.build())));
	}

	private static ChatResponse answer(String text) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
	}

}
