package dev.codemode.approval;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;

/**
 * A program's call of a tool that requires approval.
 *
 * @param namespace the tool's namespace, e.g. {@code codemode}
 * @param tool the tool's name as its definition gives it
 * @param inputJson the program's argument as JSON
 * @param toolContext the tool context of the outer call, or {@code null}
 */
public record ApprovalRequest(String namespace, String tool, String inputJson, @Nullable ToolContext toolContext) {
}
