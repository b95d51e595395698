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

import com.caoccao.javet.swc4j.ast.expr.Swc4jAstArrowExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstFnExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdent;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdentName;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstParenExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsAsExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstTsSatisfiesExpr;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstBool;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstNull;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstNumber;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstStr;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAst;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstExpr;
import com.caoccao.javet.swc4j.ast.interfaces.ISwc4jAstModuleDecl;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportDefaultDecl;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstExportDefaultExpr;
import com.caoccao.javet.swc4j.ast.pat.Swc4jAstBindingIdent;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstEmptyStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstExprStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstFnDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstThrowStmt;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsInterfaceDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsModuleDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstTsTypeAliasDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstVarDeclarator;
import com.caoccao.javet.swc4j.outputs.Swc4jTranspileOutput;

import dev.codemode.executor.ExecutionError;

/**
 * Turns the code a model wrote into a script whose completion value is a function to call.
 * <p>
 * Accepted shapes, after one markdown fence is stripped: an arrow function or function expression (called with
 * no arguments), a function declaration (called), {@code export default} of either or of a value, and bare
 * statements, which run inside an async function whose result is the last expression statement. Declarations of
 * functions and types after that statement do not count: they are hoisted or erased. When that statement is a
 * function after other statements (constants, helpers, interfaces), the function is called where it stands, with
 * them in scope. A program that ends with declarations calls the function it declares last that nothing else
 * calls ({@code function main() {…}}, {@code const main = async () => {…}}). The decision is taken on SWC's
 * syntax tree, never on patterns in the text. TypeScript is detected on the same tree and only then transpiled,
 * so plain JavaScript runs as written.
 * <p>
 * A program whose value is a function that it never called (such as {@code const main = …; main}) cannot be
 * recognized here in every form, so the runtime rejects such a result with an error that says so.
 * <p>
 * Thread-safe; one instance serves an executor.
 */
public final class ProgramNormalizer implements AutoCloseable {

    /** Default maximum length of a program, in characters. */
    public static final int DEFAULT_MAX_CODE_LENGTH = 64 * 1024;

    /** Default maximum depth of a program's syntax tree. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 400;

    private static final Pattern FENCE = Pattern
        .compile("\\A(\\s*```[\\w+#.-]*[ \\t]*\\r?\\n)(.*?)\\r?\\n[ \\t]*```\\s*\\z", Pattern.DOTALL);

    private static final String WRAPPER_START = "(async () => {\n";

    private static final String WRAPPER_END = "\n})";

    private static final String RETURN = "return (";

    private final int maxCodeLength;

    private final int maxNestingDepth;

    private final SwcCompiler swc;

    private final ParseGuard guard;

    public ProgramNormalizer() {
        this(DEFAULT_MAX_CODE_LENGTH, DEFAULT_MAX_NESTING_DEPTH);
    }

    /**
     * @param maxCodeLength the longest program accepted, in characters; checked before anything parses it
     * @param maxNestingDepth the deepest syntax tree accepted (bracket nesting is checked before parsing too)
     */
    public ProgramNormalizer(int maxCodeLength, int maxNestingDepth) {
        this(maxCodeLength, maxNestingDepth, new SwcCompiler());
    }

    ProgramNormalizer(int maxCodeLength, int maxNestingDepth, SwcCompiler swc) {
        this.maxCodeLength = maxCodeLength;
        this.maxNestingDepth = maxNestingDepth;
        this.swc = swc;
        this.guard = new ParseGuard(maxNestingDepth, ParseGuard.DEFAULT_BUDGET);
    }

    /**
     * Parser threads retired so far: a parse ran past its execution's deadline (or past the time after which it
     * gives its thread's place to the next parse) in native code that cannot be stopped, so its thread was left
     * to finish alone and replaced.
     * @return how many, since this normalizer was created
     */
    public long retiredParserThreads() {
        return this.swc.retiredThreads();
    }

    /**
     * Retired parser threads that are still running; at the cap, parsing is refused until one finishes.
     * @return how many
     */
    public int runningRetiredParserThreads() {
        return this.swc.stuckThreads();
    }

    /** @return whether parses are accepted: false while too many parser threads are stuck in native parsing */
    public boolean acceptsParses() {
        return this.swc.acceptsParses();
    }

    /**
     * Prepares a program.
     * @param code the code as the model wrote it
     * @param timeoutNanos how long parsing and transpiling may take: the rest of the execution's time
     * @return the script to run
     * @throws ProgramException when the code is too large, too deep, too costly to parse, not valid, or a module;
     * or when parsing did not finish in time or is refused
     */
    public PreparedProgram prepare(String code, long timeoutNanos) throws ProgramException {
        return prepare(code, Map.of(), timeoutNanos);
    }

    /**
     * Prepares a program whose tool calls go through the namespaces' aliases (see {@link ToolCallSites}).
     * @param code the code as the model wrote it
     * @param aliases the alias of each namespace, from {@link ToolCallSites#aliases}
     * @param timeoutNanos how long parsing and transpiling may take
     * @return the script to run
     * @throws ProgramException when the code is too large, too deep, not valid, or a module
     */
    public PreparedProgram prepare(String code, Map<String, String> aliases, long timeoutNanos)
            throws ProgramException {
        String text = (code != null) ? code : "";
        if (text.length() > this.maxCodeLength) {
            throw new ProgramException(new ExecutionError(ExecutionError.LIMIT, "the program is too long: "
                    + text.length() + " characters, and the limit is " + this.maxCodeLength
                    + " (max-code-length); write a shorter program and pass large data through tools"));
        }
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
        // SWC cannot be stopped once it runs: what it would take too long on is refused before it starts.
        this.guard.check(text, lineShift);
        ISwc4jAst program = this.swc.parse(text, lineShift, timeoutNanos).getProgram();
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
        Swc4jTranspileOutput output = this.swc.transpile(shape.script(), lineShift + shape.lineShift(),
                Math.max(0, deadline - System.nanoTime()));
        int[] lines = SourceMapLines.originalLines(output.getSourceMap());
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] != 0) {
                int original = lines[i] + lineShift + shape.lineShift();
                lines[i] = Math.max(original, 0);
            }
        }
        return new PreparedProgram(output.getCode(), true, LineMap.table(lines), inspection.throwSites(),
                inspection.rejects());
    }

    /**
     * Walks the tree without recursion: bounds its depth, tells whether it holds TypeScript syntax, and notes
     * where it throws.
     */
    private Inspection inspect(ISwc4jAst program, int lineShift) throws ProgramException {
        boolean typeScript = false;
        boolean rejects = false;
        List<ThrowSite> throwSites = new ArrayList<>();
        Deque<ISwc4jAst> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(program);
        depths.push(0);
        while (!nodes.isEmpty()) {
            ISwc4jAst node = nodes.pop();
            int depth = depths.pop();
            if (depth > this.maxNestingDepth) {
                throw new ProgramException(new ExecutionError(ExecutionError.LIMIT,
                        "the program nests deeper than " + this.maxNestingDepth
                                + " levels (max-nesting-depth); flatten it",
                        node.getSpan().getLine() + lineShift, node.getSpan().getColumn()));
            }
            typeScript |= node.getType().name().startsWith("Ts");
            if (node instanceof Swc4jAstThrowStmt thrown) {
                throwSites.add(new ThrowSite(node.getSpan().getLine() + lineShift, node.getSpan().getColumn(),
                        literal(thrown.getArg())));
            }
            rejects |= (node instanceof Swc4jAstIdent ident && "reject".equals(ident.getSym()))
                    || (node instanceof Swc4jAstIdentName name && "reject".equals(name.getSym()));
            for (ISwc4jAst child : node.getChildNodes()) {
                if (child != null) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        // The stack pops the last child first; source order makes the sites easier to read in a debugger.
        throwSites.sort((a, b) -> (a.line() != b.line()) ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return new Inspection(typeScript, throwSites, rejects);
    }

    /** @return the canonical form of a primitive literal, or {@code null} for any other expression */
    private static String literal(ISwc4jAst expr) {
        ISwc4jAst node = expr;
        while (node instanceof Swc4jAstParenExpr paren) {
            node = paren.getExpr();
        }
        if (node instanceof Swc4jAstStr str) {
            return ThrowSite.literal(str.getValue());
        }
        if (node instanceof Swc4jAstNumber number) {
            return ThrowSite.literal(number.getValue());
        }
        if (node instanceof Swc4jAstBool bool) {
            return ThrowSite.literal(bool.isValue());
        }
        if (node instanceof Swc4jAstNull) {
            return ThrowSite.literal(null);
        }
        return null;
    }

    // --- Program shapes (issue 11 §1): which statement gives the result, and which function is called. ---

    private Shape shape(String text, ISwc4jAst program, int lineShift) throws ProgramException {
        // Empty statements (stray semicolons after the function) are not statements a model means.
        List<ISwc4jAst> items = program.getChildNodes()
            .stream()
            .filter((item) -> item != null && !(item instanceof Swc4jAstEmptyStmt))
            .toList();
        StringBuilder source = new StringBuilder(text);
        for (ISwc4jAst item : items) {
            if (item instanceof Swc4jAstExportDefaultExpr || item instanceof Swc4jAstExportDefaultDecl) {
                // Blank out "export default" so that columns stay where the model put them.
                blank(source, item.getSpan().getStart(), exported(item).getSpan().getStart());
            }
            else if (item instanceof ISwc4jAstModuleDecl) {
                throw new ProgramException(new ExecutionError("SyntaxError",
                        "import and export are not available: a program is a script, not a module; "
                                + "tools are called through their namespace, e.g. codemode.<tool>(input)",
                        item.getSpan().getLine() + lineShift, item.getSpan().getColumn()));
            }
        }
        // The statement that gives the result is the last one that does something: declarations of functions
        // and types after it (helpers written after the main function) are hoisted or erased, so they are
        // still in scope when it runs.
        int main = items.size() - 1;
        while (main >= 0 && isHoisted(items.get(main))) {
            main--;
        }
        ISwc4jAst statement = (main >= 0) ? items.get(main) : null;
        ISwc4jAst expr = null;
        if (statement instanceof Swc4jAstExprStmt expression) {
            expr = expression.getExpr();
        }
        else if (statement instanceof Swc4jAstExportDefaultExpr || statement instanceof Swc4jAstExportDefaultDecl) {
            expr = exported(statement);
            if (expr instanceof Swc4jAstFnExpr function && function.getIdent().isPresent()) {
                // export default function main() {…}: a declaration, called by name.
                return called(source, function.getIdent().get().getSym());
            }
        }
        if (expr != null && isFunction(expr)) {
            // The program is a function: alone, it is the script's value; after other statements, it is called
            // where it stands, with them in scope.
            return (items.size() == 1) ? new Shape(wrapIfExported(source, statement), 0, 0, 0)
                    : returnExpression(source, expr, "()");
        }
        if (expr instanceof ISwc4jAstExpr) {
            return returnExpression(source, expr, "");
        }
        String function = functionToCall(items, main, program);
        return (function != null) ? called(source, function) : wrapped(source);
    }

    private static ISwc4jAst exported(ISwc4jAst item) {
        return (item instanceof Swc4jAstExportDefaultExpr expr) ? expr.getExpr()
                : ((Swc4jAstExportDefaultDecl) item).getDecl();
    }

    // "export default async () => …" alone: the blanked keywords would make "(" start a statement of spaces.
    private static String wrapIfExported(StringBuilder source, ISwc4jAst statement) {
        return (statement instanceof Swc4jAstExprStmt) ? source.toString() : "(" + source + ")";
    }

    /** Declarations that need not run before the result: functions (hoisted) and types (erased). */
    private static boolean isHoisted(ISwc4jAst item) {
        return item instanceof Swc4jAstFnDecl || item instanceof Swc4jAstTsInterfaceDecl
                || item instanceof Swc4jAstTsTypeAliasDecl
                || (item instanceof Swc4jAstTsModuleDecl module && module.isDeclare())
                || (item instanceof Swc4jAstVarDecl variables && variables.isDeclare());
    }

    /**
     * The function that a program which ends with declarations means to run: among the functions it declares
     * from its last statement on ({@code function main() {…}} or {@code const main = async () => {…}}), the one
     * that nothing else in the program calls; if several are never called, the last of them.
     * @return its name, or {@code null} when the program declares no such function
     */
    private static String functionToCall(List<ISwc4jAst> items, int main, ISwc4jAst program) {
        List<ISwc4jAst> candidates = new ArrayList<>();
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
            int start = candidates.get(i).getSpan().getStart();
            int end = candidates.get(i).getSpan().getEnd();
            // A use inside its own declaration (recursion, the declared name itself) does not count.
            if (uses.getOrDefault(names.get(i), List.of()).stream().allMatch((at) -> at >= start && at < end)) {
                return names.get(i);
            }
        }
        return null;
    }

    /** @return where each of the names occurs as an identifier, by offset, in one walk of the tree */
    private static Map<String, List<Integer>> uses(ISwc4jAst program, List<String> names) {
        Set<String> wanted = new HashSet<>(names);
        Map<String, List<Integer>> uses = new HashMap<>();
        // Iterative: the tree's depth was bounded by inspect(), but the walk needs no stack either way.
        Deque<ISwc4jAst> nodes = new ArrayDeque<>();
        nodes.push(program);
        while (!nodes.isEmpty()) {
            ISwc4jAst node = nodes.pop();
            if (node instanceof Swc4jAstIdent ident && wanted.contains(ident.getSym())) {
                uses.computeIfAbsent(ident.getSym(), (name) -> new ArrayList<>()).add(ident.getSpan().getStart());
            }
            for (ISwc4jAst child : node.getChildNodes()) {
                if (child != null) {
                    nodes.push(child);
                }
            }
        }
        return uses;
    }

    /** @return the name of the function a statement declares, or {@code null} */
    private static String declaredFunction(ISwc4jAst item) {
        if (item instanceof Swc4jAstFnDecl declaration && !declaration.isDeclare()) {
            return declaration.getIdent().getSym();
        }
        if (item instanceof Swc4jAstVarDecl variables && !variables.isDeclare() && variables.getDecls().size() == 1) {
            Swc4jAstVarDeclarator declarator = variables.getDecls().get(0);
            if (declarator.getName() instanceof Swc4jAstBindingIdent binding && declarator.getInit().isPresent()
                    && isFunction(declarator.getInit().get())) {
                return binding.getId().getSym();
            }
        }
        return null;
    }

    private static Shape called(StringBuilder source, String function) {
        return wrapped(source.append("\nreturn ").append(function).append("();"));
    }

    /**
     * Makes an expression the result where it stands; the wrapper adds one line before the code.
     * @param call {@code "()"} to call the expression's value, or {@code ""}
     */
    private static Shape returnExpression(StringBuilder source, ISwc4jAst expr, String call) {
        int start = expr.getSpan().getStart();
        int end = expr.getSpan().getEnd();
        source.insert(end, ")" + call);
        source.insert(start, RETURN);
        return new Shape(WRAPPER_START + source + WRAPPER_END, -1, expr.getSpan().getLine() + 1,
                expr.getSpan().getColumn());
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

    /** An arrow function or function expression, also in parentheses or under a type assertion. */
    private static boolean isFunction(ISwc4jAst expr) {
        ISwc4jAst node = expr;
        while (true) {
            if (node instanceof Swc4jAstParenExpr paren) {
                node = paren.getExpr();
            }
            else if (node instanceof Swc4jAstTsAsExpr as) {
                node = as.getExpr();
            }
            else if (node instanceof Swc4jAstTsSatisfiesExpr satisfies) {
                node = satisfies.getExpr();
            }
            else {
                return node instanceof Swc4jAstArrowExpr || node instanceof Swc4jAstFnExpr;
            }
        }
    }

    // --- End of program shapes. ---

    @Override
    public void close() {
        this.swc.close();
    }

    /**
     * @param script the script to run
     * @param lineShift what to add to a script line to get the line of the (unfenced) code
     * @param insertedLine the script line where {@code return (} was inserted, or 0
     * @param insertedColumn the column where it was inserted
     */
    private record Shape(String script, int lineShift, int insertedLine, int insertedColumn) {
    }

    private record Inspection(boolean typeScript, List<ThrowSite> throwSites, boolean rejects) {
    }

}
