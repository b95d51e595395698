package dev.codemode.typescript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference cases of {@code @cloudflare/codemode}, copied from the shared corpus into
 * the test resources so that the tests do not depend on where the repository is checked
 * out.
 */
final class TypeCases {

	private static final JsonNode CASES = load();

	private TypeCases() {
	}

	/**
	 * The cases of one reference function.
	 * @param function {@code sanitizeToolName}, {@code jsonSchemaToType} or
	 * {@code generateTypesFromJsonSchema}
	 * @return the cases, in file order
	 */
	static List<JsonNode> of(String function) {
		JsonNode cases = CASES.path(function);
		if (!cases.isArray() || cases.isEmpty()) {
			throw new IllegalStateException("No " + function + " cases in corpus/type-cases.json");
		}
		List<JsonNode> result = new ArrayList<>();
		cases.forEach(result::add);
		return result;
	}

	private static JsonNode load() {
		try (InputStream in = TypeCases.class.getResourceAsStream("/corpus/type-cases.json")) {
			if (in == null) {
				throw new IllegalStateException("corpus/type-cases.json is not on the test class path");
			}
			return JsonMapper.shared().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
