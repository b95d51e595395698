package dev.codemode.demo.approval;

import tools.jackson.databind.JsonNode;

/**
 * A tool call that the user approved, as the page saw it in the {@code refused} list of
 * the tool's JSON.
 *
 * @param tool the tool, qualified by its namespace, e.g. {@code codemode.sendEmail}
 * @param input the program's argument
 */
public record ApprovedCall(String tool, JsonNode input) {

	/**
	 * @param tool a qualified tool name
	 * @param input an argument
	 * @return whether this approval is for exactly that call; the inputs are compared as
	 * JSON values, so that the order of an object's fields or the spacing does not
	 * matter, but every value does
	 */
	boolean approves(String tool, JsonNode input) {
		return this.tool.equals(tool) && this.input.equals(input);
	}

}
