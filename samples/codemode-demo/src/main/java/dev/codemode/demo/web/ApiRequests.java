package dev.codemode.demo.web;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import dev.codemode.demo.approval.ApprovedCall;

/**
 * Checks of the API's JSON requests. Failures are 400s with a problem detail naming the
 * field, rather than Jackson's coercions (a number would otherwise pass for a program).
 */
final class ApiRequests {

	private ApiRequests() {
	}

	/**
	 * @param request the request body
	 * @param field a field that must hold a non-blank string
	 * @return the string
	 * @throws ResponseStatusException 400 when the request is not an object or the field
	 * is missing, not a string or blank
	 */
	static String requiredText(JsonNode request, String field) {
		JsonNode value = field(request, field);
		if (value == null) {
			throw badRequest("The request has no \"" + field + "\"; send {\"" + field + "\": \"...\"}");
		}
		if (!value.isString()) {
			throw badRequest("\"" + field + "\" must be a string");
		}
		if (value.asString().isBlank()) {
			throw badRequest("\"" + field + "\" must not be blank");
		}
		return value.asString();
	}

	/**
	 * @param request the request body
	 * @param field an optional string field
	 * @return the string, or {@code null} when the field is absent, null or blank
	 * @throws ResponseStatusException 400 when the request is not an object or the field
	 * is not a string
	 */
	static String optionalText(JsonNode request, String field) {
		JsonNode value = field(request, field);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw badRequest("\"" + field + "\" must be a string");
		}
		return value.asString().isBlank() ? null : value.asString();
	}

	/**
	 * @param request the request body
	 * @return the calls in its optional {@code approvals} field, {@code [{"tool":
	 * "codemode.sendEmail", "input": {...}}]} as the tool's {@code refused} lists them;
	 * empty when the field is absent
	 * @throws ResponseStatusException 400 when the field is not such an array
	 */
	static List<ApprovedCall> approvals(JsonNode request) {
		JsonNode value = field(request, "approvals");
		if (value == null) {
			return List.of();
		}
		if (!value.isArray()) {
			throw badRequest("\"approvals\" must be an array of {\"tool\": \"codemode.sendEmail\", \"input\": {...}}");
		}
		List<ApprovedCall> calls = new ArrayList<>();
		for (JsonNode approval : value) {
			JsonNode tool = approval.isObject() ? approval.get("tool") : null;
			JsonNode input = approval.isObject() ? approval.get("input") : null;
			if (tool == null || !tool.isString() || input == null || !input.isObject()) {
				throw badRequest("Each approval must be {\"tool\": \"codemode.sendEmail\", \"input\": {...}}, "
						+ "as the tool's \"refused\" lists it; got " + approval);
			}
			calls.add(new ApprovedCall(tool.asString(), input));
		}
		return calls;
	}

	private static JsonNode field(JsonNode request, String field) {
		if (request == null || !request.isObject()) {
			throw badRequest("The request must be a JSON object");
		}
		JsonNode value = request.get(field);
		return (value == null || value.isNull()) ? null : value;
	}

	static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

}
