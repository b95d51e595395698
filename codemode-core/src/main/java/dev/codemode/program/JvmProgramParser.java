package dev.codemode.program;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.graalvm.polyglot.PolyglotException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pure-JVM path: Babel's parser reads the program and Sucrase strips its types, both
 * run by GraalJS in {@link TranspilerContexts} of their own. Unlike SWC's native code,
 * they stop at their time and statement bounds. Sucrase keeps every line where it was, so
 * a transpiled script needs no source map.
 * <p>
 * The contexts are shared by every normalizer of the JVM: loading the libraries takes
 * seconds in an interpreter, and they hold nothing of any program between calls.
 */
final class JvmProgramParser implements ProgramParser {

	private static final NpmModules.Package BABEL = NpmModules.Package.of("org.mvnpm.at.babel", "parser",
			"at/babel/babel-parser", "lib/index.js");

	private static final NpmModules.Package SUCRASE = NpmModules.Package.of("org.mvnpm", "sucrase", "sucrase",
			"dist/index.js");

	static final String DESCRIPTION = "pure JVM (Babel's parser " + BABEL.version() + " and Sucrase "
			+ SUCRASE.version() + " in GraalJS)";

	/**
	 * The npm packages that the transpiler contexts load: the two libraries and what
	 * Sucrase requires.
	 */
	static final Map<String, NpmModules.Package> PACKAGES = Map.of("@babel/parser", BABEL, "sucrase", SUCRASE,
			"ts-interface-checker",
			NpmModules.Package.of("org.mvnpm", "ts-interface-checker", "ts-interface-checker", "dist/index.js"),
			"lines-and-columns",
			NpmModules.Package.of("org.mvnpm", "lines-and-columns", "lines-and-columns", "build/index.js"));

	/**
	 * How many programs are parsed at once. Measured after GC: the first context takes
	 * about 21 MiB of heap (the libraries' code, which the engine shares), a second one
	 * about 1 MiB more.
	 */
	static final int CONTEXTS = 2;

	private static final Pattern POSITION = Pattern.compile("\\s*\\(\\d+:\\d+\\)\\s*$");

	/**
	 * Babel's errors that point one character past where SWC does: past the opening
	 * {@code `} or {@code /} of an unterminated template or regular expression, past the
	 * backslash of an invalid escape in a template.
	 */
	private static final Set<String> ONE_PAST = Set.of("UnterminatedTemplate", "UnterminatedRegExp",
			"InvalidEscapeSequenceTemplate");

	// Babel's tree nests about twice as deep as the program; the tree's own depth is
	// bounded while it is read.
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build())
			.build())
		.build();

	private final TranspilerContexts contexts;

	JvmProgramParser(TranspilerContexts contexts) {
		this.contexts = contexts;
	}

	/**
	 * @return the JVM's instance, made at the first call
	 */
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
			throw failure(ex, depth, "parsed");
		}
		JsonNode tree = JSON.readTree(json);
		if (tree.has("error")) {
			throw syntaxError(code, tree, lineShift);
		}
		if (tree.has("tooDeep")) {
			throw depth.tooDeep(null, null);
		}
		return BabelSyntax.read(code, tree, depth);
	}

	/**
	 * Babel's syntax error, placed where SWC places it: at the opening {@code `} or
	 * {@code /} of an unterminated template or regular expression, at the backslash of an
	 * invalid escape (Babel points past them), and at the end of the last token of a
	 * program cut short (Babel points at the end of the input, past any blank lines and
	 * comments). Lines and columns are counted as GraalJS counts them.
	 */
	private static ProgramException syntaxError(String code, JsonNode error, int lineShift) {
		String message = POSITION.matcher(error.path("error").asString("")).replaceFirst("");
		int offset = Math.max(0, Math.min(error.path("pos").asInt(0), code.length()));
		String reason = error.path("reasonCode").asString("");
		if (ONE_PAST.contains(reason) && offset > 0) {
			offset--;
		}
		else if (reason.equals("InvalidEscapeSequence")) {
			// Babel points at the digits of an escape such as \x4, SWC at the backslash
			// that starts it.
			int backslash = code.lastIndexOf('\\', offset);
			offset = (backslash >= offset - 3 && backslash >= 0) ? backslash : offset;
		}
		else if (offset == code.length()) {
			offset = JsTokens.scan(code).end();
		}
		TextLines lines = new TextLines(code);
		return ProgramException.syntax(message, lines.line(offset) + lineShift, lines.column(offset));
	}

	@Override
	public Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
		try {
			return new Transpiled(this.contexts.call("transpile", script, timeoutNanos), LineMap.shifted(lineShift));
		}
		catch (PolyglotException ex) {
			throw failure(ex, null, "transpiled");
		}
	}

	/** A failure of the library itself, in words that name no class of the host. */
	private static ProgramException failure(PolyglotException ex, @Nullable SyntaxDepth depth, String what) {
		String message = String.valueOf(ex.getMessage());
		if (depth != null && message.contains("Maximum call stack size exceeded")) {
			return depth.tooDeep(null, null);
		}
		return ProgramException.syntax("the program could not be " + what + ": " + message, null, null);
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

		static final JvmProgramParser INSTANCE = new JvmProgramParser(
				new TranspilerContexts(PACKAGES, CONTEXTS, TranspilerContexts.MAX_STATEMENTS));

	}

}
