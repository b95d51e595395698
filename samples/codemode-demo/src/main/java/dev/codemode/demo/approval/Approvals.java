package dev.codemode.demo.approval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.model.ToolContext;

/**
 * The calls the user approved for one request of the API: a run of {@code /api/execute},
 * or a chat turn.
 * <p>
 * It travels in the Spring AI {@link ToolContext} of the call, which the {@code codemode}
 * tool hands to the {@link DemoApprovalHandler}, so that concurrent requests never use
 * each other's approvals. Each approval lets one call run: a program that sends the same
 * email twice needs two.
 */
public final class Approvals {

	/** The key of the approvals in a {@link ToolContext}. */
	public static final String TOOL_CONTEXT_KEY = Approvals.class.getName();

	private final List<ApprovedCall> unused;

	private final boolean everything;

	private Approvals(List<ApprovedCall> calls, boolean everything) {
		this.unused = new ArrayList<>(calls);
		this.everything = everything;
	}

	/**
	 * @param calls the approved calls
	 * @return approvals of exactly those calls
	 */
	public static Approvals of(List<ApprovedCall> calls) {
		return new Approvals(calls, false);
	}

	/**
	 * @return approvals of every call: for the command line, where whoever starts the
	 * program has said yes
	 */
	public static Approvals everything() {
		return new Approvals(List.of(), true);
	}

	/**
	 * @return the entries of a tool context that carries these approvals
	 */
	public Map<String, Object> asToolContext() {
		return Map.of(TOOL_CONTEXT_KEY, this);
	}

	/**
	 * @param toolContext a tool context, or {@code null}
	 * @return the approvals it carries, or {@code null}
	 */
	public static Approvals from(ToolContext toolContext) {
		if (toolContext == null) {
			return null;
		}
		return (toolContext.getContext().get(TOOL_CONTEXT_KEY) instanceof Approvals approvals) ? approvals : null;
	}

	/**
	 * Uses up the approval of a call, if there is one left. Synchronized: the calls of
	 * one program may ask at the same time ({@code Promise.all}), and two of them must
	 * not use the same approval.
	 * @param tool the qualified tool name
	 * @param input the call's argument
	 * @return whether the call was approved
	 */
	public synchronized boolean use(String tool, JsonNode input) {
		if (this.everything) {
			return true;
		}
		for (Iterator<ApprovedCall> calls = this.unused.iterator(); calls.hasNext();) {
			if (calls.next().approves(tool, input)) {
				calls.remove();
				return true;
			}
		}
		return false;
	}

}
