package dev.codemode.program;

import org.jspecify.annotations.Nullable;

/**
 * The bound on a syntax tree's depth ({@code max-nesting-depth}), checked as the tree is
 * read.
 */
record SyntaxDepth(int max, int lineShift) {

	/**
	 * @param level the depth of a node, the program being 0
	 * @param line its line in the parsed text
	 * @param column its column
	 * @throws ProgramException when the node is deeper than the bound
	 */
	void check(int level, int line, int column) throws ProgramException {
		if (level > this.max) {
			throw tooDeep(line + this.lineShift, column);
		}
	}

	/** The error for a program that nests too deeply, where known. */
	ProgramException tooDeep(@Nullable Integer line, @Nullable Integer column) {
		return new ProgramException(ProgramException.Kind.LIMIT, message(this.max), line, column);
	}

	/**
	 * @param max the bound
	 * @return what a program that nests too deeply is told, whether its tree or its
	 * brackets ({@link ParseGuard}) went past the bound
	 */
	static String message(int max) {
		return "the program nests deeper than " + max + " levels (max-nesting-depth); flatten it";
	}

}
