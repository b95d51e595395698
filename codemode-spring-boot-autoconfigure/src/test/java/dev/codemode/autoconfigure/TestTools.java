package dev.codemode.autoconfigure;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** Tool callbacks for tests. */
public final class TestTools {

	private TestTools() {
	}

	/**
	 * @param name the tool's name
	 * @param result what every call returns
	 * @return a tool
	 */
	public static ToolCallback callback(String name, String result) {
		ToolDefinition definition = ToolDefinition.builder()
			.name(name)
			.description("The " + name + " tool")
			.inputSchema("{\"type\":\"object\",\"properties\":{}}")
			.build();
		return new ToolCallback() {

			@Override
			public ToolDefinition getToolDefinition() {
				return definition;
			}

			@Override
			public String call(String toolInput) {
				return result;
			}

			@Override
			public String toString() {
				return "TestTools.callback(" + name + ")";
			}

		};
	}

}
