package dev.codemode.tool;

import java.util.List;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Checks a program's tool input against the tool's JSON Schema before the tool runs, so
 * that the model learns what the tool expects instead of the tool failing somewhere
 * inside.
 */
final class InputValidator {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final int MAX_REPORTED = 5;

	private final Schema schema;

	private InputValidator(Schema schema) {
		this.schema = schema;
	}

	/**
	 * @return a validator, or {@code null} when the schema cannot be read (the tool then
	 * checks its input itself)
	 */
	static @Nullable InputValidator of(@Nullable String inputSchema) {
		if (inputSchema == null || inputSchema.isBlank()) {
			return null;
		}
		try {
			Schema schema = REGISTRY.getSchema(inputSchema, InputFormat.JSON);
			schema.initializeValidators();
			return new InputValidator(schema);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * @return what is wrong with the input, or {@code null} when it is valid
	 */
	@Nullable String problems(String inputJson) {
		List<Error> errors = this.schema.validate(inputJson, InputFormat.JSON);
		if (errors.isEmpty()) {
			return null;
		}
		String listed = errors.stream().limit(MAX_REPORTED).map(Error::getMessage).collect(Collectors.joining("; "));
		return (errors.size() > MAX_REPORTED) ? listed + "; and " + (errors.size() - MAX_REPORTED) + " more" : listed;
	}

}
