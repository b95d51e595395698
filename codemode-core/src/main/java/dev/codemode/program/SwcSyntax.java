package dev.codemode.program;

import java.util.ArrayList;
import java.util.List;

import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstConstructor;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstFunction;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstGetterProp;
import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstSetterProp;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstArrowExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstCallExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstClassExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstFnExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdent;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdentName;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstMemberExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstParenExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsAsExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsConstAssertion;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsNonNullExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsSatisfiesExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsTypeAssertion;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstBool;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstNull;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstNumber;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstStr;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAst;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstModuleDecl;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstTsType;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportDefaultDecl;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportDefaultExpr;
import com.caoccao.javet.swc4j.ast.pat.Swc4jAstBindingIdent;
import com.caoccao.javet.swc4j.ast.program.Swc4jAstModule;
import com.caoccao.javet.swc4j.ast.program.Swc4jAstScript;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstClassDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstEmptyStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstExprStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstFnDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstThrowStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsEnumDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsInterfaceDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsModuleDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsTypeAliasDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDeclarator;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstWithStmt;
import com.caoccao.javet.swc4j.ast.ts.Swc4jAstTsTypeAnn;
import com.caoccao.javet.swc4j.ast.ts.Swc4jAstTsTypeParamDecl;
import com.caoccao.javet.swc4j.ast.ts.Swc4jAstTsTypeParamInstantiation;
import org.jspecify.annotations.Nullable;

/**
 * Reads SWC's syntax tree into {@link SyntaxNode}s, one for each of SWC's nodes. SWC's
 * offsets count code points; they become UTF-16 offsets of the text here.
 */
final class SwcSyntax {

	private final String text;

	private final boolean astral;

	private final SyntaxDepth depth;

	private SwcSyntax(String text, SyntaxDepth depth) {
		this.text = text;
		this.astral = text.codePointCount(0, text.length()) != text.length();
		this.depth = depth;
	}

	/**
	 * @param text the text SWC parsed
	 * @param program SWC's tree of it
	 * @param depth the bound on the tree's depth
	 * @return the tree
	 * @throws ProgramException when the tree is deeper than the bound
	 */
	static SyntaxNode read(String text, ISwc4jAst program, SyntaxDepth depth) throws ProgramException {
		return new SwcSyntax(text, depth).node(program, 0);
	}

	private SyntaxNode node(ISwc4jAst node, int level) throws ProgramException {
		int line = node.getSpan().getLine();
		int column = node.getSpan().getColumn();
		this.depth.check(level, line, column);
		List<SyntaxNode> children = new ArrayList<>();
		SyntaxNode expression = null;
		ISwc4jAst operand = operand(node);
		for (ISwc4jAst child : node.getChildNodes()) {
			if (child != null) {
				SyntaxNode read = node(child, level + 1);
				children.add(read);
				if (child == operand) {
					expression = read;
				}
			}
		}
		int start = offset(node.getSpan().getStart());
		int end = offset(node.getSpan().getEnd());
		return new SyntaxNode(kind(node), start, end, line, column, name(node), value(node), declare(node),
				node.getType().name().startsWith("Ts"), expression, List.copyOf(children));
	}

	private int offset(int codePoints) {
		if (!this.astral || codePoints < 0 || codePoints > this.text.codePointCount(0, this.text.length())) {
			return codePoints;
		}
		return this.text.offsetByCodePoints(0, codePoints);
	}

	private static SyntaxKind kind(ISwc4jAst node) {
		if (node instanceof Swc4jAstScript || node instanceof Swc4jAstModule) {
			return SyntaxKind.PROGRAM;
		}
		if (node instanceof Swc4jAstEmptyStmt) {
			return SyntaxKind.EMPTY;
		}
		if (node instanceof Swc4jAstExprStmt) {
			return SyntaxKind.EXPRESSION_STATEMENT;
		}
		if (node instanceof Swc4jAstExportDefaultExpr || node instanceof Swc4jAstExportDefaultDecl) {
			return SyntaxKind.EXPORT_DEFAULT;
		}
		if (node instanceof ISwc4jAstModuleDecl) {
			return SyntaxKind.MODULE_ITEM;
		}
		if (node instanceof Swc4jAstFnDecl) {
			return SyntaxKind.FUNCTION_DECLARATION;
		}
		if (node instanceof Swc4jAstVarDecl) {
			return SyntaxKind.VARIABLES;
		}
		if (node instanceof Swc4jAstVarDeclarator) {
			return SyntaxKind.DECLARATOR;
		}
		if (node instanceof Swc4jAstClassDecl) {
			return SyntaxKind.CLASS_DECLARATION;
		}
		if (node instanceof Swc4jAstClassExpr) {
			return SyntaxKind.CLASS_EXPRESSION;
		}
		if (node instanceof Swc4jAstTsEnumDecl) {
			return SyntaxKind.ENUM_DECLARATION;
		}
		if (node instanceof Swc4jAstTsModuleDecl) {
			return SyntaxKind.NAMESPACE_DECLARATION;
		}
		if (node instanceof Swc4jAstTsInterfaceDecl) {
			return SyntaxKind.INTERFACE_DECLARATION;
		}
		if (node instanceof Swc4jAstTsTypeAliasDecl) {
			return SyntaxKind.TYPE_ALIAS_DECLARATION;
		}
		if (node instanceof ISwc4jAstTsType || node instanceof Swc4jAstTsTypeAnn
				|| node instanceof Swc4jAstTsTypeParamDecl || node instanceof Swc4jAstTsTypeParamInstantiation) {
			return SyntaxKind.TYPE;
		}
		if (node instanceof Swc4jAstThrowStmt) {
			return SyntaxKind.THROW;
		}
		if (node instanceof Swc4jAstWithStmt) {
			return SyntaxKind.WITH;
		}
		if (node instanceof Swc4jAstCallExpr) {
			return SyntaxKind.CALL;
		}
		if (node instanceof Swc4jAstMemberExpr) {
			return SyntaxKind.MEMBER;
		}
		if (node instanceof Swc4jAstIdent) {
			return SyntaxKind.IDENTIFIER;
		}
		if (node instanceof Swc4jAstIdentName) {
			return SyntaxKind.PROPERTY_NAME;
		}
		if (node instanceof Swc4jAstBindingIdent) {
			return SyntaxKind.BINDING;
		}
		if (node instanceof Swc4jAstArrowExpr) {
			return SyntaxKind.ARROW;
		}
		if (node instanceof Swc4jAstFnExpr) {
			return SyntaxKind.FUNCTION_EXPRESSION;
		}
		if (node instanceof Swc4jAstFunction || node instanceof Swc4jAstConstructor
				|| node instanceof Swc4jAstGetterProp || node instanceof Swc4jAstSetterProp) {
			// A constructor and an object's getter or setter hold their parameters and
			// body without a Function.
			return SyntaxKind.FUNCTION;
		}
		if (node instanceof Swc4jAstParenExpr) {
			return SyntaxKind.PARENTHESES;
		}
		if (node instanceof Swc4jAstTsAsExpr || node instanceof Swc4jAstTsSatisfiesExpr
				|| node instanceof Swc4jAstTsNonNullExpr || node instanceof Swc4jAstTsTypeAssertion
				|| node instanceof Swc4jAstTsConstAssertion) {
			return SyntaxKind.TYPE_ASSERTION;
		}
		if (node instanceof Swc4jAstStr) {
			return SyntaxKind.STRING;
		}
		if (node instanceof Swc4jAstNumber) {
			return SyntaxKind.NUMBER;
		}
		if (node instanceof Swc4jAstBool) {
			return SyntaxKind.BOOLEAN;
		}
		return (node instanceof Swc4jAstNull) ? SyntaxKind.NULL : SyntaxKind.OTHER;
	}

	/** The child that {@link SyntaxNode#expression()} names, or {@code null}. */
	private static @Nullable ISwc4jAst operand(ISwc4jAst node) {
		if (node instanceof Swc4jAstExprStmt statement) {
			return statement.getExpr();
		}
		if (node instanceof Swc4jAstExportDefaultExpr exported) {
			return exported.getExpr();
		}
		if (node instanceof Swc4jAstExportDefaultDecl exported) {
			return exported.getDecl();
		}
		if (node instanceof Swc4jAstThrowStmt thrown) {
			return thrown.getArg();
		}
		if (node instanceof Swc4jAstCallExpr call) {
			return call.getCallee();
		}
		if (node instanceof Swc4jAstMemberExpr member) {
			return member.getObj();
		}
		if (node instanceof Swc4jAstVarDeclarator declarator) {
			return declarator.getInit().orElse(null);
		}
		if (node instanceof Swc4jAstParenExpr paren) {
			return paren.getExpr();
		}
		if (node instanceof Swc4jAstTsAsExpr as) {
			return as.getExpr();
		}
		if (node instanceof Swc4jAstTsSatisfiesExpr satisfies) {
			return satisfies.getExpr();
		}
		if (node instanceof Swc4jAstTsNonNullExpr nonNull) {
			return nonNull.getExpr();
		}
		if (node instanceof Swc4jAstTsTypeAssertion assertion) {
			return assertion.getExpr();
		}
		return (node instanceof Swc4jAstTsConstAssertion constant) ? constant.getExpr() : null;
	}

	private static @Nullable String name(ISwc4jAst node) {
		if (node instanceof Swc4jAstIdent ident) {
			return ident.getSym();
		}
		if (node instanceof Swc4jAstIdentName name) {
			return name.getSym();
		}
		if (node instanceof Swc4jAstBindingIdent binding) {
			return binding.getId().getSym();
		}
		if (node instanceof Swc4jAstFnDecl declaration) {
			return declaration.getIdent().getSym();
		}
		if (node instanceof Swc4jAstClassDecl declaration) {
			return declaration.getIdent().getSym();
		}
		if (node instanceof Swc4jAstFnExpr function) {
			return function.getIdent().map(Swc4jAstIdent::getSym).orElse(null);
		}
		if (node instanceof Swc4jAstClassExpr clazz) {
			return clazz.getIdent().map(Swc4jAstIdent::getSym).orElse(null);
		}
		if (node instanceof Swc4jAstTsEnumDecl declaration) {
			return declaration.getId().getSym();
		}
		if (node instanceof Swc4jAstTsModuleDecl declaration && declaration.getId() instanceof Swc4jAstIdent ident) {
			return ident.getSym();
		}
		if (node instanceof Swc4jAstVarDeclarator declarator
				&& declarator.getName() instanceof Swc4jAstBindingIdent b) {
			return b.getId().getSym();
		}
		return null;
	}

	private static @Nullable Object value(ISwc4jAst node) {
		if (node instanceof Swc4jAstStr str) {
			return str.getValue();
		}
		if (node instanceof Swc4jAstNumber number) {
			return number.getValue();
		}
		return (node instanceof Swc4jAstBool bool) ? bool.isValue() : null;
	}

	private static boolean declare(ISwc4jAst node) {
		return (node instanceof Swc4jAstVarDecl declaration && declaration.isDeclare())
				|| (node instanceof Swc4jAstFnDecl function && function.isDeclare())
				|| (node instanceof Swc4jAstClassDecl clazz && clazz.isDeclare())
				|| (node instanceof Swc4jAstTsEnumDecl enumeration && enumeration.isDeclare())
				|| (node instanceof Swc4jAstTsModuleDecl module && module.isDeclare());
	}

}
