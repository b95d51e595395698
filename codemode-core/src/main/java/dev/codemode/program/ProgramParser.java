package dev.codemode.program;

/**
 * Parses programs and strips their TypeScript types: SWC's native library where it loads
 * ({@link SwcProgramParser}), JavaScript libraries run in GraalJS everywhere else
 * ({@link JvmProgramParser}).
 */
interface ProgramParser extends AutoCloseable {

	/**
	 * Parses a program as a script or module, TypeScript syntax accepted.
	 * @param code the code
	 * @param lineShift lines to add to a line of {@code code} to get the model's
	 * @param depth the bound on the tree's depth
	 * @param timeoutNanos how long parsing may take
	 * @return its syntax tree
	 * @throws ProgramException on a syntax error (at the model's line and column), a tree
	 * too deep, a timeout, or when parsing is refused
	 */
	SyntaxNode parse(String code, int lineShift, SyntaxDepth depth, long timeoutNanos) throws ProgramException;

	/**
	 * Strips the types from a script that {@link #parse} accepted.
	 * @param script the script
	 * @param lineShift lines to add to a line of {@code script} to get the model's
	 * @param timeoutNanos how long it may take
	 * @return JavaScript, and where its lines come from
	 * @throws ProgramException on a timeout, or when transpiling is refused
	 */
	Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException;

	/**
	 * @return what this is, for logs and the Actuator endpoint
	 */
	String description();

	/**
	 * @return threads retired since this parser was created: parses that overran in code
	 * that cannot stop
	 */
	default long retiredThreads() {
		return 0;
	}

	/**
	 * @return retired threads still running
	 */
	default int stuckThreads() {
		return 0;
	}

	/**
	 * @return whether parses are accepted
	 */
	default boolean acceptsParses() {
		return true;
	}

	@Override
	void close();

	/**
	 * @param script JavaScript
	 * @param lines maps its lines to the model's
	 */
	record Transpiled(String script, LineMap lines) {
	}

}
