package dev.codemode.mcp;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/**
 * One connection to an MCP server, through the client that Spring AI's MCP client starter
 * (or the application) made for it, sync or async. Its name is the connection's name:
 * Spring AI sets it as the client's title
 * ({@code spring.ai.mcp.client.<transport>.connections.<name>}).
 */
public abstract sealed class McpConnection permits McpConnection.Sync, McpConnection.Async {

	private static final String NOT_SENT = "Failed to enqueue message";

	private static final int MAX_SEND_ATTEMPTS = 1000;

	private static final long SEND_RETRY_PAUSE_NANOS = 100_000;

	private final String name;

	// The threads waiting for this server's answers, so that they stop waiting when it
	// exits.
	private final Set<Thread> waiting = new HashSet<>();

	private volatile boolean exited;

	private McpConnection(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	/**
	 * @param client a sync client
	 * @return its connection, named after the client's title (Spring AI's connection
	 * name), else its name
	 */
	public static McpConnection of(McpSyncClient client) {
		return new Sync(nameOf(client.getClientInfo()), client);
	}

	/**
	 * @param client an async client
	 * @return its connection, named after the client's title (Spring AI's connection
	 * name), else its name
	 */
	public static McpConnection of(McpAsyncClient client) {
		return new Async(nameOf(client.getClientInfo()), client);
	}

	// Spring AI titles sync clients with the connection's name, and names every client
	// "<client> - <connection>".
	private static String nameOf(McpSchema.Implementation info) {
		if (info.title() != null && !info.title().isBlank()) {
			return info.title();
		}
		int separator = info.name().lastIndexOf(" - ");
		return (separator >= 0) ? info.name().substring(separator + 3) : info.name();
	}

	/**
	 * Records that the server's process has ended (MCP clients notice only when a request
	 * times out): calls waiting for it stop, and every later call fails at once.
	 */
	public void serverExited() {
		synchronized (this.waiting) {
			this.exited = true;
			this.waiting.forEach(Thread::interrupt);
		}
	}

	/**
	 * @return whether the server's process has ended
	 */
	public boolean hasExited() {
		return this.exited;
	}

	/**
	 * Calls a tool on the calling thread; see {@link #callTool}.
	 * @throws ServerExitedException when the server has exited, before or during the call
	 */
	McpSchema.@Nullable CallToolResult call(McpSchema.CallToolRequest request, Duration timeout) {
		Thread thread = Thread.currentThread();
		synchronized (this.waiting) {
			if (this.exited) {
				throw new ServerExitedException();
			}
			this.waiting.add(thread);
		}
		try {
			return callUntilSent(request, timeout);
		}
		catch (RuntimeException ex) {
			if (this.exited) {
				throw new ServerExitedException();
			}
			throw ex;
		}
		finally {
			synchronized (this.waiting) {
				this.waiting.remove(thread);
				if (this.exited) {
					// The interrupt was this connection's, not the caller's.
					Thread.interrupted();
				}
			}
		}
	}

	/**
	 * @return the connection's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return every tool the server offers now (all pages)
	 */
	abstract List<McpSchema.Tool> listTools();

	/**
	 * Calls a tool and waits for its result; an interrupt of the waiting thread cancels
	 * the request.
	 * @param request the call
	 * @param timeout the longest wait, where the client allows one
	 * @return the server's result, or {@code null} when an async client completed without
	 * one
	 */
	abstract McpSchema.@Nullable CallToolResult callTool(McpSchema.CallToolRequest request, Duration timeout);

	@Override
	public String toString() {
		return "McpConnection[" + this.name + "]";
	}

	/**
	 * @return every tool the server offers now (all pages), the request sent again while
	 * the transport refuses it (see {@link #untilSent})
	 */
	List<McpSchema.Tool> listToolsUntilSent() {
		return untilSent(this::listTools);
	}

	private McpSchema.@Nullable CallToolResult callUntilSent(McpSchema.CallToolRequest request, Duration timeout) {
		return untilSent(() -> callTool(request, timeout));
	}

	// The MCP Java SDK's stdio transport refuses a message while another thread is
	// sending one ("Failed to enqueue message": its outbound sink takes one sender at a
	// time), which Promise.all, or a server's notification answered at the same time,
	// makes the normal case. A refused message was not sent, so sending it again cannot
	// run anything twice.
	private static <T extends @Nullable Object> T untilSent(Supplier<T> request) {
		for (int attempt = 1;; attempt++) {
			try {
				return request.get();
			}
			catch (RuntimeException ex) {
				if (!NOT_SENT.equals(ex.getMessage()) || attempt == MAX_SEND_ATTEMPTS) {
					throw ex;
				}
				LockSupport.parkNanos(SEND_RETRY_PAUSE_NANOS);
				if (Thread.currentThread().isInterrupted()) {
					throw new IllegalStateException("interrupted", new InterruptedException());
				}
			}
		}
	}

	/** The server's process has ended. */
	static final class ServerExitedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ServerExitedException() {
			super(null, null, false, false);
		}

	}

	static final class Sync extends McpConnection {

		private final McpSyncClient client;

		Sync(String name, McpSyncClient client) {
			super(name);
			this.client = client;
		}

		@Override
		List<McpSchema.Tool> listTools() {
			return this.client.listTools().tools();
		}

		// The sync client waits up to its own request timeout; the executor's interrupt
		// ends the wait sooner.
		@Override
		McpSchema.CallToolResult callTool(McpSchema.CallToolRequest request, Duration timeout) {
			return this.client.callTool(request);
		}

	}

	static final class Async extends McpConnection {

		private final McpAsyncClient client;

		Async(String name, McpAsyncClient client) {
			super(name);
			this.client = client;
		}

		@Override
		List<McpSchema.Tool> listTools() {
			McpSchema.ListToolsResult tools = this.client.listTools().block();
			return (tools != null) ? tools.tools() : List.of();
		}

		@Override
		McpSchema.@Nullable CallToolResult callTool(McpSchema.CallToolRequest request, Duration timeout) {
			return this.client.callTool(request).timeout(timeout).block();
		}

	}

}
