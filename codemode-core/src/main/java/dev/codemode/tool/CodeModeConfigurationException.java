package dev.codemode.tool;

/**
 * A configuration of code mode that cannot work, found when the tools are bound: a
 * namespace that is reserved or not an identifier, two tools that programs would call by
 * the same name, two MCP connections that would be one namespace. It says what is wrong
 * and what to do about it, so that Spring Boot's failure analysis can show both at
 * startup.
 */
public class CodeModeConfigurationException extends IllegalStateException {

	private final String description;

	private final String action;

	/**
	 * @param description what is wrong, as a sentence
	 * @param action what to do about it, as a sentence
	 */
	public CodeModeConfigurationException(String description, String action) {
		super(description + " " + action);
		this.description = description;
		this.action = action;
	}

	/**
	 * @return what is wrong
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * @return what to do about it
	 */
	public String getAction() {
		return this.action;
	}

}
