package dev.codemode.tool;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.codemode.approval.RefusedCall;
import dev.codemode.executor.ToolCallException;
import dev.codemode.executor.ToolNamespace;

/**
 * What happens when a program calls a tool, in order: a tool that answers the user
 * directly is refused, the input is checked against the tool's schema, a tool that
 * requires approval waits for it, the listener sees the call, the tool runs in the
 * caller's context, and an MCP result is unwrapped. Built once per {@code codemode} tool;
 * all that one execution adds is its {@link ExecutionScope}.
 */
final class ToolCallPipeline {

	private final ToolBindings bindings;

	private final ApprovalGate approvals;

	private final @Nullable ToolNamespace catalog;

	/**
	 * @param bindings the tools
	 * @param approvals decides on calls of tools that require approval
	 * @param catalog the {@code catalog} namespace, or {@code null} when programs do not
	 * discover tools
	 */
	ToolCallPipeline(ToolBindings bindings, ApprovalGate approvals, @Nullable ToolNamespace catalog) {
		this.bindings = bindings;
		this.approvals = approvals;
		this.catalog = catalog;
	}

	/**
	 * The namespaces one execution calls: the prebuilt bindings, each behind a function
	 * that runs this pipeline in that execution's scope, on whichever thread calls it,
	 * made when the executor looks the tool up. Per execution, this makes one small
	 * object per namespace and copies nothing.
	 * @param scope the execution
	 * @return its namespaces
	 */
	List<ToolNamespace> namespaces(ExecutionScope scope) {
		return this.bindings.namespaces(
				(binding) -> (input) -> scope.caller().restored(() -> invoke(scope, binding, input)), this.catalog);
	}

	private String invoke(ExecutionScope scope, ToolBinding binding, String input) {
		CodeModeTool tool = binding.tool();
		String qualified = binding.qualifiedName();
		if (binding.returnDirect()) {
			throw new ToolCallException(qualified + " returns its result directly to the user, so programs cannot "
					+ "call it; call it as a tool of its own");
		}
		if ("null".equals(input) && binding.objectInput()) {
			// codemode.getOutbox() for a tool whose input is an object: the model means
			// "no arguments".
			input = "{}";
		}
		if (binding.validator() != null) {
			String problems = binding.validator().problems(input);
			if (problems != null) {
				throw new ToolCallException("invalid input for " + qualified + ": " + problems
						+ ((binding.signature() != null) ? ". Expected: " + binding.signature() : ""));
			}
		}
		if (tool.requiresApproval()) {
			String denied = this.approvals.refusal(tool, input, scope.toolContext(), scope.caller());
			if (denied != null) {
				scope.refused(new RefusedCall(qualified, input, denied));
				throw new ToolCallException(qualified + " needs approval and did not run: " + denied);
			}
		}
		String arguments = input;
		String output = scope.caller().decorated(() -> scope.callTool(binding, arguments));
		return ToolResults.unwrap(output, binding.mcp());
	}

}
