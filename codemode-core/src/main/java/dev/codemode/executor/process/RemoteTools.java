package dev.codemode.executor.process;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import dev.codemode.executor.ToolCallException;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

/**
 * The worker's side of tool calls: each tool a program sees is a {@link ToolFunction}
 * whose {@code callAsync} sends a {@code toolCall} to the application and returns at
 * once, with a future that the application's {@code toolResult} completes. No thread of
 * the worker waits for a tool, so {@code Promise.all} stays parallel; the tools
 * themselves run in the application.
 */
final class RemoteTools {

	private final MessageWriter out;

	private final AtomicLong callIds = new AtomicLong();

	private final Map<Long, RemoteCall> pending = new ConcurrentHashMap<>();

	RemoteTools(MessageWriter out) {
		this.out = out;
	}

	/**
	 * @param executionId the execution whose program calls them
	 * @param namespaces each namespace's tool identifiers
	 * @return the namespaces of remote tools
	 */
	List<ToolNamespace> namespaces(long executionId, Map<String, List<String>> namespaces) {
		return namespaces.entrySet().stream().map((entry) -> {
			Map<String, ToolFunction> functions = new LinkedHashMap<>();
			for (String identifier : entry.getValue()) {
				functions.put(identifier, new RemoteTool(executionId, entry.getKey(), identifier));
			}
			return new ToolNamespace(entry.getKey(), functions);
		}).toList();
	}

	/**
	 * Settles the call that the result answers.
	 * @return whether a call was waiting for it (a call cancelled meanwhile is not)
	 */
	boolean settle(Message.ToolResult result) {
		RemoteCall call = this.pending.remove(result.callId());
		if (call == null) {
			return false;
		}
		if (result.error() != null) {
			call.completeExceptionally(new ToolCallException(result.error()));
		}
		else {
			call.complete((result.output() != null) ? result.output() : "null");
		}
		return true;
	}

	/**
	 * Fails every call still waiting: the application is gone.
	 */
	void failAll(String reason) {
		this.pending.values().forEach((call) -> call.completeExceptionally(new ToolCallException(reason)));
		this.pending.clear();
	}

	private final class RemoteTool implements ToolFunction {

		private final long executionId;

		private final String namespace;

		private final String identifier;

		RemoteTool(long executionId, String namespace, String identifier) {
			this.executionId = executionId;
			this.namespace = namespace;
			this.identifier = identifier;
		}

		@Override
		public String call(String inputJson) {
			throw new UnsupportedOperationException("a remote tool is called with callAsync");
		}

		@Override
		public CompletionStage<String> callAsync(String inputJson, Executor executor) {
			long callId = RemoteTools.this.callIds.incrementAndGet();
			RemoteCall call = new RemoteCall(callId);
			RemoteTools.this.pending.put(callId, call);
			try {
				RemoteTools.this.out
					.write(new Message.ToolCall(this.executionId, callId, this.namespace, this.identifier, inputJson));
			}
			catch (IOException ex) {
				RemoteTools.this.pending.remove(callId);
				call.completeExceptionally(new ToolCallException("the tool could not be reached: " + ex.getMessage()));
			}
			return call;
		}

	}

	/**
	 * A call in the application; cancelling it (its execution ended) tells the
	 * application to cancel the tool.
	 */
	private final class RemoteCall extends CompletableFuture<String> {

		private final long callId;

		RemoteCall(long callId) {
			this.callId = callId;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			if (RemoteTools.this.pending.remove(this.callId) != null) {
				try {
					RemoteTools.this.out.write(new Message.Cancel(this.callId));
				}
				catch (IOException ex) {
					// The application is gone: nothing runs there any more.
				}
			}
			return cancelled;
		}

	}

}
