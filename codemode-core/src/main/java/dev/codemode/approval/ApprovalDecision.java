package dev.codemode.approval;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ToolApprovalHandler} decided.
 *
 * @param approved whether the call may run
 * @param reason why it was denied (shown to the program and the model), or {@code null}
 */
public record ApprovalDecision(boolean approved, @Nullable String reason) {

	private static final ApprovalDecision APPROVED = new ApprovalDecision(true, null);

	/**
	 * @return a decision that lets the call run
	 */
	public static ApprovalDecision approve() {
		return APPROVED;
	}

	/**
	 * @param reason why, for the model
	 * @return a decision that refuses the call
	 */
	public static ApprovalDecision deny(String reason) {
		return new ApprovalDecision(false, reason);
	}

}
