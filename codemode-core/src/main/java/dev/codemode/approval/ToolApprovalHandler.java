package dev.codemode.approval;

/**
 * Decides whether a tool that requires approval may run: the hook where a person says yes
 * or no.
 * <p>
 * Called on a tool thread, before the tool runs, for every call of a tool marked as
 * requiring approval. It may block while it waits for an answer; the wait counts against
 * the execution's timeout, and a handler that has not answered by then is abandoned (the
 * call is refused). A handler that throws refuses the call too.
 */
@FunctionalInterface
public interface ToolApprovalHandler {

	/**
	 * @param request the call: tool, input, tool context
	 * @return approve, or deny with a reason the model can read
	 * @throws Exception when no decision can be made; the call is refused
	 */
	ApprovalDecision decide(ApprovalRequest request) throws Exception;

}
