package dev.codemode.executor.graaljs;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.executor.ExecutionError;
import dev.codemode.program.PreparedProgram;
import dev.codemode.program.ProgramException;
import dev.codemode.program.ThrowSite;

/**
 * Turns what GraalJS reports into errors a model can act on: the kind, the message, the
 * line and column in the model's own code, and a hint where the model reached for
 * something this sandbox does not have. No Java class name or stack frame ever passes
 * through.
 */
final class ErrorTranslator {

	private static final Pattern KIND = Pattern.compile("^((?:[A-Z][A-Za-z]*)?(?:Error|Exception|Rejection)): (.*)$",
			Pattern.DOTALL);

	private static final Pattern TOOL_CALL = Pattern
		.compile("[\\s(]*([A-Za-z_$][\\w$]*)\\s*\\.\\s*([A-Za-z_$][\\w$]*)");

	private static final Pattern ERROR_NAME = Pattern.compile("[A-Z][A-Za-z0-9_$]{0,60}");

	private static final Pattern NOT_DEFINED = Pattern.compile("^\"?([A-Za-z_$][\\w$]*)\"? is not defined$");

	/** What models reach for out of habit: Node.js, browsers, other runtimes. */
	private static final Set<String> HOST_GLOBALS = Set.of("require", "module", "exports", "__dirname", "__filename",
			"fetch", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "queueMicrotask",
			"Buffer", "XMLHttpRequest", "WebSocket", "window", "document", "localStorage", "sessionStorage",
			"navigator", "location", "crypto", "performance", "structuredClone", "TextEncoder", "TextDecoder", "URL",
			"URLSearchParams", "AbortController", "atob", "btoa", "Deno", "Bun", "import", "print", "load", "quit",
			"exit", "Java", "Packages", "Polyglot", "Graal", "java");

	/** Namespaces that other code-mode runtimes use for tools. */
	private static final Set<String> OTHER_TOOL_NAMESPACES = Set.of("tools", "functions", "api", "default_api", "mcp",
			"external", "manual", "state", "github", "text", "ALL_TOOLS");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_LISTED_TOOLS = 50;

	/** What an error's message may carry, the marker of a cut included. */
	static final int MAX_MESSAGE_CHARS = 2_000;

	static final int MAX_KIND_CHARS = 60;

	private static final int CLOSEST_TOOLS = 10;

	private ErrorTranslator() {
	}

	static ExecutionError translate(PolyglotException ex, ErrorContext context) {
		if (context.cancelled() != null) {
			// The execution recorded why it stopped before it closed the context: that
			// limit, not the symptom.
			return context.cancelled();
		}
		if (ex.isResourceExhausted()) {
			return exhausted(ex, context.options());
		}
		PreparedProgram program = context.program();
		Map<String, List<String>> toolIdentifiers = context.toolIdentifiers();
		Collection<String> namespaces = toolIdentifiers.keySet();
		if (ex.isCancelled() || ex.isInterrupted()) {
			// Every limit records its reason first, so this is the executor shutting down
			// under the program.
			return new ExecutionError("Error", "the sandbox was shut down while the program was running; run it again");
		}
		if (ex.isHostException() || ex.isInternalError()) {
			// Not the program's doing; the message of a host exception may still help the
			// model.
			return new ExecutionError("Error", (ex.isHostException() && ex.getMessage() != null)
					? withoutJava(bounded(ex.getMessage())) : "internal error in the sandbox");
		}
		String kind = "Error";
		String message = bounded(String.valueOf(ex.getMessage()));
		if (ex.isSyntaxError()) {
			kind = "SyntaxError";
			message = message.replaceFirst("^SyntaxError: ", "")
				.replaceFirst("^" + Pattern.quote(Execution.PROGRAM_NAME) + ":\\d+:\\d+ ", "");
			message = message.lines().findFirst().orElse(message);
		}
		else {
			Matcher named = KIND.matcher(message);
			if (named.matches()) {
				kind = boundedKind(named.group(1));
				message = named.group(2);
			}
		}
		Integer line = null;
		Integer column = null;
		SourceSection location = programLocation(ex);
		if (location != null && program != null) {
			line = program.lines().originalLine(location.getStartLine());
			column = (line != null) ? program.lines().originalColumn(location.getStartLine(), location.getStartColumn())
					: null;
		}
		if ("TypeError".equals(kind) && message.endsWith(" is not a function")) {
			// GraalJS may name the callee "(intermediate value)"; the source text at the
			// error says what it was.
			String callee = (location != null) ? location.getCharacters().toString() : "";
			Matcher call = TOOL_CALL.matcher(callee);
			if (call.lookingAt() && namespaces.contains(call.group(1))
					&& !toolIdentifiers.getOrDefault(call.group(1), List.of()).contains(call.group(2))) {
				return new ExecutionError(ExecutionError.UNKNOWN_TOOL, unknownTool(call.group(1), call.group(2),
						toolIdentifiers.getOrDefault(call.group(1), List.of())), line, column);
			}
		}
		if ("ReferenceError".equals(kind)) {
			message = message + hintForUndefined(message, namespaces, toolIdentifiers);
		}
		return new ExecutionError(kind, message, line, column);
	}

	/**
	 * A program refused before it ran, as the executor reports it.
	 */
	static ExecutionError refused(ProgramException ex) {
		String kind = switch (ex.kind()) {
			case SYNTAX -> "SyntaxError";
			case LIMIT -> ExecutionError.LIMIT;
			case TIMEOUT -> ExecutionError.TIMEOUT;
		};
		return new ExecutionError(kind, ex.getMessage(), ex.line(), ex.column());
	}

	/**
	 * The engine ran out of something: the statement limit (the only engine limit this
	 * executor sets), or the JVM's heap or stack, which the engine reports the same way.
	 */
	private static ExecutionError exhausted(PolyglotException ex, GraalJsExecutorOptions options) {
		String message = String.valueOf(ex.getMessage());
		if (options.maxStatements() > 0 && message.contains("Statement count limit")) {
			return new ExecutionError(ExecutionError.LIMIT, "the program ran more than " + options.maxStatements()
					+ " statements (max-statements); check for a runaway loop, or do the work in fewer steps");
		}
		if (message.toLowerCase(Locale.ROOT).contains("stack")) {
			return new ExecutionError("RangeError", "Maximum call stack size exceeded");
		}
		return new ExecutionError(ExecutionError.LIMIT, "the JVM ran out of memory while the program was running, "
				+ "so it was stopped to protect the application (heap protection); build smaller values, or fetch "
				+ "and return less data");
	}

	/**
	 * An exception that surfaced while the job queue drained: a promise rejected with no
	 * handler.
	 */
	static ExecutionError unhandled(ExecutionError error, PolyglotException ex) {
		if (ex.isCancelled() || ex.isInterrupted() || ex.isResourceExhausted()
				|| ExecutionError.TIMEOUT.equals(error.kind()) || ExecutionError.LIMIT.equals(error.kind())
				|| ExecutionError.UNKNOWN_TOOL.equals(error.kind())) {
			// An unknown tool is the mistake to fix, whether or not its call was awaited.
			return error;
		}
		// A rejection with a value that is not an Error comes as "Error: Unhandled
		// promise rejection: <value>".
		String message = error.message().replaceFirst("^Unhandled promise rejection: ", "");
		String kind = message.equals(error.message()) ? error.kind() + ": " : "";
		return new ExecutionError(
				ExecutionError.UNHANDLED_REJECTION, "a promise was rejected and nothing handled "
						+ "it (await every tool call, or catch its failure): " + kind + message,
				error.line(), error.column());
	}

	/**
	 * A thrown value that is not an Error, e.g. {@code throw "x"}: it has no stack, so
	 * the line comes from the program's {@code throw} statements where they tell which
	 * one it was. An object with a string {@code name} and {@code message} (a hand-made
	 * error) is reported by those.
	 */
	static ExecutionError thrownValue(Value thrown, @Nullable PreparedProgram program) {
		String kind = "Error";
		String message;
		String literal = null;
		try {
			if (thrown.isString()) {
				message = "the program threw " + quote(bounded(thrown.asString())) + " (a string, not an Error object)";
				literal = ThrowSite.literal(thrown.asString());
			}
			else if (thrown.isNumber() || thrown.isBoolean()) {
				message = "the program threw " + thrown + " (not an Error object)";
				literal = thrown.isBoolean() ? ThrowSite.literal(thrown.asBoolean())
						: ThrowSite.literal(thrown.asDouble());
			}
			else if (thrown.isNull()) {
				// isNull() holds for undefined as well.
				message = "the program threw " + thrown + " (not an Error object)";
				literal = "null".equals(thrown.toString()) ? ThrowSite.literal(null) : null;
			}
			else {
				Value name = thrown.hasMembers() ? thrown.getMember("name") : null;
				Value text = thrown.hasMembers() ? thrown.getMember("message") : null;
				if (name != null && name.isString() && ERROR_NAME.matcher(name.asString()).matches() && text != null
						&& text.isString()) {
					kind = name.asString();
					message = bounded(text.asString());
				}
				else {
					message = "the program threw " + thrown + " (not an Error object)";
				}
			}
		}
		catch (RuntimeException ex) {
			// A getter that throws, or a context closed under our feet.
			message = "the program threw a value that cannot be printed";
		}
		Optional<ThrowSite> site = (program != null) ? program.throwSiteOf(literal) : Optional.empty();
		return new ExecutionError(kind, message, site.map(ThrowSite::line).orElse(null),
				site.map(ThrowSite::column).orElse(null));
	}

	static String toolFailureMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		if (message == null || message.isBlank()) {
			return "the tool failed without a message";
		}
		return message;
	}

	static String unknownTool(String namespace, String called, List<String> available) {
		// The program chooses the name (codemode["x".repeat(1e6)]()): bounded before it
		// is compared or shown.
		String name = (called.length() > 100) ? called.substring(0, 100) + "…" : called;
		List<String> listed = available;
		String which = "Available";
		if (available.size() > MAX_LISTED_TOOLS) {
			listed = available.stream()
				.sorted(Comparator.comparingInt((String tool) -> distance(tool.toLowerCase(), name.toLowerCase()))
					.thenComparing(Comparator.naturalOrder()))
				.limit(CLOSEST_TOOLS)
				.toList();
			which = "Closest of " + available.size();
		}
		return "Tool \"" + name + "\" not found in " + namespace + ". " + which + ": " + String.join(", ", listed);
	}

	private static String hintForUndefined(String message, Collection<String> namespaces,
			Map<String, List<String>> toolIdentifiers) {
		Matcher undefined = NOT_DEFINED.matcher(message);
		if (!undefined.matches()) {
			return "";
		}
		String name = undefined.group(1);
		String example = namespaces.isEmpty() ? "codemode" : namespaces.iterator().next();
		if (HOST_GLOBALS.contains(name)) {
			return " (this sandbox runs plain JavaScript: there is no Node.js, no browser, no network and no "
					+ "timers; call tools through " + example + ".<tool>(input))";
		}
		for (Map.Entry<String, List<String>> namespace : toolIdentifiers.entrySet()) {
			if (namespace.getValue().contains(name)) {
				return " (did you mean " + namespace.getKey() + "." + name + "(input)?)";
			}
		}
		if (OTHER_TOOL_NAMESPACES.contains(name) || name.startsWith("external_")) {
			return " (tools are called through " + String.join(", ", namespaces) + ", e.g. " + example
					+ ".<tool>(input), and the result is handed back with return)";
		}
		return "";
	}

	private static @Nullable SourceSection programLocation(PolyglotException ex) {
		SourceSection location = ex.getSourceLocation();
		if (isProgram(location)) {
			return location;
		}
		for (PolyglotException.StackFrame frame : ex.getPolyglotStackTrace()) {
			if (frame.isGuestFrame() && isProgram(frame.getSourceLocation())) {
				return frame.getSourceLocation();
			}
		}
		return null;
	}

	private static boolean isProgram(@Nullable SourceSection location) {
		return location != null && location.isAvailable()
				&& Execution.PROGRAM_NAME.equals(location.getSource().getName());
	}

	/**
	 * Cuts a message to what any error may carry before it is parsed or reported: a
	 * program decides the size of its own messages ({@code e.message = 'x'.repeat(1e8)}).
	 */
	static String bounded(String message) {
		if (message.length() <= MAX_MESSAGE_CHARS) {
			return message;
		}
		// The cut message, marker included, stays within the cap: cutting it again
		// changes nothing, so the marker
		// keeps the length of the message as the program made it.
		String marker = "… [message truncated: " + message.length() + " characters]";
		return message.substring(0, MAX_MESSAGE_CHARS - marker.length()) + marker;
	}

	/**
	 * An error's kind is a name; one longer than a name is cut like a message, with a
	 * marker.
	 */
	static String boundedKind(String kind) {
		if (kind.length() <= MAX_KIND_CHARS) {
			return kind;
		}
		return kind.substring(0, MAX_KIND_CHARS) + "… [kind truncated: " + kind.length() + " characters]";
	}

	private static String withoutJava(String message) {
		return message.replaceAll("(?:java|javax|jdk|sun|org\\.graalvm|com\\.oracle)\\.[\\w.$]+", "");
	}

	static String quote(String text) {
		return JSON.writeValueAsString(text);
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
