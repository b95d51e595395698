package dev.codemode.boot.mcp;

import java.util.List;

import dev.codemode.internal.CodeModeThreads;
import dev.codemode.mcp.McpTools;
import io.modelcontextprotocol.client.transport.StdioClientTransport;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.beans.factory.DisposableBean;

/**
 * Watches the processes of stdio MCP servers: the MCP client notices a server that died
 * only when a request times out ({@code spring.ai.mcp.client.request-timeout}, 20 s by
 * default, for every call), so each process gets a thread that waits for its end and then
 * makes the connection's calls fail at once ({@link McpTools#serverExited}).
 */
public final class McpServerExitWatcher implements DisposableBean {

	private final List<Thread> threads;

	private volatile boolean closing;

	/**
	 * @param tools the MCP connections' tools, told when a server exits
	 * @param transports the stdio transports whose server processes to watch
	 */
	public McpServerExitWatcher(McpTools tools, List<NamedClientMcpTransport> transports) {
		this.threads = transports.stream()
			.filter((transport) -> transport.transport() instanceof StdioClientTransport)
			.map((transport) -> watch(tools, transport.name(), (StdioClientTransport) transport.transport()))
			.toList();
	}

	private Thread watch(McpTools tools, String connection, StdioClientTransport transport) {
		Thread thread = CodeModeThreads.newThread("codemode-mcp-exit-" + connection, 0, () -> {
			try {
				transport.awaitForExit();
			}
			catch (RuntimeException ex) {
				// Interrupted at shutdown, or a transport that never started its process:
				// nothing to watch.
				return;
			}
			if (!this.closing) {
				tools.serverExited(connection);
			}
		});
		thread.start();
		return thread;
	}

	@Override
	public void destroy() {
		this.closing = true;
		this.threads.forEach(Thread::interrupt);
	}

}
