package dev.codemode.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.springframework.ai.mcp.SyncMcpToolCallback;
import org.springframework.ai.tool.ToolCallback;

/**
 * A real MCP server (the MCP Java SDK's streamable HTTP transport in an embedded Tomcat
 * on a free port) and a real client connected to it, so that tests call tools through
 * Spring AI's own {@link SyncMcpToolCallback}.
 */
public final class McpTestServer implements AutoCloseable {

	private final Tomcat tomcat;

	private final McpSyncServer server;

	private final McpSyncClient client;

	private final int port;

	private McpTestServer(List<SyncToolSpecification> tools) throws LifecycleException {
		HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
			.mcpEndpoint("/mcp")
			.build();
		this.server = McpServer.sync(transport)
			.serverInfo("test-server", "1.0.0")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
			.tools(tools)
			.build();
		this.tomcat = new Tomcat();
		this.tomcat.setPort(0);
		this.tomcat.setBaseDir(System.getProperty("java.io.tmpdir"));
		Context context = this.tomcat.addContext("", null);
		Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
		servlet.setAsyncSupported(true);
		context.addServletMappingDecoded("/*", "mcp");
		this.tomcat.getConnector();
		this.tomcat.start();
		this.port = this.tomcat.getConnector().getLocalPort();
		this.client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + this.port).endpoint("/mcp").build())
			// Spring AI's MCP client starter names each client "<client> - <connection>",
			// titled by the connection.
			.clientInfo(new McpSchema.Implementation("test-client - test", "test", "1.0.0"))
			.requestTimeout(Duration.ofSeconds(20))
			.build();
		this.client.initialize();
	}

	/** Starts a server with the given tools and connects a client to it. */
	public static McpTestServer start(SyncToolSpecification... tools) throws LifecycleException {
		return new McpTestServer(List.of(tools));
	}

	/** A tool without arguments whose every call returns {@code result}. */
	public static SyncToolSpecification tool(String name, McpSchema.CallToolResult result) {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder()
				.name(name)
				.description("MCP tool " + name)
				.inputSchema(Map.of("type", "object", "properties", Map.of()))
				.build())
			.callHandler((exchange, request) -> result)
			.build();
	}

	/**
	 * An async client of the server, initialized, named as Spring AI's MCP client starter
	 * names async clients: {@code "<client> - <connection>"}, without a title. Close it
	 * after use.
	 * @param connection the connection's name
	 * @return the client
	 */
	public McpAsyncClient asyncClient(String connection) {
		McpAsyncClient client = McpClient
			.async(HttpClientStreamableHttpTransport.builder("http://localhost:" + this.port).endpoint("/mcp").build())
			.clientInfo(new McpSchema.Implementation("test-client - " + connection, "1.0.0"))
			.requestTimeout(Duration.ofSeconds(20))
			.build();
		client.initialize().block();
		return client;
	}

	/**
	 * @return the client connected to the server, whose connection is named {@code test}
	 */
	public McpSyncClient client() {
		return this.client;
	}

	/**
	 * @return Spring AI's MCP callbacks of the server's tools, as its MCP client starter
	 * makes them
	 */
	public List<ToolCallback> callbacks() {
		return this.client.listTools()
			.tools()
			.stream()
			.map((tool) -> (ToolCallback) SyncMcpToolCallback.builder().mcpClient(this.client).tool(tool).build())
			.toList();
	}

	@Override
	public void close() throws LifecycleException {
		this.client.close();
		this.server.close();
		this.tomcat.stop();
		this.tomcat.destroy();
	}

}
