package dev.codemode.demo.web;

import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.demo.approval.Approvals;
import dev.codemode.tool.CodeModeToolCallback;

/**
 * The playground's API: what the model sees of the {@code codemode} tool, and running a
 * program through that same tool, as the model's tool call would.
 */
@RestController
@RequestMapping("/api")
class PlaygroundController {

	private final LazyCodeModeToolCallback codemode;

	PlaygroundController(LazyCodeModeToolCallback codemode) {
		this.codemode = codemode;
	}

	@GetMapping("/declarations")
	DeclarationsView declarations() {
		CodeModeToolCallback callback = this.codemode.getCallback();
		ToolDefinition definition = callback.getToolDefinition();
		// The description holds them stripped, in its typescript block.
		return new DeclarationsView(definition.name(), definition.description(), callback.declarations().strip(),
				definition.inputSchema());
	}

	/**
	 * Runs {@code {"code": "...", "approvals": [...]}} and answers the tool's JSON with
	 * the tool calls the program made. A program that fails is still a 200: its error is
	 * in the tool's JSON, as the model would read it. Only a request without a program is
	 * a 400.
	 * <p>
	 * Calls of {@code sendEmail} run only when {@code approvals} lists them (optional,
	 * {@code [{"tool": "codemode.sendEmail", "input": {...}}]}); the others are refused
	 * and listed in the JSON's {@code refused}, so that the page can ask the user and
	 * send the same program again with their approvals.
	 */
	@PostMapping("/execute")
	ExecutionView execute(@RequestBody JsonNode request) {
		String code = ApiRequests.requiredText(request, "code");
		Approvals approvals = Approvals.of(ApiRequests.approvals(request));
		return ExecutionView.of(this.codemode.execute(code, new ToolContext(approvals.asToolContext())));
	}

}
