package dev.codemode.boot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.Ordered;

/**
 * Offers the model the {@code codemode} tool with every request that does not offer it
 * already. Spring AI rejects a request that has two tools of one name, so
 * {@code codemode.chat-client.default-tools=true} adds the tool here, to the request,
 * rather than to the builder's default tools: it then combines with an application's own
 * {@code builder.defaultTools(codemode)} or {@code .tools(codemode)}, which keep their
 * place.
 */
public final class CodeModeToolAdvisor implements CallAdvisor, StreamAdvisor {

	private final Supplier<ToolCallback> codemode;

	/**
	 * @param codemode the {@code codemode} tool, fetched on first use
	 */
	public CodeModeToolAdvisor(Supplier<ToolCallback> codemode) {
		this.codemode = codemode;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		return chain.nextCall(withCodeMode(request));
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return chain.nextStream(withCodeMode(request));
	}

	private ChatClientRequest withCodeMode(ChatClientRequest request) {
		// A model whose options take no tools gets none, as with
		// builder.defaultTools(codemode).
		if (!(request.prompt().getOptions() instanceof ToolCallingChatOptions options)) {
			return request;
		}
		ToolCallback tool = this.codemode.get();
		String name = tool.getToolDefinition().name();
		List<ToolCallback> tools = new ArrayList<>();
		if (options.getToolCallbacks() != null) {
			tools.addAll(options.getToolCallbacks());
		}
		if (tools.stream().anyMatch((offered) -> name.equals(offered.getToolDefinition().name()))) {
			return request;
		}
		tools.add(tool);
		ToolCallingChatOptions withTool = options.mutate().toolCallbacks(tools).build();
		return request.mutate().prompt(request.prompt().mutate().chatOptions(withTool).build()).build();
	}

	@Override
	public String getName() {
		return "codemode";
	}

	// First: the tool-calling advisor and any other must see the request with the tool.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
