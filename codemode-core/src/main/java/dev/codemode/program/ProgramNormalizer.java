package dev.codemode.program;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns the code a model wrote into a script whose completion value is a function to
 * call.
 * <p>
 * Accepted shapes, after one markdown fence is stripped: an arrow function or function
 * expression (called with no arguments), a function declaration (called),
 * {@code export default} of either or of a value, and bare statements, which run inside
 * an async function whose result is the last expression statement. Declarations of
 * functions and types after that statement do not count: they are hoisted or erased. When
 * that statement is a function after other statements (constants, helpers, interfaces),
 * the function is called where it stands, with them in scope. A program that ends with
 * declarations calls the function it declares last that nothing else calls
 * ({@code function main() {…}}, {@code const main = async () => {…}}). The decision is
 * taken on the program's syntax tree ({@link SyntaxNode}, from SWC or from Babel's
 * parser), never on patterns in the text. TypeScript is detected on the same tree and
 * only then transpiled, so plain JavaScript runs as written.
 * <p>
 * A program whose value is a function that it never called (such as
 * {@code const main = …; main}) cannot be recognized here in every form, so the runtime
 * rejects such a result with an error that says so.
 * <p>
 * Thread-safe; one instance serves an executor.
 */
public final class ProgramNormalizer implements AutoCloseable {

	/** Default maximum length of a program, in characters. */
	public static final int DEFAULT_MAX_CODE_LENGTH = 64 * 1024;

	/** Default maximum depth of a program's syntax tree. */
	public static final int DEFAULT_MAX_NESTING_DEPTH = 400;

	/** Default number of prepared programs kept for repeats. */
	public static final int DEFAULT_CACHE_SIZE = 256;

	private static final Pattern FENCE = Pattern
		.compile("\\A(\\s*```[\\w+#.-]*[ \\t]*\\r?\\n)(.*?)\\r?\\n[ \\t]*```\\s*\\z", Pattern.DOTALL);

	private static final String WRAPPER_START = "(async () => {\n";

	private static final String WRAPPER_END = "\n})";

	private static final String RETURN = "return (";

	private final int maxCodeLength;

	private final int maxNestingDepth;

	private final ProgramParser parser;

	private final ParseGuard guard;

	private final PreparedPrograms prepared;

	/**
	 * A normalizer with the default limits and cache, on the transpiler that this
	 * platform has.
	 */
	public ProgramNormalizer() {
		this(DEFAULT_MAX_CODE_LENGTH, DEFAULT_MAX_NESTING_DEPTH, Transpiler.AUTO, DEFAULT_CACHE_SIZE);
	}

	/**
	 * A normalizer that keeps no prepared programs: each call parses.
	 * @param maxCodeLength the longest program accepted, in characters; checked before
	 * anything parses it
	 * @param maxNestingDepth the deepest syntax tree accepted (bracket nesting is checked
	 * before parsing too)
	 * @param transpiler which parser and TypeScript transpiler to use
	 */
	public ProgramNormalizer(int maxCodeLength, int maxNestingDepth, Transpiler transpiler) {
		this(maxCodeLength, maxNestingDepth, transpiler, 0);
	}

	/**
	 * @param maxCodeLength the longest program accepted, in characters; checked before
	 * anything parses it
	 * @param maxNestingDepth the deepest syntax tree accepted (bracket nesting is checked
	 * before parsing too)
	 * @param transpiler which parser and TypeScript transpiler to use
	 * @param cacheSize how many prepared programs (and syntax errors) are kept for
	 * repeats of the same code, 0 for none
	 */
	public ProgramNormalizer(int maxCodeLength, int maxNestingDepth, Transpiler transpiler, int cacheSize) {
		this(maxCodeLength, maxNestingDepth, Transpilers.parser(transpiler), cacheSize);
	}

	ProgramNormalizer(int maxCodeLength, int maxNestingDepth, ProgramParser parser) {
		this(maxCodeLength, maxNestingDepth, parser, 0);
	}

	ProgramNormalizer(int maxCodeLength, int maxNestingDepth, ProgramParser parser, int cacheSize) {
		this(maxCodeLength, maxNestingDepth, parser,
				new PreparedPrograms(cacheSize, PreparedPrograms.DEFAULT_MAX_CHARS));
	}

	ProgramNormalizer(int maxCodeLength, int maxNestingDepth, ProgramParser parser, PreparedPrograms prepared) {
		this.maxCodeLength = maxCodeLength;
		this.maxNestingDepth = maxNestingDepth;
		this.parser = parser;
		this.guard = new ParseGuard(maxNestingDepth, ParseGuard.DEFAULT_BUDGET);
		this.prepared = prepared;
	}

	/**
	 * @return what parses programs and strips their types here, e.g.
	 * {@code "native (SWC)"}
	 */
	public String transpiler() {
		return this.parser.description();
	}

	/**
	 * Parser threads retired so far: a parse ran past its execution's deadline (or past
	 * the time after which it gives its thread's place to the next parse) in native code
	 * that cannot be stopped, so its thread was left to finish alone and replaced.
	 * @return how many, since this normalizer was created
	 */
	public long retiredParserThreads() {
		return this.parser.retiredThreads();
	}

	/**
	 * Retired parser threads that are still running; at the cap, parsing is refused until
	 * one finishes.
	 * @return how many
	 */
	public int runningRetiredParserThreads() {
		return this.parser.stuckThreads();
	}

	/**
	 * @return whether parses are accepted: false while too many parser threads are stuck
	 * in native parsing
	 */
	public boolean acceptsParses() {
		return this.parser.acceptsParses();
	}

	/**
	 * Prepares a program.
	 * @param code the code as the model wrote it
	 * @param timeoutNanos how long parsing and transpiling may take: the rest of the
	 * execution's time
	 * @return the script to run
	 * @throws ProgramException when the code is too large, too deep, too costly to parse,
	 * not valid, or a module; or when parsing did not finish in time or is refused
	 */
	public PreparedProgram prepare(@Nullable String code, long timeoutNanos) throws ProgramException {
		return prepare(code, Map.of(), timeoutNanos);
	}

	/**
	 * Prepares a program whose tool calls go through the namespaces' aliases (see
	 * {@link ToolCallSites}).
	 * @param code the code as the model wrote it
	 * @param aliases the alias of each namespace, from {@link ToolCallSites#aliases}
	 * @param timeoutNanos how long parsing and transpiling may take
	 * @return the script to run; the same for a repeat of code prepared recently, without
	 * parsing it again
	 * @throws ProgramException when the code is too large, too deep, not valid, or a
	 * module
	 */
	public PreparedProgram prepare(@Nullable String code, Map<String, String> aliases, long timeoutNanos)
			throws ProgramException {
		String text = (code != null) ? code : "";
		if (text.length() > this.maxCodeLength) {
			throw ProgramException.limit(
					"the program is too long: " + text.length() + " characters, and the limit is " + this.maxCodeLength
							+ " (max-code-length); write a shorter program and pass large data through tools");
		}
		PreparedProgram known = this.prepared.find(text, aliases);
		if (known != null) {
			return known;
		}
		try {
			PreparedProgram program = normalize(text, aliases, timeoutNanos);
			this.prepared.keep(text, aliases, program);
			return program;
		}
		catch (ProgramException ex) {
			this.prepared.keep(text, aliases, ex);
			throw ex;
		}
	}

	private PreparedProgram normalize(String code, Map<String, String> aliases, long timeoutNanos)
			throws ProgramException {
		String text = code;
		int lineShift = 0;
		Matcher fence = FENCE.matcher(text);
		if (fence.matches()) {
			lineShift = (int) fence.group(1).chars().filter((c) -> c == '\n').count();
			text = fence.group(2);
		}
		if (text.isBlank()) {
			return new PreparedProgram(WRAPPER_START + WRAPPER_END, false, LineMap.shifted(lineShift - 1));
		}
		long deadline = System.nanoTime() + timeoutNanos;
		// SWC cannot be stopped once it runs: what it would take too long on is refused
		// before it starts. The same
		// bound holds on every path, so that a program is refused or accepted alike
		// everywhere.
		this.guard.check(text, lineShift);
		SyntaxNode program = this.parser.parse(text, lineShift, new SyntaxDepth(this.maxNestingDepth, lineShift),
				timeoutNanos);
		Inspection inspection = inspect(program, lineShift);
		// Same length, line for line: the tree's spans still hold for the text.
		text = ToolCallSites.rewrite(text, program, aliases);
		Shape shape = shape(text, program, lineShift);
		if (!inspection.typeScript()) {
			LineMap lines = LineMap.shifted(lineShift + shape.lineShift());
			if (shape.insertedLine() > 0) {
				lines = lines.withInsertion(shape.insertedLine(), shape.insertedColumn(), RETURN.length());
			}
			return new PreparedProgram(shape.script(), false, lines, inspection.throwSites(), inspection.rejects());
		}
		ProgramParser.Transpiled output = this.parser.transpile(shape.script(), lineShift + shape.lineShift(),
				Math.max(0, deadline - System.nanoTime()));
		return new PreparedProgram(output.script(), true, output.lines(), inspection.throwSites(),
				inspection.rejects());
	}

	/** Tells whether the tree holds TypeScript syntax, and notes where it throws. */
	private static Inspection inspect(SyntaxNode program, int lineShift) {
		boolean typeScript = false;
		boolean rejects = false;
		List<ThrowSite> throwSites = new ArrayList<>();
		Deque<SyntaxNode> nodes = new ArrayDeque<>();
		nodes.push(program);
		while (!nodes.isEmpty()) {
			SyntaxNode node = nodes.pop();
			typeScript |= node.typeScript();
			if (node.kind() == SyntaxKind.THROW) {
				throwSites.add(new ThrowSite(node.line() + lineShift, node.column(), literal(node.expression())));
			}
			rejects |= (node.kind() == SyntaxKind.IDENTIFIER || node.kind() == SyntaxKind.PROPERTY_NAME)
					&& "reject".equals(node.name());
			node.children().forEach(nodes::push);
		}
		// The stack pops the last child first; source order makes the sites easier to
		// read in a debugger.
		throwSites.sort((a, b) -> (a.line() != b.line()) ? Integer.compare(a.line(), b.line())
				: Integer.compare(a.column(), b.column()));
		return new Inspection(typeScript, throwSites, rejects);
	}

	/**
	 * @return the canonical form of a primitive literal, or {@code null} for any other
	 * expression
	 */
	private static @Nullable String literal(@Nullable SyntaxNode expr) {
		if (expr == null) {
			return null;
		}
		SyntaxNode node = expr;
		while (node.kind() == SyntaxKind.PARENTHESES && node.expression() != null) {
			node = node.expression();
		}
		return switch (node.kind()) {
			case STRING, NUMBER, BOOLEAN -> ThrowSite.literal(node.value());
			case NULL -> ThrowSite.literal(null);
			default -> null;
		};
	}

	// --- Program shapes (issue 11 §1): which statement gives the result, and which
	// function is called. ---

	private Shape shape(String text, SyntaxNode program, int lineShift) throws ProgramException {
		// Empty statements (stray semicolons after the function) are not statements a
		// model means.
		List<SyntaxNode> items = program.children().stream().filter((item) -> item.kind() != SyntaxKind.EMPTY).toList();
		StringBuilder source = new StringBuilder(text);
		for (SyntaxNode item : items) {
			if (item.kind() == SyntaxKind.EXPORT_DEFAULT) {
				// Blank out "export default" so that columns stay where the model put
				// them.
				blank(source, item.start(), item.expression().start());
			}
			else if (item.kind() == SyntaxKind.MODULE_ITEM) {
				throw ProgramException.syntax(
						"import and export are not available: a program is a script, not a module; "
								+ "tools are called through their namespace, e.g. codemode.<tool>(input)",
						item.line() + lineShift, item.column());
			}
		}
		// The statement that gives the result is the last one that does something:
		// declarations of functions
		// and types after it (helpers written after the main function) are hoisted or
		// erased, so they are
		// still in scope when it runs.
		int main = items.size() - 1;
		while (main >= 0 && isHoisted(items.get(main))) {
			main--;
		}
		SyntaxNode statement = (main >= 0) ? items.get(main) : null;
		SyntaxNode expr = null;
		if (statement != null && statement.kind() == SyntaxKind.EXPRESSION_STATEMENT) {
			expr = statement.expression();
		}
		else if (statement != null && statement.kind() == SyntaxKind.EXPORT_DEFAULT) {
			expr = statement.expression();
			if (expr.kind() == SyntaxKind.FUNCTION_EXPRESSION && expr.name() != null) {
				// export default function main() {…}: a declaration, called by name.
				return called(source, expr.name());
			}
		}
		if (expr != null && expr.isFunction()) {
			// The program is a function: alone, it is the script's value; after other
			// statements, it is called
			// where it stands, with them in scope.
			return (items.size() == 1) ? new Shape(wrapIfExported(source, statement), 0, 0, 0)
					: returnExpression(source, expr, "()");
		}
		if (expr != null && expr.kind() != SyntaxKind.INTERFACE_DECLARATION) {
			return returnExpression(source, expr, "");
		}
		String function = functionToCall(items, main, program);
		return (function != null) ? called(source, function) : wrapped(source);
	}

	// "export default async () => …" alone: the blanked keywords would make "(" start a
	// statement of spaces.
	private static String wrapIfExported(StringBuilder source, SyntaxNode statement) {
		return (statement.kind() == SyntaxKind.EXPRESSION_STATEMENT) ? source.toString() : "(" + source + ")";
	}

	/**
	 * Declarations that need not run before the result: functions (hoisted) and types
	 * (erased).
	 */
	private static boolean isHoisted(SyntaxNode item) {
		return switch (item.kind()) {
			case FUNCTION_DECLARATION, INTERFACE_DECLARATION, TYPE_ALIAS_DECLARATION -> true;
			case NAMESPACE_DECLARATION, VARIABLES -> item.declare();
			default -> false;
		};
	}

	/**
	 * The function that a program which ends with declarations means to run: among the
	 * functions it declares from its last statement on ({@code function main() {…}} or
	 * {@code const main = async () => {…}}), the one that nothing else in the program
	 * calls; if several are never called, the last of them.
	 * @return its name, or {@code null} when the program declares no such function
	 */
	private static @Nullable String functionToCall(List<SyntaxNode> items, int main, SyntaxNode program) {
		List<SyntaxNode> candidates = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int i = Math.max(main, 0); i < items.size(); i++) {
			String name = declaredFunction(items.get(i));
			if (name != null) {
				candidates.add(items.get(i));
				names.add(name);
			}
		}
		if (candidates.isEmpty()) {
			return null;
		}
		Map<String, List<Integer>> uses = uses(program, names);
		for (int i = candidates.size() - 1; i >= 0; i--) {
			int start = candidates.get(i).start();
			int end = candidates.get(i).end();
			// A use inside its own declaration (recursion, the declared name itself) does
			// not count.
			if (uses.getOrDefault(names.get(i), List.of()).stream().allMatch((at) -> at >= start && at < end)) {
				return names.get(i);
			}
		}
		return null;
	}

	/**
	 * @return where each of the names occurs as an identifier, by offset, in one walk of
	 * the tree
	 */
	private static Map<String, List<Integer>> uses(SyntaxNode program, List<String> names) {
		Set<String> wanted = new HashSet<>(names);
		Map<String, List<Integer>> uses = new HashMap<>();
		Deque<SyntaxNode> nodes = new ArrayDeque<>();
		nodes.push(program);
		while (!nodes.isEmpty()) {
			SyntaxNode node = nodes.pop();
			if (node.kind() == SyntaxKind.IDENTIFIER && wanted.contains(node.name())) {
				uses.computeIfAbsent(node.name(), (name) -> new ArrayList<>()).add(node.start());
			}
			node.children().forEach(nodes::push);
		}
		return uses;
	}

	/**
	 * @return the name of the function a statement declares, or {@code null}
	 */
	private static @Nullable String declaredFunction(SyntaxNode item) {
		if (item.kind() == SyntaxKind.FUNCTION_DECLARATION && !item.declare()) {
			return item.name();
		}
		if (item.kind() == SyntaxKind.VARIABLES && !item.declare() && item.children().size() == 1) {
			SyntaxNode declarator = item.children().get(0);
			if (declarator.kind() == SyntaxKind.DECLARATOR && declarator.name() != null
					&& declarator.expression() != null && declarator.expression().isFunction()) {
				return declarator.name();
			}
		}
		return null;
	}

	private static Shape called(StringBuilder source, String function) {
		return wrapped(source.append("\nreturn ").append(function).append("();"));
	}

	/**
	 * Makes an expression the result where it stands; the wrapper adds one line before
	 * the code.
	 * @param call {@code "()"} to call the expression's value, or {@code ""}
	 */
	private static Shape returnExpression(StringBuilder source, SyntaxNode expr, String call) {
		source.insert(expr.end(), ")" + call);
		source.insert(expr.start(), RETURN);
		return new Shape(WRAPPER_START + source + WRAPPER_END, -1, expr.line() + 1, expr.column());
	}

	private static Shape wrapped(CharSequence body) {
		return new Shape(WRAPPER_START + body + WRAPPER_END, -1, 0, 0);
	}

	private static void blank(StringBuilder source, int start, int end) {
		for (int i = start; i < end; i++) {
			if (source.charAt(i) != '\n') {
				source.setCharAt(i, ' ');
			}
		}
	}

	// --- End of program shapes. ---

	@Override
	public void close() {
		this.parser.close();
	}

	/**
	 * @param script the script to run
	 * @param lineShift what to add to a script line to get the line of the (unfenced)
	 * code
	 * @param insertedLine the script line where {@code return (} was inserted, or 0
	 * @param insertedColumn the column where it was inserted
	 */
	private record Shape(String script, int lineShift, int insertedLine, int insertedColumn) {
	}

	private record Inspection(boolean typeScript, List<ThrowSite> throwSites, boolean rejects) {
	}

}
