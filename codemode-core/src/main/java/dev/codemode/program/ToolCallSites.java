package dev.codemode.program;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.caoccao.javet.swc4j.ast.clazz.Swc4jAstFunction;
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
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAst;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstTsType;
import com.caoccao.javet.swc4j.ast.pat.Swc4jAstBindingIdent;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstClassDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstFnDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsEnumDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsInterfaceDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsModuleDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsTypeAliasDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDecl;
import com.caoccao.javet.swc4j.ast.ts.Swc4jAstTsTypeAnn;
import com.caoccao.javet.swc4j.ast.ts.Swc4jAstTsTypeParamDecl;
import com.caoccao.javet.swc4j.ast.ts.Swc4jAstTsTypeParamInstantiation;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstWithStmt;

/**
 * Points the program's tool calls at a lenient view of their namespace, so that calling a tool that does not exist
 * is an {@code UnknownToolError} that a {@code try/catch} receives, while the namespace itself stays truthful:
 * {@code typeof codemode.nope} is {@code 'undefined'}, {@code "nope" in codemode} is false.
 * <p>
 * A call {@code ns.tool(...)} or {@code ns["tool"](...)} (also {@code (ns as any).tool(...)}) where {@code ns}
 * names a namespace and no binding of the program shadows it gets its {@code ns} replaced by an alias of the same
 * length (e.g. {@code codemode} → {@code $odemode}): the runtime binds the alias to a read-only view of the
 * namespace whose missing members are functions that reject with the error. The same length keeps every line
 * and column of the program where the model wrote it. Any other use of the namespace is left alone.
 * <p>
 * Shadowing is judged conservatively: a binding of the name anywhere in an enclosing function (or in the program)
 * leaves the call as written, and so do programs that use {@code with} or {@code eval}, which can bind names the
 * syntax tree does not show.
 */
public final class ToolCallSites {

    private ToolCallSites() {
    }

    /**
     * One alias per namespace: the same length as the namespace's name, with at least one {@code $} (no global of
     * JavaScript has one), distinct from every namespace and from every other alias.
     * @param namespaces the names of the namespaces, in a stable order
     * @return the alias of each namespace that has one
     */
    public static Map<String, String> aliases(Collection<String> namespaces) {
        Set<String> taken = new HashSet<>(namespaces);
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            for (String candidate : candidates(namespace)) {
                if (taken.add(candidate)) {
                    aliases.put(namespace, candidate);
                    break;
                }
            }
        }
        return aliases;
    }

    private static List<String> candidates(String name) {
        List<String> candidates = new ArrayList<>();
        // $odemode, $$demode, ... then $odemod0 .. $odemod9 and so on for the rare clash.
        for (int k = 1; k <= name.length(); k++) {
            candidates.add("$".repeat(k) + name.substring(k));
        }
        if (name.length() >= 2) {
            String stem = "$" + name.substring(1, name.length() - 1);
            for (char c = '0'; c <= '9'; c++) {
                candidates.add(stem + c);
            }
        }
        return candidates;
    }

    /**
     * Rewrites the tool call sites of a parsed program.
     * @param text the code that was parsed
     * @param program its syntax tree
     * @param aliases the alias of each namespace (see {@link #aliases(Collection)})
     * @return the code with the namespace of each call site replaced by its alias; the same length as
     * {@code text}, line for line and column for column
     */
    static String rewrite(String text, ISwc4jAst program, Map<String, String> aliases) {
        if (aliases.isEmpty()) {
            return text;
        }
        Set<String> identifiers = new HashSet<>();
        Map<ISwc4jAst, Set<String>> bindings = new IdentityHashMap<>();
        List<Site> sites = new ArrayList<>();
        Deque<ISwc4jAst> nodes = new ArrayDeque<>();
        Deque<Scope> scopes = new ArrayDeque<>();
        nodes.push(program);
        scopes.push(new Scope(program, null));
        while (!nodes.isEmpty()) {
            ISwc4jAst node = nodes.pop();
            Scope scope = scopes.pop();
            if (node instanceof Swc4jAstWithStmt) {
                return text;
            }
            if (typeOnly(node)) {
                // Types are stripped before the program runs: `declare const codemode: …` (copied from the
                // description) or a parameter in a function type binds nothing at run time.
                continue;
            }
            if (node instanceof Swc4jAstIdent ident) {
                identifiers.add(ident.getSym());
            }
            else if (node instanceof Swc4jAstIdentName name) {
                identifiers.add(name.getSym());
            }
            String bound = boundName(node);
            if (bound != null) {
                // Attributed to the enclosing function as a whole: a block-scoped binding shadows more than it
                // does, so a call is at most left alone that could have been rewritten, never the reverse.
                bindings.computeIfAbsent(scope.owner(), (owner) -> new HashSet<>()).add(bound);
            }
            if (node instanceof Swc4jAstCallExpr call) {
                Swc4jAstIdent namespace = namespaceOf(call);
                if (namespace != null && aliases.containsKey(namespace.getSym())) {
                    sites.add(new Site(namespace, scope));
                }
            }
            Scope inner = (node instanceof Swc4jAstFunction || node instanceof Swc4jAstArrowExpr)
                    ? new Scope(node, scope) : scope;
            for (ISwc4jAst child : node.getChildNodes()) {
                if (child != null) {
                    nodes.push(child);
                    scopes.push(inner);
                }
            }
        }
        if (identifiers.contains("eval")) {
            return text;
        }
        StringBuilder source = new StringBuilder(text);
        // SWC counts code points; a string index counts UTF-16 units, two for a character beyond the BMP (an emoji).
        int codePoints = text.codePointCount(0, text.length());
        boolean astral = codePoints != text.length();
        for (Site site : sites) {
            String name = site.namespace().getSym();
            String alias = aliases.get(name);
            int start = site.namespace().getSpan().getStart();
            int end = site.namespace().getSpan().getEnd();
            if (astral && start >= 0 && end >= start && end <= codePoints) {
                start = text.offsetByCodePoints(0, start);
                end = text.offsetByCodePoints(start, end - site.namespace().getSpan().getStart());
            }
            if (identifiers.contains(alias) || shadowed(name, site.scope(), bindings) || start < 0
                    || end > text.length() || !name.equals(text.substring(start, end))) {
                continue;
            }
            source.replace(start, end, alias);
        }
        return source.toString();
    }

    /** The identifier {@code ns} of a call {@code ns.m(...)}, {@code ns[m](...)}, {@code (ns as T).m(...)}. */
    private static Swc4jAstIdent namespaceOf(Swc4jAstCallExpr call) {
        ISwc4jAst callee = unwrap(call.getCallee());
        if (callee instanceof Swc4jAstMemberExpr member && unwrap(member.getObj()) instanceof Swc4jAstIdent ident) {
            return ident;
        }
        return null;
    }

    private static ISwc4jAst unwrap(ISwc4jAst expr) {
        ISwc4jAst node = expr;
        while (true) {
            if (node instanceof Swc4jAstParenExpr paren) {
                node = paren.getExpr();
            }
            else if (node instanceof Swc4jAstTsAsExpr as) {
                node = as.getExpr();
            }
            else if (node instanceof Swc4jAstTsNonNullExpr nonNull) {
                node = nonNull.getExpr();
            }
            else if (node instanceof Swc4jAstTsTypeAssertion assertion) {
                node = assertion.getExpr();
            }
            else if (node instanceof Swc4jAstTsSatisfiesExpr satisfies) {
                node = satisfies.getExpr();
            }
            else if (node instanceof Swc4jAstTsConstAssertion constant) {
                node = constant.getExpr();
            }
            else {
                return node;
            }
        }
    }

    private static boolean typeOnly(ISwc4jAst node) {
        return node instanceof ISwc4jAstTsType || node instanceof Swc4jAstTsTypeAnn
                || node instanceof Swc4jAstTsInterfaceDecl || node instanceof Swc4jAstTsTypeAliasDecl
                || node instanceof Swc4jAstTsTypeParamDecl || node instanceof Swc4jAstTsTypeParamInstantiation
                || (node instanceof Swc4jAstVarDecl declaration && declaration.isDeclare())
                || (node instanceof Swc4jAstFnDecl declaration && declaration.isDeclare())
                || (node instanceof Swc4jAstClassDecl declaration && declaration.isDeclare())
                || (node instanceof Swc4jAstTsEnumDecl declaration && declaration.isDeclare())
                || (node instanceof Swc4jAstTsModuleDecl declaration && declaration.isDeclare());
    }

    /** The name a node binds, or {@code null}. */
    private static String boundName(ISwc4jAst node) {
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
        return null;
    }

    private static boolean shadowed(String name, Scope scope, Map<ISwc4jAst, Set<String>> bindings) {
        for (Scope s = scope; s != null; s = s.outer()) {
            if (bindings.getOrDefault(s.owner(), Set.of()).contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A function (or the program) and the scope around it. */
    private record Scope(ISwc4jAst owner, Scope outer) {
    }

    private record Site(Swc4jAstIdent namespace, Scope scope) {
    }

}
