package dev.codemode.demo.chat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.demo.approval.Approvals;
import dev.codemode.tool.CodeModeOutcome;

/**
 * A chat with the configured model, which has one tool: {@code codemode}. Without a chat
 * model (the default, see application.yml) there is no chat, and the page is a
 * playground.
 */
@Service
public class ChatService {

	private static final String SYSTEM_PROMPT = """
			You are the assistant of a small online shop. Today is %s.
			You look up customers, products and orders, check the weather and send emails with the codemode tool:
			write one program that does all the work a request needs (loops, joins by id, Promise.all for
			independent calls) and returns only what you need for your answer. If the program fails, read the
			error, fix the program and run it again. Sending an email needs the user's approval: when the result
			lists "refused" calls, tell the user what is waiting for approval; once they approve, run the program
			again. Answer briefly, in plain text.""";

	private final ChatModel chatModel;

	private final ChatClient chatClient;

	private final LazyCodeModeToolCallback codemode;

	private final ConversationApprovals approvals;

	public ChatService(ObjectProvider<ChatModel> chatModels, ObjectProvider<ChatClient.Builder> chatClientBuilders,
			LazyCodeModeToolCallback codemode, ConversationApprovals approvals) {
		this.codemode = codemode;
		this.approvals = approvals;
		this.chatModel = chatModels.getIfUnique();
		// The auto-configured builder needs a ChatModel: ask for it only when there is
		// one.
		this.chatClient = (this.chatModel != null) ? chatClientBuilders.getObject()
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
			.build() : null;
	}

	/**
	 * @return whether a chat model is configured
	 */
	public boolean isAvailable() {
		return this.chatClient != null;
	}

	/**
	 * @return the configured model's name, or {@code null} when there is no chat model or
	 * it names none
	 */
	public String modelName() {
		return (this.chatModel != null && this.chatModel.getOptions() != null) ? this.chatModel.getOptions().getModel()
				: null;
	}

	/**
	 * One turn of a conversation. The calls the user approved since the last turn (see
	 * {@link ConversationApprovals}) may run during this one.
	 * @param conversationId the conversation to continue, or {@code null} to start one
	 * @param message what the user says
	 * @return the model's answer and the programs it ran to get there
	 * @throws IllegalStateException when no chat model is configured
	 */
	public ChatTurn chat(String conversationId, String message) {
		if (this.chatClient == null) {
			throw new IllegalStateException("No chat model is configured");
		}
		String conversation = (conversationId != null) ? conversationId : UUID.randomUUID().toString();
		Approvals approved = this.approvals.take(conversation);
		// The model gets the codemode tool through this turn's tool, which keeps what
		// each
		// of its programs did.
		TurnTool tool = new TurnTool(this.codemode.getCallback());
		String reply = this.chatClient.prompt()
			.system(SYSTEM_PROMPT.formatted(LocalDate.now()))
			.user(message)
			.toolCallbacks(tool)
			.toolContext(approved.asToolContext())
			.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, conversation))
			.call()
			.content();
		return new ChatTurn(conversation, reply, tool.outcomes());
	}

	/**
	 * @param conversationId the conversation
	 * @param reply the model's answer
	 * @param executions the programs the model ran during the turn, in order
	 */
	public record ChatTurn(String conversationId, String reply, List<CodeModeOutcome> executions) {
	}

}
