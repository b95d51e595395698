package dev.codemode.demo.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.codemode.demo.approval.ApprovedCall;
import dev.codemode.demo.approval.Approvals;

/**
 * The calls a user approved in a conversation, until its next turn: the page stores them
 * when the user says yes to the calls a program of the model had refused, then asks the
 * model to run the program again, and that turn's tool context carries them. Kept in
 * memory, like the conversations.
 */
@Component
public class ConversationApprovals {

	private final Map<String, List<ApprovedCall>> pending = new ConcurrentHashMap<>();

	/**
	 * @param conversationId the conversation
	 * @param calls the calls the user approved, for its next turn
	 */
	public void add(String conversationId, List<ApprovedCall> calls) {
		this.pending.merge(conversationId, List.copyOf(calls), (earlier, later) -> {
			List<ApprovedCall> all = new ArrayList<>(earlier);
			all.addAll(later);
			return List.copyOf(all);
		});
	}

	/**
	 * @param conversationId the conversation whose turn starts
	 * @return the approvals for that turn; whatever it does not use is gone after it
	 */
	Approvals take(String conversationId) {
		List<ApprovedCall> calls = this.pending.remove(conversationId);
		return Approvals.of((calls != null) ? calls : List.of());
	}

}
