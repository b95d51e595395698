package dev.codemode.tool;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.approval.ApprovalRequest;
import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.internal.CodeModeThreads;

/**
 * Puts each call of a tool that requires approval to the {@link ToolApprovalHandler}, and
 * says why a call may not run. A handler may block while a person decides, so it runs on
 * a thread of its own (the injected executor's, or a new daemon thread per decision), and
 * the tool thread waits at most the approval timeout for it.
 */
final class ApprovalGate {

	private static final Logger logger = LoggerFactory.getLogger(ApprovalGate.class);

	private static final ThreadFactory DECISION_THREADS = CodeModeThreads.factory("codemode-approval-", 0);

	/** A new daemon thread per decision: nothing to keep, nothing to shut down. */
	private static final Executor NEW_THREAD = (task) -> DECISION_THREADS.newThread(task).start();

	private final @Nullable ToolApprovalHandler handler;

	private final Duration timeout;

	private final Executor executor;

	/**
	 * @param handler decides, or {@code null} to refuse every call
	 * @param timeout how long a decision may take
	 * @param executor where the handler runs, or {@code null} for a new thread per
	 * decision
	 */
	ApprovalGate(@Nullable ToolApprovalHandler handler, Duration timeout, @Nullable Executor executor) {
		this.handler = handler;
		this.timeout = timeout;
		this.executor = (executor != null) ? executor : NEW_THREAD;
	}

	/**
	 * @return why the call may not run, or {@code null} when it was approved
	 */
	@Nullable String refusal(CodeModeTool tool, String input, @Nullable ToolContext toolContext, CallerContext caller) {
		if (this.handler == null) {
			return "no approval handler is configured; ask the user to approve this call, then run the program again";
		}
		ApprovalRequest request = new ApprovalRequest(tool.namespace(), tool.name(), input, toolContext);
		// A FutureTask, so that cancelling it interrupts the handler: the execution may
		// end while a person decides. The handler runs in the caller's context.
		FutureTask<ApprovalDecision> decision = new FutureTask<>(
				() -> caller.restored(() -> this.handler.decide(request)));
		try {
			this.executor.execute(decision);
		}
		catch (RejectedExecutionException ex) {
			return "the approval could not be asked: its threads are busy or shut down";
		}
		try {
			ApprovalDecision answer = decision.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (answer == null || !answer.approved()) {
				return (answer != null && answer.reason() != null) ? "denied: " + answer.reason() : "denied";
			}
			return null;
		}
		catch (TimeoutException ex) {
			decision.cancel(true);
			return "no decision was made within " + this.timeout.toSeconds() + " s";
		}
		catch (ExecutionException ex) {
			logger.warn("The approval handler failed", ex.getCause());
			return "the approval handler failed: " + ex.getCause().getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			decision.cancel(true);
			return "the execution ended while waiting for approval";
		}
	}

}
