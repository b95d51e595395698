package dev.codemode.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the tree of Babel's parser (as JSON, without locations) into {@link SyntaxNode}s,
 * one for each of Babel's nodes, in the same terms as {@link SwcSyntax}: an identifier is
 * a binding where a declaration, a parameter or a pattern binds it, and a property name
 * where it names a property; the parameters and body of every function are a
 * {@link SyntaxKind#FUNCTION} of their own.
 */
final class BabelSyntax {

	private static final Map<String, SyntaxKind> KINDS = Map.ofEntries(Map.entry("Program", SyntaxKind.PROGRAM),
			Map.entry("EmptyStatement", SyntaxKind.EMPTY),
			Map.entry("ExpressionStatement", SyntaxKind.EXPRESSION_STATEMENT),
			Map.entry("ExportDefaultDeclaration", SyntaxKind.EXPORT_DEFAULT),
			Map.entry("ImportDeclaration", SyntaxKind.MODULE_ITEM),
			Map.entry("ExportNamedDeclaration", SyntaxKind.MODULE_ITEM),
			Map.entry("ExportAllDeclaration", SyntaxKind.MODULE_ITEM),
			Map.entry("TSImportEqualsDeclaration", SyntaxKind.MODULE_ITEM),
			Map.entry("TSExportAssignment", SyntaxKind.MODULE_ITEM),
			Map.entry("TSNamespaceExportDeclaration", SyntaxKind.MODULE_ITEM),
			Map.entry("FunctionDeclaration", SyntaxKind.FUNCTION_DECLARATION),
			Map.entry("TSDeclareFunction", SyntaxKind.FUNCTION_DECLARATION),
			Map.entry("VariableDeclaration", SyntaxKind.VARIABLES),
			Map.entry("VariableDeclarator", SyntaxKind.DECLARATOR),
			Map.entry("ClassDeclaration", SyntaxKind.CLASS_DECLARATION),
			Map.entry("ClassExpression", SyntaxKind.CLASS_EXPRESSION),
			Map.entry("TSEnumDeclaration", SyntaxKind.ENUM_DECLARATION),
			Map.entry("TSModuleDeclaration", SyntaxKind.NAMESPACE_DECLARATION),
			Map.entry("TSInterfaceDeclaration", SyntaxKind.INTERFACE_DECLARATION),
			Map.entry("TSTypeAliasDeclaration", SyntaxKind.TYPE_ALIAS_DECLARATION),
			Map.entry("ThrowStatement", SyntaxKind.THROW), Map.entry("WithStatement", SyntaxKind.WITH),
			Map.entry("CallExpression", SyntaxKind.CALL), Map.entry("MemberExpression", SyntaxKind.MEMBER),
			Map.entry("ArrowFunctionExpression", SyntaxKind.ARROW),
			Map.entry("FunctionExpression", SyntaxKind.FUNCTION_EXPRESSION),
			Map.entry("ParenthesizedExpression", SyntaxKind.PARENTHESES),
			Map.entry("TSAsExpression", SyntaxKind.TYPE_ASSERTION),
			Map.entry("TSSatisfiesExpression", SyntaxKind.TYPE_ASSERTION),
			Map.entry("TSNonNullExpression", SyntaxKind.TYPE_ASSERTION),
			Map.entry("TSTypeAssertion", SyntaxKind.TYPE_ASSERTION), Map.entry("StringLiteral", SyntaxKind.STRING),
			Map.entry("NumericLiteral", SyntaxKind.NUMBER), Map.entry("BooleanLiteral", SyntaxKind.BOOLEAN),
			Map.entry("NullLiteral", SyntaxKind.NULL));

	/**
	 * TypeScript nodes that are not types: they hold code that runs, or they are read
	 * above.
	 */
	private static final Set<String> TYPESCRIPT_CODE = Set.of("TSInstantiationExpression", "TSParameterProperty",
			"TSEnumBody", "TSEnumMember", "TSModuleBlock", "TSExternalModuleReference", "TSDeclareMethod");

	/** Nodes whose parameters and body are a function of their own. */
	private static final Set<String> FUNCTIONS = Set.of("FunctionDeclaration", "TSDeclareFunction",
			"FunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod", "TSDeclareMethod");

	/**
	 * The lists whose elements SWC wraps in a node of its own ({@code ExprOrSpread}), by
	 * node type and field; SWC wraps function parameters too ({@code Param}).
	 */
	private static final Set<String> WRAPPED_ELEMENTS = Set.of("ArrayExpression.elements", "CallExpression.arguments",
			"NewExpression.arguments", "OptionalCallExpression.arguments");

	/**
	 * Babel's nodes that stand where SWC's wrapper does: a spread, a constructor's
	 * parameter property.
	 */
	private static final Set<String> OWN_WRAPPERS = Set.of("SpreadElement", "TSParameterProperty");

	/**
	 * Fields that say a node is written in TypeScript, also where it holds no TypeScript
	 * node.
	 */
	private static final Set<String> TYPESCRIPT_FLAGS = Set.of("accessibility", "abstract", "override", "readonly",
			"definite", "declare");

	/**
	 * Nodes whose {@code optional} is JavaScript's {@code ?.}, not TypeScript's
	 * {@code x?}.
	 */
	private static final Set<String> OPTIONAL_CHAINS = Set.of("OptionalMemberExpression", "OptionalCallExpression",
			"MemberExpression", "CallExpression");

	private static final Set<String> SKIPPED = Set.of("type", "start", "end", "directives", "interpreter");

	private final TextLines lines;

	private final SyntaxDepth depth;

	private BabelSyntax(String text, SyntaxDepth depth) {
		this.lines = new TextLines(text);
		this.depth = depth;
	}

	/**
	 * @param text the text Babel parsed
	 * @param program Babel's {@code Program} node
	 * @param depth the bound on the tree's depth
	 * @return the tree
	 * @throws ProgramException when the tree is deeper than the bound
	 */
	static SyntaxNode read(String text, JsonNode program, SyntaxDepth depth) throws ProgramException {
		return new BabelSyntax(text, depth).node(program, Role.EXPRESSION, 0);
	}

	private SyntaxNode node(JsonNode node, Role role, int level) throws ProgramException {
		String type = node.path("type").asString("");
		int start = node.path("start").asInt(0);
		int end = node.path("end").asInt(start);
		int line = this.lines.line(start);
		int column = this.lines.column(start);
		SyntaxKind kind = kind(type, role);
		// SWC's binding (BindingIdent) holds an identifier node of its own.
		this.depth.check((kind == SyntaxKind.BINDING) ? level + 1 : level, line, column);
		List<SyntaxNode> children = new ArrayList<>();
		if (kind == SyntaxKind.PROGRAM) {
			// "use strict" and a lone string are directives to Babel; to the program's
			// shape they are statements.
			for (JsonNode directive : node.path("directives")) {
				children.add(directive(directive, level + 1));
			}
		}
		SyntaxNode expression = null;
		String operand = operand(type);
		List<SyntaxNode> function = FUNCTIONS.contains(type) ? new ArrayList<>() : children;
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String key = field.getKey();
			// Directives were read above ("use strict" inside a function changes nothing
			// normalization reads); a
			// "#!" line is not a statement to SWC either.
			if (SKIPPED.contains(key)) {
				continue;
			}
			Role childRole = role(type, key, role, node);
			// A function's name belongs to the scope around it, its parameters and body
			// to its own.
			List<SyntaxNode> into = (key.equals("id") || key.equals("key") || key.equals("decorators")) ? children
					: function;
			// Levels are counted as in SWC's tree, so that max-nesting-depth refuses the
			// same programs on both
			// paths (see swcFunctionLevel).
			int childLevel = level + 1 + ((into != children) ? swcFunctionLevel(type, node) : 0);
			boolean wrapped = WRAPPED_ELEMENTS.contains(type + "." + key)
					|| (key.equals("params") && into != children && !isAccessor(node, "set"));
			JsonNode value = field.getValue();
			if (value.isArray()) {
				for (JsonNode element : value) {
					if (element.isObject() && element.has("type")) {
						boolean own = OWN_WRAPPERS.contains(element.path("type").asString(""));
						into.add(node(element, childRole, (wrapped && !own) ? childLevel + 1 : childLevel));
					}
				}
			}
			else if (value.isObject() && value.has("type")) {
				SyntaxNode child = node(value, childRole, childLevel);
				into.add(child);
				if (key.equals(operand)) {
					expression = child;
				}
			}
		}
		if (function != children) {
			children.add(new SyntaxNode(SyntaxKind.FUNCTION, start, end, line, column, null, null, false, false, null,
					List.copyOf(function)));
		}
		return new SyntaxNode(kind, start, end, line, column, name(node, kind), value(node, kind),
				node.path("declare").asBoolean(false), typeScript(node, type), expression, List.copyOf(children));
	}

	/**
	 * The levels of SWC's tree that Babel's has not, counted so that max-nesting-depth
	 * bounds the same programs on both paths: SWC's Function node between a function and
	 * its parameters and body (here the FUNCTION node), which a constructor and an
	 * object's getter or setter do not have; an ExprOrSpread around each argument and
	 * array element, a Param around each parameter (not a setter's), an identifier inside
	 * each binding.
	 * @return 1 where SWC has a Function node for this function, else 0
	 */
	private static int swcFunctionLevel(String type, JsonNode node) {
		boolean constructor = "constructor".equals(node.path("kind").asString(""));
		return (constructor || isAccessor(node, "get") || isAccessor(node, "set")) ? 0 : 1;
	}

	/**
	 * @return whether the node is an object literal's getter or setter
	 */
	private static boolean isAccessor(JsonNode node, String kind) {
		return "ObjectMethod".equals(node.path("type").asString("")) && kind.equals(node.path("kind").asString(""));
	}

	private SyntaxNode directive(JsonNode directive, int level) throws ProgramException {
		JsonNode literal = directive.path("value");
		int start = directive.path("start").asInt(0);
		int line = this.lines.line(start);
		int column = this.lines.column(start);
		this.depth.check(level + 1, line, column);
		int literalStart = literal.path("start").asInt(start);
		SyntaxNode string = new SyntaxNode(SyntaxKind.STRING, literalStart, literal.path("end").asInt(literalStart),
				this.lines.line(literalStart), this.lines.column(literalStart), null,
				literal.path("value").asString(""), false, false, null, List.of());
		return new SyntaxNode(SyntaxKind.EXPRESSION_STATEMENT, start, directive.path("end").asInt(start), line, column,
				null, null, false, false, string, List.of(string));
	}

	private static SyntaxKind kind(String type, Role role) {
		if (type.equals("Identifier")) {
			return switch (role) {
				case BINDING -> SyntaxKind.BINDING;
				case PROPERTY_NAME -> SyntaxKind.PROPERTY_NAME;
				default -> SyntaxKind.IDENTIFIER;
			};
		}
		if (role == Role.EXPORTED && type.equals("FunctionDeclaration")) {
			// export default function main() {}: SWC reads a function expression, and so
			// does normalization.
			return SyntaxKind.FUNCTION_EXPRESSION;
		}
		if (role == Role.EXPORTED && type.equals("ClassDeclaration")) {
			return SyntaxKind.CLASS_EXPRESSION;
		}
		SyntaxKind kind = KINDS.get(type);
		if (kind != null) {
			return kind;
		}
		return (type.startsWith("TS") && !TYPESCRIPT_CODE.contains(type)) ? SyntaxKind.TYPE : SyntaxKind.OTHER;
	}

	/** The field that {@link SyntaxNode#expression()} names. */
	private static String operand(String type) {
		return switch (type) {
			case "ExpressionStatement", "ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression",
					"TSNonNullExpression", "TSTypeAssertion" ->
				"expression";
			case "ExportDefaultDeclaration" -> "declaration";
			case "ThrowStatement" -> "argument";
			case "CallExpression" -> "callee";
			case "MemberExpression" -> "object";
			case "VariableDeclarator" -> "init";
			default -> "";
		};
	}

	/**
	 * How a field's nodes are read: bindings in patterns, property names in keys, the
	 * rest as code.
	 */
	private static Role role(String type, String key, Role parent, JsonNode node) {
		boolean computed = node.path("computed").asBoolean(false);
		if (type.equals("ExportDefaultDeclaration")) {
			return Role.EXPORTED;
		}
		if ((key.equals("key") || key.equals("property") || key.equals("meta")) && !computed) {
			return Role.PROPERTY_NAME;
		}
		if (key.equals("typeAnnotation") || key.equals("decorators")) {
			return Role.EXPRESSION;
		}
		boolean pattern = parent == Role.BINDING;
		return switch (type) {
			case "VariableDeclarator" -> key.equals("id") ? Role.BINDING : Role.EXPRESSION;
			case "CatchClause" -> key.equals("param") ? Role.BINDING : Role.EXPRESSION;
			case "TSParameterProperty" -> key.equals("parameter") ? Role.BINDING : Role.EXPRESSION;
			case "AssignmentPattern" -> (key.equals("left") && pattern) ? Role.BINDING : Role.EXPRESSION;
			case "ObjectPattern", "ArrayPattern", "RestElement", "ObjectProperty" ->
				pattern && !key.equals("key") ? Role.BINDING : Role.EXPRESSION;
			default -> (FUNCTIONS.contains(type) || type.equals("ArrowFunctionExpression")) && key.equals("params")
					? Role.BINDING : Role.EXPRESSION;
		};
	}

	private static @Nullable String name(JsonNode node, SyntaxKind kind) {
		return switch (kind) {
			case IDENTIFIER, BINDING, PROPERTY_NAME -> node.path("name").asString(null);
			case FUNCTION_DECLARATION, FUNCTION_EXPRESSION, CLASS_DECLARATION, CLASS_EXPRESSION, ENUM_DECLARATION,
					NAMESPACE_DECLARATION, DECLARATOR -> {
				JsonNode id = node.path("id");
				yield "Identifier".equals(id.path("type").asString("")) ? id.path("name").asString(null) : null;
			}
			default -> null;
		};
	}

	private static @Nullable Object value(JsonNode node, SyntaxKind kind) {
		return switch (kind) {
			case STRING -> node.path("value").asString("");
			case NUMBER -> node.path("value").asDouble();
			case BOOLEAN -> node.path("value").asBoolean();
			default -> null;
		};
	}

	private static boolean typeScript(JsonNode node, String type) {
		if (type.startsWith("TS")) {
			return true;
		}
		for (String flag : TYPESCRIPT_FLAGS) {
			JsonNode value = node.path(flag);
			if (value.isBoolean() ? value.asBoolean() : value.isString()) {
				return true;
			}
		}
		return node.path("optional").asBoolean(false) && !OPTIONAL_CHAINS.contains(type);
	}

	private enum Role {

		EXPRESSION, BINDING, PROPERTY_NAME, EXPORTED

	}

}
