package dev.codemode.demo.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.codemode.demo.approval.Approvals;
import dev.codemode.demo.recording.RecordedExecution;
import dev.codemode.demo.recording.Recording;

/**
 * The playground's API: what the model sees of the {@code codemode} tool, and running a
 * program through that same tool, as the model's tool call would.
 */
@RestController
@RequestMapping("/api")
class PlaygroundController {

	private final ToolCallback codemode;

	private final JsonMapper json;

	PlaygroundController(@Qualifier("codemode") ToolCallback codemode, JsonMapper json) {
		this.codemode = codemode;
		this.json = json;
	}

	@GetMapping("/declarations")
	DeclarationsView declarations() {
		ToolDefinition definition = this.codemode.getToolDefinition();
		return new DeclarationsView(definition.name(), definition.description(),
				ToolDescriptions.declarations(definition.description()), definition.inputSchema());
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
		Recording recording = new Recording();
		Map<String, Object> context = new HashMap<>(recording.asToolContext());
		context.putAll(approvals.asToolContext());
		String output = this.codemode.call(this.json.writeValueAsString(Map.of("code", code)),
				new ToolContext(context));
		recording.output(output);
		List<RecordedExecution> executions = recording.executions();
		// One call of the tool is one execution; the listener reports it even when the
		// tool rejects its input.
		Assert.state(executions.size() == 1, () -> "Expected one execution, recorded " + executions.size());
		return ExecutionView.of(executions.get(0));
	}

}
