package dev.codemode.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat completions endpoint on the loopback interface, for tests of
 * the real OpenAI client without a network: to a user's message it answers with a call of
 * the {@code codemode} tool running its program, and to the tool's result with
 * {@code "Done: "} and that result; to {@link #REFUSED}, with a 401. It keeps every
 * request it got.
 */
final class FakeOpenAiServer implements AutoCloseable {

	/**
	 * The user message that the server answers with a 401, as OpenAI does for a wrong
	 * key.
	 */
	static final String REFUSED = "please answer 401";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String program;

	private final HttpServer server;

	final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	/** The path of every request, served or not. */
	final List<String> paths = new CopyOnWriteArrayList<>();

	FakeOpenAiServer(String program) throws IOException {
		this.program = program;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/chat/completions", this::chatCompletions);
		// Anything else is not found, as on OpenAI's server (e.g. /chat/completions
		// without /v1).
		this.server.createContext("/", (exchange) -> {
			this.paths.add(exchange.getRequestURI().getPath());
			send(exchange, 404, JSON
				.writeValueAsBytes(Map.of("error", Map.of("message", "Not found", "type", "invalid_request_error"))));
		});
		this.server.start();
	}

	/**
	 * @return the server's address, without a path
	 */
	String address() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * @return the base URL to give the OpenAI client, ending with {@code /v1} as OpenAI's
	 * own does
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	private void chatCompletions(HttpExchange exchange) throws IOException {
		this.paths.add(exchange.getRequestURI().getPath());
		JsonNode request;
		try (InputStream body = exchange.getRequestBody()) {
			request = JSON.readTree(body);
		}
		this.requests.add(request);
		JsonNode messages = request.get("messages");
		JsonNode last = messages.get(messages.size() - 1);
		if (REFUSED.equals(last.path("content").asString(""))) {
			send(exchange, 401, JSON.writeValueAsBytes(Map.of("error", Map.of("message", "Incorrect API key provided",
					"type", "invalid_request_error", "code", "invalid_api_key"))));
			return;
		}
		Map<String, Object> message = "tool".equals(last.get("role").asString())
				? Map.of("role", "assistant", "content", "Done: " + last.get("content").asString())
				: Map.of("role", "assistant", "tool_calls",
						List.of(Map.of("id", "call_1", "type", "function", "function", Map.of("name", "codemode",
								"arguments", JSON.writeValueAsString(Map.of("code", this.program))))));
		String finishReason = message.containsKey("tool_calls") ? "tool_calls" : "stop";
		byte[] response = JSON.writeValueAsBytes(Map.of("id", "chatcmpl-" + this.requests.size(), "object",
				"chat.completion", "created", 1_700_000_000L, "model", request.get("model").asString(), "choices",
				List.of(Map.of("index", 0, "finish_reason", finishReason, "message", message)), "usage",
				Map.of("prompt_tokens", 10, "completion_tokens", 10, "total_tokens", 20)));
		send(exchange, 200, response);
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
