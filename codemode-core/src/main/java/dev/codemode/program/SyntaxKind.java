package dev.codemode.program;

/**
 * The kinds of {@link SyntaxNode} that normalization tells apart; everything else is
 * {@link #OTHER}.
 */
enum SyntaxKind {

	PROGRAM,

	/** A stray {@code ;}. */
	EMPTY,

	EXPRESSION_STATEMENT,

	/**
	 * {@code export default} of a value or a declaration; its expression is what it
	 * exports.
	 */
	EXPORT_DEFAULT,

	/** Any other {@code import} or {@code export}. */
	MODULE_ITEM,

	/**
	 * {@code function f() {}}, also {@code declare function f(): T}; named by what it
	 * binds.
	 */
	FUNCTION_DECLARATION,

	/** {@code const}, {@code let} or {@code var}; its children are its declarators. */
	VARIABLES,

	/**
	 * One {@code name = init} of a declaration: named when it binds a plain identifier.
	 */
	DECLARATOR,

	CLASS_DECLARATION,

	CLASS_EXPRESSION,

	ENUM_DECLARATION,

	/** A TypeScript {@code namespace} or {@code module}. */
	NAMESPACE_DECLARATION,

	INTERFACE_DECLARATION,

	TYPE_ALIAS_DECLARATION,

	/**
	 * A type: an annotation, type parameters or arguments, an {@code implements} clause;
	 * erased at run time.
	 */
	TYPE,

	THROW,

	WITH,

	/** A call {@code callee(...)}, not an optional one. */
	CALL,

	/** {@code object.property} or {@code object[key]}, not an optional one. */
	MEMBER,

	/** A name read or written by the program. */
	IDENTIFIER,

	/** A name that is not a variable: a property or member name. */
	PROPERTY_NAME,

	/** A name bound by a declaration, a parameter or a destructuring pattern. */
	BINDING,

	ARROW,

	FUNCTION_EXPRESSION,

	/** The parameters and body of a function, method or accessor: a scope of its own. */
	FUNCTION,

	PARENTHESES,

	/**
	 * {@code x as T}, {@code x satisfies T}, {@code x!}, {@code <T>x},
	 * {@code x as const}.
	 */
	TYPE_ASSERTION,

	STRING,

	NUMBER,

	BOOLEAN,

	NULL,

	OTHER

}
