package dev.codemode.discovery;

/**
 * When the description lists tools by name and lets programs look them up, instead of
 * declaring every tool.
 */
public enum DiscoveryMode {

	/** When the declarations are longer than the description's budget. */
	AUTO,

	/**
	 * Always: the description lists names, and programs use {@code catalog.search} and
	 * {@code catalog.describe}.
	 */
	ALWAYS,

	/** Never: every tool is declared, however long the description gets. */
	NEVER

}
