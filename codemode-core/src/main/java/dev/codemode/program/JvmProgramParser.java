package dev.codemode.program;

import java.util.Map;
import java.util.regex.Pattern;

import org.graalvm.polyglot.PolyglotException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ExecutionError;

/**
 * The pure-JVM path: Babel's parser reads the program and Sucrase strips its types, both run by GraalJS in
 * {@link TranspilerContexts} of their own. Unlike SWC's native code, they stop at their time and statement
 * bounds. Sucrase keeps every line where it was, so a transpiled script needs no source map.
 * <p>
 * The contexts are shared by every normalizer of the JVM: loading the libraries takes seconds in an
 * interpreter, and they hold nothing of any program between calls.
 */
final class JvmProgramParser implements ProgramParser {

    private static final NpmModules.Package BABEL = NpmModules.Package.of("org.mvnpm.at.babel", "parser",
            "at/babel/babel-parser", "lib/index.js");

    private static final NpmModules.Package SUCRASE = NpmModules.Package.of("org.mvnpm", "sucrase", "sucrase",
            "dist/index.js");

    static final String DESCRIPTION = "pure JVM (Babel's parser " + BABEL.version() + " and Sucrase "
            + SUCRASE.version() + " in GraalJS)";

    /** How many programs are parsed at once: each context holds both libraries, tens of megabytes. */
    static final int CONTEXTS = 2;

    private static final Pattern POSITION = Pattern.compile("\\s*\\(\\d+:\\d+\\)\\s*$");

    // Babel's tree nests about twice as deep as the program; the tree's own depth is bounded while it is read.
    private static final JsonMapper JSON = JsonMapper
        .builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build())
            .build())
        .build();

    private final TranspilerContexts contexts;

    private JvmProgramParser(TranspilerContexts contexts) {
        this.contexts = contexts;
    }

    /** @return the JVM's instance, made at the first call */
    static JvmProgramParser shared() {
        return Shared.INSTANCE;
    }

    @Override
    public SyntaxNode parse(String code, int lineShift, SyntaxDepth depth, long timeoutNanos) throws ProgramException {
        String json;
        try {
            json = this.contexts.call("parse", code, timeoutNanos);
        }
        catch (PolyglotException ex) {
            throw new ProgramException(failure(ex, depth, "parsed"));
        }
        JsonNode tree = JSON.readTree(json);
        if (tree.has("error")) {
            String message = POSITION.matcher(tree.path("error").asString("")).replaceFirst("");
            throw new ProgramException(new ExecutionError("SyntaxError", message,
                    tree.path("line").asInt() + lineShift, tree.path("column").asInt() + 1));
        }
        return BabelSyntax.read(code, tree, depth);
    }

    @Override
    public Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
        try {
            return new Transpiled(this.contexts.call("transpile", script, timeoutNanos), LineMap.shifted(lineShift));
        }
        catch (PolyglotException ex) {
            throw new ProgramException(failure(ex, null, "transpiled"));
        }
    }

    /** A failure of the library itself, in words that name no class of the host. */
    private static ExecutionError failure(PolyglotException ex, SyntaxDepth depth, String what) {
        String message = String.valueOf(ex.getMessage());
        if (depth != null && message.contains("Maximum call stack size exceeded")) {
            return depth.tooDeep(null, null);
        }
        return new ExecutionError("SyntaxError", "the program could not be " + what + ": " + message);
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public void close() {
        // Shared by the JVM's normalizers.
    }

    private static final class Shared {

        static final JvmProgramParser INSTANCE = new JvmProgramParser(new TranspilerContexts(
                Map.of("@babel/parser", BABEL, "sucrase", SUCRASE, "ts-interface-checker",
                        NpmModules.Package.of("org.mvnpm", "ts-interface-checker", "ts-interface-checker",
                                "dist/index.js"),
                        "lines-and-columns", NpmModules.Package.of("org.mvnpm", "lines-and-columns",
                                "lines-and-columns", "build/index.js")),
                CONTEXTS));

    }

}
