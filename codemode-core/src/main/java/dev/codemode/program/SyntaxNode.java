package dev.codemode.program;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A node of a program's syntax tree in the terms that normalization reads, whichever
 * parser made it: SWC's tree ({@link SwcSyntax}) and Babel's ({@link BabelSyntax}) are
 * both read into this one, so that program shapes, tool call sites and throw sites are
 * decided by the same code on every platform.
 *
 * @param kind what the node is
 * @param start offset of its first character in the parsed text, in UTF-16 units
 * @param end offset after its last character
 * @param line its 1-based line in the parsed text
 * @param column its 1-based column
 * @param name the identifier's name, or the name a declaration binds; {@code null} when
 * it has none
 * @param value a literal's value ({@link String}, {@link Number}, {@link Boolean});
 * {@code null} otherwise
 * @param declare whether it is an ambient TypeScript declaration
 * ({@code declare const x: T}), erased at run time
 * @param typeScript whether it is syntax that only TypeScript has
 * @param expression the node's operand: an expression statement's expression, the
 * exported value of {@code export default}, a thrown value, a callee, a member's object,
 * a variable's initializer, the expression inside parentheses or a type assertion;
 * {@code null} when the node has none
 * @param children every child, {@code expression} included, in source order
 */
record SyntaxNode(SyntaxKind kind, int start, int end, int line, int column, @Nullable String name,
		@Nullable Object value, boolean declare, boolean typeScript, @Nullable SyntaxNode expression,
		List<SyntaxNode> children) {

	/**
	 * @return the expression inside any parentheses and type assertions
	 * ({@code (x as T)!})
	 */
	SyntaxNode unwrapped() {
		SyntaxNode node = this;
		while ((node.kind == SyntaxKind.PARENTHESES || node.kind == SyntaxKind.TYPE_ASSERTION)
				&& node.expression != null) {
			node = node.expression;
		}
		return node;
	}

	/**
	 * @return whether this is an arrow function or function expression, also in
	 * parentheses or asserted
	 */
	boolean isFunction() {
		SyntaxKind inner = unwrapped().kind;
		return inner == SyntaxKind.ARROW || inner == SyntaxKind.FUNCTION_EXPRESSION;
	}

}
