/**
 * Approval of tool calls: a {@link ToolApprovalHandler} decides on each program's call of
 * a tool that requires approval ({@link ApprovalRequest}), with an
 * {@link ApprovalDecision}; a call that is not approved does not run and is reported as a
 * {@link RefusedCall}.
 */
@NullMarked
package dev.codemode.approval;

import org.jspecify.annotations.NullMarked;
