package dev.codemode.tool;

import java.io.StringWriter;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.RefusedCall;
import dev.codemode.executor.ExecutionError;

/**
 * The {@code codemode} tool's JSON in both directions: its input {@code {"code": "..."}}
 * and its answer, the contract's {@code result}, {@code logs}, {@code error} and
 * {@code refused}.
 */
final class ContractJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ContractJson() {
	}

	/**
	 * @param toolInput the tool's input, as the model sent it
	 * @return the program, or the error that says why the input holds none
	 */
	static ProgramInput readInput(@Nullable String toolInput) {
		JsonNode input;
		try {
			input = JSON.readTree((toolInput != null) ? toolInput : "");
		}
		catch (RuntimeException ex) {
			return ProgramInput.invalid("the input is not valid JSON; send {\"code\": \"<program>\"}");
		}
		if (input == null || !input.isObject()) {
			return ProgramInput.invalid("the input must be a JSON object: {\"code\": \"<program>\"}");
		}
		JsonNode code = input.get("code");
		if (code == null || code.isNull()) {
			return ProgramInput.invalid("the input has no \"code\"; send {\"code\": \"<program>\"}");
		}
		if (!code.isString()) {
			return ProgramInput.invalid(
					"\"code\" must be a string holding the program, not " + code.getNodeType().name().toLowerCase());
		}
		return new ProgramInput(code.asString(), null);
	}

	/**
	 * @return {@code result} as raw JSON, {@code logs}, {@code error} only on failure and
	 * {@code refused} only when a call was refused; the tool calls are not part of it
	 */
	static String write(CodeModeOutcome outcome) {
		StringWriter out = new StringWriter();
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			if (outcome.resultJson() != null) {
				json.writeName("result");
				json.writeRawValue(outcome.resultJson());
			}
			json.writeName("logs");
			json.writeStartArray();
			for (String line : outcome.logs()) {
				json.writeString(line);
			}
			json.writeEndArray();
			if (outcome.error() != null) {
				json.writeStringProperty("error", outcome.error().describe());
			}
			if (!outcome.refused().isEmpty()) {
				// Calls that need a person's approval: the application can ask, then run
				// the program again.
				json.writeName("refused");
				json.writeStartArray();
				for (RefusedCall call : outcome.refused()) {
					json.writeStartObject();
					json.writeStringProperty("tool", call.tool());
					json.writeName("input");
					json.writeRawValue(call.inputJson());
					json.writeStringProperty("reason", call.reason());
					json.writeEndObject();
				}
				json.writeEndArray();
			}
			json.writeEndObject();
		}
		return out.toString();
	}

	/**
	 * The tool's input, read.
	 *
	 * @param code the program, or {@code null} when the input held none
	 * @param error why the input holds no program, or {@code null} when it holds one
	 */
	record ProgramInput(@Nullable String code, @Nullable ExecutionError error) {

		static ProgramInput invalid(String message) {
			return new ProgramInput(null, new ExecutionError(ExecutionError.INPUT, message));
		}

	}

}
