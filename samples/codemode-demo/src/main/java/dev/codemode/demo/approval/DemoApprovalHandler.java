package dev.codemode.demo.approval;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.ToolApprovalHandler;

/**
 * Approves a call of a tool marked {@code @RequiresApproval} ({@code sendEmail}) only
 * when the request carries the user's approval of exactly that call. It never waits: a
 * call without one is refused at once, the tool's JSON lists it in {@code refused}, the
 * page asks the user, and the program runs again with the approvals.
 */
@Component
public class DemoApprovalHandler implements ToolApprovalHandler {

	/**
	 * Why a call from the page or the chat did not run; the model and the page read it.
	 */
	public static final String WAITING = "waiting for the user's approval in the demo page";

	/** Why a call from elsewhere (the command line) did not run. */
	public static final String NO_ONE_TO_ASK = "no one can approve it here; approve it in the demo page, "
			+ "or run the program file with --codemode.demo.approve-all=true";

	private final JsonMapper json;

	public DemoApprovalHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public ApprovalDecision decide(ApprovalRequest request) {
		Approvals approvals = Approvals.from(request.toolContext());
		if (approvals == null) {
			return ApprovalDecision.deny(NO_ONE_TO_ASK);
		}
		// As "refused" names it; the demo's tool names are already valid identifiers in
		// programs.
		String tool = request.namespace() + "." + request.tool();
		return approvals.use(tool, this.json.readTree(request.inputJson())) ? ApprovalDecision.approve()
				: ApprovalDecision.deny(WAITING);
	}

}
