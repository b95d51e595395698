package dev.codemode.tool;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import org.springframework.ai.tool.execution.ToolCallResultConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring AI's {@link DefaultToolCallResultConverter}, except that a {@code String} result
 * is always written as a JSON string. The default passes a {@code String} whose text is
 * valid JSON through unchanged, so the text {@code 123} and the number 123 (or {@code hi}
 * and {@code "hi"}) reach a program alike; with this converter, a program receives
 * exactly the string that the tool returned, as its declared type {@code string}
 * promises.
 * <p>
 * The starter uses it for every {@code @Tool} method that has no converter of its own.
 * Use it for the {@code ToolCallback}s you build for code mode
 * ({@code MethodToolCallback.builder().toolCallResultConverter(…)}, or
 * {@code @Tool(resultConverter = JsonStringResultConverter.class)}).
 */
public final class JsonStringResultConverter implements ToolCallResultConverter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ToolCallResultConverter defaults = new DefaultToolCallResultConverter();

	@Override
	public String convert(@Nullable Object result, @Nullable Type returnType) {
		if (result instanceof CharSequence text && returnType != void.class) {
			return JSON.writeValueAsString(text.toString());
		}
		return this.defaults.convert(result, returnType);
	}

}
