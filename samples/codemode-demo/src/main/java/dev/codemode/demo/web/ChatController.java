package dev.codemode.demo.web;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.codemode.demo.approval.ApprovedCall;
import dev.codemode.demo.chat.ChatService;
import dev.codemode.demo.chat.ConversationApprovals;
import dev.codemode.demo.chat.ChatService.ChatTurn;

/** The chat's API: one turn per request; the conversation is kept in memory by its id. */
@RestController
@RequestMapping("/api/chat")
class ChatController {

	private final ChatService chat;

	private final ConversationApprovals approvals;

	ChatController(ChatService chat, ConversationApprovals approvals) {
		this.chat = chat;
		this.approvals = approvals;
	}

	/** Whether the page can chat, and with which model. */
	@GetMapping
	ChatStatus status() {
		return new ChatStatus(this.chat.isAvailable(), this.chat.modelName());
	}

	@PostMapping
	ChatTurnView chat(@RequestBody JsonNode request) {
		String message = ApiRequests.requiredText(request, "message");
		String conversationId = ApiRequests.optionalText(request, "conversationId");
		if (!this.chat.isAvailable()) {
			throw ApiRequests.badRequest("No chat model is configured. Start the demo with "
					+ "-Dspring-boot.run.profiles=openai (and OPENAI_API_KEY set) or =ollama, or set "
					+ "spring.ai.model.chat=openai and spring.ai.openai.*; the playground works without one.");
		}
		ChatTurn turn;
		try {
			turn = this.chat.chat(conversationId, message);
		}
		catch (RuntimeException ex) {
			// The model's server failed or refused (a wrong key, an unknown model, no
			// connection): not our 500.
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The chat model failed: " + ex.getMessage(), ex);
		}
		List<ExecutionView> executions = turn.executions().stream().map(ExecutionView::of).toList();
		return new ChatTurnView(turn.conversationId(), turn.reply(), this.chat.modelName(), executions);
	}

	/**
	 * {@code {"conversationId": "...", "approvals": [{"tool": "codemode.sendEmail",
	 * "input": {...}}]}}: the user approved these calls, which a program of the model had
	 * refused; they may run during the conversation's next turn (the page then asks the
	 * model to run the program again).
	 */
	@PostMapping("/approvals")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void approve(@RequestBody JsonNode request) {
		String conversationId = ApiRequests.requiredText(request, "conversationId");
		List<ApprovedCall> calls = ApiRequests.approvals(request);
		if (calls.isEmpty()) {
			throw ApiRequests.badRequest("\"approvals\" must list at least one call");
		}
		this.approvals.add(conversationId, calls);
	}

	/**
	 * @param available whether a chat model is configured
	 * @param model its model name, when known
	 */
	record ChatStatus(boolean available, String model) {
	}

	/**
	 * @param conversationId the conversation, to send with the next message
	 * @param reply the model's answer
	 * @param model the model that answered
	 * @param executions the programs it ran for this answer, with what each did
	 */
	record ChatTurnView(String conversationId, String reply, String model, List<ExecutionView> executions) {
	}

}
