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

import org.jspecify.annotations.Nullable;

/**
 * Points the program's tool calls at a lenient view of their namespace, so that calling a
 * tool that does not exist is an {@code UnknownToolError} that a {@code try/catch}
 * receives, while the namespace itself stays truthful: {@code typeof codemode.nope} is
 * {@code 'undefined'}, {@code "nope" in codemode} is false.
 * <p>
 * A call {@code ns.tool(...)} or {@code ns["tool"](...)} (also
 * {@code (ns as any).tool(...)}) where {@code ns} names a namespace and no binding of the
 * program shadows it gets its {@code ns} replaced by an alias of the same length (e.g.
 * {@code codemode} → {@code $odemode}): the runtime binds the alias to a read-only view
 * of the namespace whose missing members are functions that reject with the error. The
 * same length keeps every line and column of the program where the model wrote it. Any
 * other use of the namespace is left alone.
 * <p>
 * Shadowing is judged conservatively: a binding of the name anywhere in an enclosing
 * function (or in the program) leaves the call as written, and so do programs that use
 * {@code with} or {@code eval}, which can bind names the syntax tree does not show.
 */
public final class ToolCallSites {

	private ToolCallSites() {
	}

	/**
	 * One alias per namespace: the same length as the namespace's name, with at least one
	 * {@code $} (no global of JavaScript has one), distinct from every namespace and from
	 * every other alias.
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
	 * @return the code with the namespace of each call site replaced by its alias; the
	 * same length as {@code text}, line for line and column for column
	 */
	static String rewrite(String text, SyntaxNode program, Map<String, String> aliases) {
		if (aliases.isEmpty()) {
			return text;
		}
		Set<String> identifiers = new HashSet<>();
		Map<SyntaxNode, Set<String>> bindings = new IdentityHashMap<>();
		List<Site> sites = new ArrayList<>();
		Deque<SyntaxNode> nodes = new ArrayDeque<>();
		Deque<Scope> scopes = new ArrayDeque<>();
		nodes.push(program);
		scopes.push(new Scope(program, null));
		while (!nodes.isEmpty()) {
			SyntaxNode node = nodes.pop();
			Scope scope = scopes.pop();
			if (node.kind() == SyntaxKind.WITH) {
				return text;
			}
			if (typeOnly(node)) {
				// Types are stripped before the program runs: `declare const codemode: …`
				// (copied from the
				// description) or a parameter in a function type binds nothing at run
				// time.
				continue;
			}
			if (node.kind() == SyntaxKind.IDENTIFIER || node.kind() == SyntaxKind.PROPERTY_NAME
					|| node.kind() == SyntaxKind.BINDING) {
				identifiers.add(node.name());
			}
			String bound = boundName(node);
			if (bound != null) {
				// Attributed to the enclosing function as a whole: a block-scoped binding
				// shadows more than it
				// does, so a call is at most left alone that could have been rewritten,
				// never the reverse.
				bindings.computeIfAbsent(scope.owner(), (owner) -> new HashSet<>()).add(bound);
			}
			if (node.kind() == SyntaxKind.CALL) {
				SyntaxNode namespace = namespaceOf(node);
				if (namespace != null && aliases.containsKey(namespace.name())) {
					sites.add(new Site(namespace, scope));
				}
			}
			Scope inner = (node.kind() == SyntaxKind.FUNCTION || node.kind() == SyntaxKind.ARROW)
					? new Scope(node, scope) : scope;
			for (SyntaxNode child : node.children()) {
				nodes.push(child);
				scopes.push(inner);
			}
		}
		if (identifiers.contains("eval")) {
			return text;
		}
		StringBuilder source = new StringBuilder(text);
		for (Site site : sites) {
			String name = site.namespace().name();
			String alias = aliases.get(name);
			int start = site.namespace().start();
			int end = site.namespace().end();
			if (identifiers.contains(alias) || shadowed(name, site.scope(), bindings) || start < 0
					|| end > text.length() || !name.equals(text.substring(start, end))) {
				continue;
			}
			source.replace(start, end, alias);
		}
		return source.toString();
	}

	/**
	 * The identifier {@code ns} of a call {@code ns.m(...)}, {@code ns[m](...)},
	 * {@code (ns as T).m(...)}.
	 */
	private static @Nullable SyntaxNode namespaceOf(SyntaxNode call) {
		SyntaxNode callee = (call.expression() != null) ? call.expression().unwrapped() : null;
		if (callee != null && callee.kind() == SyntaxKind.MEMBER && callee.expression() != null) {
			SyntaxNode object = callee.expression().unwrapped();
			return (object.kind() == SyntaxKind.IDENTIFIER) ? object : null;
		}
		return null;
	}

	private static boolean typeOnly(SyntaxNode node) {
		return switch (node.kind()) {
			case TYPE, INTERFACE_DECLARATION, TYPE_ALIAS_DECLARATION -> true;
			case VARIABLES, FUNCTION_DECLARATION, CLASS_DECLARATION, ENUM_DECLARATION, NAMESPACE_DECLARATION ->
				node.declare();
			default -> false;
		};
	}

	/** The name a node binds, or {@code null}. */
	private static @Nullable String boundName(SyntaxNode node) {
		return switch (node.kind()) {
			case BINDING, FUNCTION_DECLARATION, CLASS_DECLARATION, FUNCTION_EXPRESSION, CLASS_EXPRESSION,
					ENUM_DECLARATION, NAMESPACE_DECLARATION ->
				node.name();
			default -> null;
		};
	}

	private static boolean shadowed(String name, Scope scope, Map<SyntaxNode, Set<String>> bindings) {
		for (Scope s = scope; s != null; s = s.outer()) {
			if (bindings.getOrDefault(s.owner(), Set.of()).contains(name)) {
				return true;
			}
		}
		return false;
	}

	/** A function (or the program) and the scope around it. */
	private record Scope(SyntaxNode owner, @Nullable Scope outer) {
	}

	private record Site(SyntaxNode namespace, Scope scope) {
	}

}
