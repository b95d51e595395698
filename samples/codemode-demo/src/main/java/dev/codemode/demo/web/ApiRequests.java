package dev.codemode.demo.web;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks of the API's JSON requests. Failures are 400s with a problem detail naming the field, rather than
 * Jackson's coercions (a number would otherwise pass for a program).
 */
final class ApiRequests {

    private ApiRequests() {
    }

    /**
     * @param request the request body
     * @param field a field that must hold a non-blank string
     * @return the string
     * @throws ResponseStatusException 400 when the request is not an object or the field is missing, not a string
     * or blank
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
     * @throws ResponseStatusException 400 when the request is not an object or the field is not a string
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
