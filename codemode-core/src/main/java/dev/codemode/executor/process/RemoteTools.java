package dev.codemode.executor.process;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.PreparedToolNamespace;
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

	private volatile @Nullable Prepared last;

	RemoteTools(MessageWriter out) {
		this.out = out;
	}

	/**
	 * @param executionId the execution whose program calls them
	 * @param namespaces each namespace's tool identifiers
	 * @return the namespaces of remote tools
	 */
	List<ToolNamespace> namespaces(long executionId, Map<String, List<String>> namespaces) {
		List<PreparedToolNamespace> prepared = prepared(namespaces);
		ToolNamespace[] bound = new ToolNamespace[prepared.size()];
		for (int i = 0; i < bound.length; i++) {
			PreparedToolNamespace namespace = prepared.get(i);
			bound[i] = namespace
				.bind((index) -> new RemoteTool(executionId, namespace.name(), namespace.identifiers().get(index)));
		}
		return List.of(bound);
	}

	/**
	 * @return the namespaces prepared for these identifiers: the last ones when they are
	 * the same, in the same order (the application sends the same tool set over and over)
	 */
	private List<PreparedToolNamespace> prepared(Map<String, List<String>> namespaces) {
		List<Map.Entry<String, List<String>>> identifiers = namespaces.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), entry.getValue()))
			.toList();
		Prepared last = this.last;
		if (last == null || !last.identifiers().equals(identifiers)) {
			last = new Prepared(identifiers,
					identifiers.stream()
						.map((entry) -> new PreparedToolNamespace(entry.getKey(), entry.getValue()))
						.toList());
			this.last = last;
		}
		return last.namespaces();
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

	/** Namespaces prepared for the identifiers of an execution. */
	private record Prepared(List<Map.Entry<String, List<String>>> identifiers, List<PreparedToolNamespace> namespaces) {
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
