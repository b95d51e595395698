package dev.codemode.program;

/**
 * Refuses, before SWC sees it, code whose parse would take more than a bounded time. SWC
 * runs in native code that nothing can interrupt, so the only safe parse is one that is
 * known to be short before it starts.
 * <p>
 * SWC parses TypeScript by trying a reading and backing out of it when it fails. Measured
 * on swc4j 2.0.0 (2 cores), such tries make its time grow faster than the code:
 * <ul>
 * <li>a {@code <} after a value is first read as type arguments ({@code f<T>(x)}), as far
 * as the text looks like a type: in {@code x = a<b,a<b,…} (attack corpus row G3) every
 * {@code <} reads to the end, so the time grows with the square of the length (4 KB: 1 s,
 * 8 KB: 3.8 s);</li>
 * <li>a {@code <T>} where an expression starts is first read as a generic arrow function
 * over the whole expression that follows, then again as a type assertion;
 * {@code (a): T => body} in a conditional is first read as an arrow function with its
 * body, then again without it; type arguments before a template ({@code f<T>`${…}`}) read
 * the template twice: nested, each doubles the time (22 nested {@code <a>(}: 115 bytes, 6
 * s);</li>
 * <li>an expression inside a type that such a try reads (a parameter's default in
 * {@code (x = e) => T}, a computed key in <code>{ [e]: T }</code>) is read several times
 * more (nine nested <code>{ [a &lt;</code>: 122 bytes, 1.3 s);</li>
 * <li>each label is checked against every label around it ({@code a: a: a: …}, 6 KB: 3
 * s).</li>
 * </ul>
 * The guard scans the tokens once ({@link JsTokens}) and estimates SWC's work in token
 * visits: each token counts 2<sup>k</sup>, where k is the number of tries whose reach may
 * enclose it (a bracket group inside a type counts as two, the key or parameters of an
 * object type's member as four), a try adds a fixed cost and the type-like tokens it
 * reads, and a label adds the labels around it. The estimate errs high; past the budget
 * the code is refused with a {@link ProgramException.Kind#LIMIT} that says what to
 * simplify, and where. The scan stops at the budget, so it is linear. It also bounds
 * bracket nesting, so that a program too deep for {@code max-nesting-depth} is refused
 * before SWC parses it.
 * <p>
 * The scan follows the lexical rules SWC follows (strings, comments, templates, regular
 * expressions, HTML-like comments), so text that is not code costs nothing; an input
 * built to be lexed differently by the two would be estimated wrongly, and is then
 * bounded only by {@link SwcCompiler}'s deadline and retirement of its thread.
 */
final class ParseGuard {

	/**
	 * Default budget of estimated parse work, in token visits. Measured on 2 cores, the
	 * largest accepted instance of each shape above parses in at most about 50 ms (G3 at
	 * 976 bytes: 52 ms; the exponential shapes, whose estimate errs high, under 10 ms),
	 * and a 60 KB program of ordinary code with 700 comparisons costs a quarter of the
	 * budget.
	 */
	static final long DEFAULT_BUDGET = 250_000;

	/**
	 * The fixed cost of one try, in token visits: SWC saves and restores its state and
	 * builds an error each time, which costs more than reading tens of tokens (each
	 * {@code <} of {@code a<b;} repeated, each decorator).
	 */
	private static final int TRY = 50;

	/** The cost of checking a label against one label around it, in token visits. */
	private static final int LABEL = 8;

	/**
	 * A bracket group inside a type that a try reads is read more than twice: SWC tries
	 * several readings of {@code (x = e) => …} (measured: five to ten times the time per
	 * level), so its tokens count four times (2<sup>2</sup>) per such level, and those of
	 * a member's key or parameters in an object type, <code>{ [e]: … }</code> (measured:
	 * up to 24 times per level), sixteen times.
	 */
	private static final int TYPE_GROUP_BITS = 2;

	/** Past this many nested tries the estimate is over any budget. */
	private static final int MAX_TRIES = 62;

	private final int maxNestingDepth;

	private final long budget;

	/**
	 * @param maxNestingDepth the deepest bracket nesting accepted
	 * @param budget the most estimated parse work accepted, in token visits
	 */
	ParseGuard(int maxNestingDepth, long budget) {
		this.maxNestingDepth = maxNestingDepth;
		this.budget = budget;
	}

	/**
	 * Refuses code that is too deep or too costly to parse.
	 * @param code the code, as SWC will see it
	 * @param lineShift lines to add to a line of {@code code} to get the model's
	 * @throws ProgramException a {@link ProgramException.Kind#LIMIT} naming what was
	 * refused
	 */
	void check(String code, int lineShift) throws ProgramException {
		JsTokens tokens = JsTokens.scan(code);
		if (tokens.maxDepth() > this.maxNestingDepth) {
			throw refusal(code, tokens.maxDepthStart(), lineShift, SyntaxDepth.message(this.maxNestingDepth));
		}
		Estimate estimate = estimate(tokens, this.budget);
		if (estimate.work() > this.budget) {
			throw refusal(code, estimate.where(), lineShift, "the program is too ambiguous to parse in bounded time "
					+ "(estimated parse work over " + this.budget + " token visits). TypeScript reads each `<` after a "
					+ "value as possible type arguments, and `<T>x` or `(a): T => …` where an expression starts as "
					+ "a possible arrow function, and tries each reading; here they chain or nest too far. Put long "
					+ "comparisons, ternaries and callbacks into separate statements, and write `x as T` rather "
					+ "than `<T>x`");
		}
	}

	/**
	 * Estimates the work of parsing some code.
	 * @param code the code
	 * @return the estimate, in token visits; past the default budget it is only known to
	 * be over it
	 */
	static long work(String code) {
		return estimate(JsTokens.scan(code), DEFAULT_BUDGET * 4).work();
	}

	private static Estimate estimate(JsTokens tokens, long budget) {
		int count = tokens.count();
		// The tries (and the labels) whose reach encloses the current token, by the depth
		// where each started; the
		// depths never decrease from the bottom of a stack to its top, so the ones that
		// end are always on top.
		int[] tries = new int[MAX_TRIES + 1];
		int open = 0;
		int outermost = -1;
		int[] labels = new int[16];
		int openLabels = 0;
		int lastLabel = -2;
		// Bracket groups inside types that a try reads: +1 from the group's first token,
		// -1 after its last.
		int[] nesting = new int[count + 1];
		int inTypes = 0;
		// Unclosed '<' at each depth: a comma inside <T, U> does not end the expression a
		// try reaches over.
		int[] angles = new int[tokens.maxDepth() + 2];
		long work = 0;
		for (int t = 0; t < count; t++) {
			byte kind = tokens.kind(t);
			int depth = tokens.depth(t);
			inTypes += nesting[t];
			if (kind == JsTokens.OPEN) {
				angles[depth + 1] = 0;
			}
			else if (kind == JsTokens.LT) {
				angles[depth]++;
			}
			else if (kind == JsTokens.GT) {
				angles[depth] = Math.max(0, angles[depth] - 1);
			}
			else if (kind == JsTokens.SEMI) {
				angles[depth] = 0;
			}
			while (open > 0 && ends(tokens, t, kind, depth, tries[open - 1], angles[depth] > 0)) {
				open--;
			}
			while (openLabels > 0
					&& (depth < labels[openLabels - 1] || (depth == labels[openLabels - 1] && kind == JsTokens.SEMI))) {
				openLabels--;
			}
			long weight = 1;
			boolean tagged = false;
			if (kind == JsTokens.LT) {
				// Tried as type arguments (or parameters), and read again when that
				// fails.
				long run = typeRun(tokens, t, 1, budget, nesting);
				weight += TRY + 2 * run;
				// f<T>`…`: the template is read inside the try, and again when it fails.
				tagged = run < count - t - 1 && tokens.kind((int) (t + run)) == JsTokens.GT
						&& tokens.isTemplate((int) (t + run + 1));
			}
			else if (kind == JsTokens.COLON && t > 0 && tokens.kind(t - 1) == JsTokens.CLOSE
					&& tokens.has(t - 1, JsTokens.PRIMARY)) {
				weight += TRY + typeRun(tokens, t, 0, budget, nesting);
			}
			else if (kind == JsTokens.OP && tokens.has(t, JsTokens.DECORATOR)) {
				weight += TRY;
			}
			else if (isLabel(tokens, t, lastLabel == t - 2)) {
				lastLabel = t;
				// SWC checks a label against every label around it.
				weight += (long) LABEL * openLabels;
				if (openLabels == labels.length) {
					labels = java.util.Arrays.copyOf(labels, openLabels * 2);
				}
				labels[openLabels++] = depth;
			}
			int around = open + TYPE_GROUP_BITS * inTypes;
			work = saturatedAdd(work,
					(around >= MAX_TRIES || weight > (Long.MAX_VALUE >> around)) ? Long.MAX_VALUE : weight << around);
			if (work > budget) {
				int where = (open > 0) ? outermost : t;
				return new Estimate(work, tokens.start(Math.max(where, 0)));
			}
			if (tagged || startsTry(tokens, t, kind, count)) {
				if (open == 0) {
					outermost = t;
				}
				tries[open++] = depth;
			}
		}
		return new Estimate(work, -1);
	}

	/** A label: a word and a colon where a statement starts. */
	private static boolean isLabel(JsTokens tokens, int t, boolean afterLabel) {
		if (tokens.kind(t) != JsTokens.WORD || t + 1 >= tokens.count() || tokens.kind(t + 1) != JsTokens.COLON) {
			return false;
		}
		if (t == 0) {
			return true;
		}
		int p = t - 1;
		return switch (tokens.kind(p)) {
			case JsTokens.SEMI -> true;
			// After an opening brace: a label in a block, or (counted too, as the two
			// cannot be told apart here)
			// an object's first key.
			case JsTokens.OPEN -> tokens.isBrace(p);
			case JsTokens.CLOSE -> tokens.has(p, JsTokens.BLOCK) || tokens.has(p, JsTokens.HEADER);
			case JsTokens.WORD -> tokens.has(p, JsTokens.STATEMENT);
			case JsTokens.COLON -> afterLabel;
			default -> false;
		};
	}

	/**
	 * A try starts at {@code <T>} where an expression starts, at {@code (…):} where an
	 * expression starts, and (see the caller) at type arguments before a template.
	 */
	private static boolean startsTry(JsTokens tokens, int t, byte kind, int count) {
		if (t + 1 >= count) {
			return false;
		}
		if (kind == JsTokens.LT) {
			return tokens.has(t, JsTokens.PREFIX) && tokens.kind(t + 1) == JsTokens.WORD;
		}
		return kind == JsTokens.CLOSE && tokens.has(t, JsTokens.PRIMARY) && tokens.kind(t + 1) == JsTokens.COLON;
	}

	/**
	 * A try reaches to the end of the expression where it started: a comma (not one
	 * between {@code <} and {@code >}) or a semicolon at its depth, a bracket that closes
	 * around it, or a keyword that only starts statements.
	 */
	private static boolean ends(JsTokens tokens, int t, byte kind, int depth, int tryDepth, boolean inAngles) {
		if (depth < tryDepth) {
			return true;
		}
		return depth == tryDepth && ((kind == JsTokens.COMMA && !inAngles) || kind == JsTokens.SEMI
				|| (kind == JsTokens.WORD && tokens.has(t, JsTokens.STATEMENT)));
	}

	/**
	 * How many tokens after {@code t} SWC may read as a type (type arguments when
	 * {@code angles} is 1, a return type when 0). At the type's own level the scan
	 * follows the type grammar loosely: it stops where a type cannot go on (an operator
	 * no type has, a second name after a complete type, a statement keyword, a bracket it
	 * did not open, or the {@code >} that closes the arguments). A bracket group inside
	 * the type is read whole, because a type may hold expressions there (a parameter's
	 * default in {@code (x = e) => T}, a computed key in <code>{ [e]: T }</code>), and
	 * those are read inside the try and again after it: the tokens of such a group count
	 * as one try deeper ({@code nesting}).
	 */
	private static long typeRun(JsTokens tokens, int t, int angles, long limit, int[] nesting) {
		int count = tokens.count();
		int open = 0;
		int group = -1;
		int angle = angles;
		boolean expectType = true;
		boolean extendsSeen = false;
		int conditionals = 0;
		long steps = 0;
		int member = -1;
		for (int j = t + 1; j < count && steps <= limit; j++) {
			steps++;
			byte kind = tokens.kind(j);
			if (open > 0) {
				if (kind == JsTokens.OPEN) {
					if (++open == 2 && tokens.firstChar(group) == '{' && tokens.firstChar(j) != '{') {
						member = j;
					}
				}
				else if (kind == JsTokens.CLOSE) {
					if (--open == 1 && member >= 0) {
						// A key or the parameters of a member of an object type: read
						// more times still.
						nesting[member + 1]++;
						nesting[j]--;
						member = -1;
					}
					else if (open == 0) {
						nesting[group + 1]++;
						nesting[j]--;
						expectType = false;
					}
				}
				continue;
			}
			switch (kind) {
				case JsTokens.OPEN -> {
					if (!expectType && tokens.firstChar(j) != '[') {
						return steps;
					}
					open = 1;
					group = j;
				}
				case JsTokens.CLOSE, JsTokens.SEMI, JsTokens.OP -> {
					return steps;
				}
				case JsTokens.LT -> {
					angle++;
					expectType = true;
				}
				case JsTokens.GT -> {
					if (--angle <= 0) {
						return steps;
					}
					expectType = false;
				}
				case JsTokens.COMMA -> {
					expectType = true;
					extendsSeen = false;
				}
				case JsTokens.COLON -> {
					// Only a conditional type (A extends B ? C : D) has a colon at this
					// level.
					if (conditionals == 0) {
						return steps;
					}
					conditionals--;
					expectType = true;
				}
				case JsTokens.TYPE_OP -> {
					if (tokens.firstChar(j) == '?') {
						if (!extendsSeen) {
							return steps;
						}
						extendsSeen = false;
						conditionals++;
					}
					else if (tokens.firstChar(j) == '=' && !(tokens.kind(j - 1) == JsTokens.CLOSE)) {
						// => only follows the parameters of a function type.
						return steps;
					}
					expectType = true;
				}
				case JsTokens.WORD -> {
					if (tokens.has(j, JsTokens.STATEMENT)) {
						return steps;
					}
					if (expectType) {
						expectType = isTypeOperator(tokens, j);
					}
					else if (tokens.is(j, "extends")) {
						extendsSeen = true;
						expectType = true;
					}
					else if (tokens.is(j, "is")) {
						expectType = true;
					}
					else {
						return steps;
					}
				}
				default -> {
					// a literal
					if (!expectType) {
						return steps;
					}
					expectType = false;
				}
			}
		}
		int end = (int) Math.min(count, t + steps + 1);
		if (member >= 0) {
			nesting[member + 1]++;
			nesting[end]--;
		}
		if (open > 0) {
			nesting[group + 1]++;
			nesting[end]--;
		}
		return steps;
	}

	/** Words after which a type is still expected. */
	private static boolean isTypeOperator(JsTokens tokens, int j) {
		return tokens.is(j, "keyof") || tokens.is(j, "typeof") || tokens.is(j, "infer") || tokens.is(j, "readonly")
				|| tokens.is(j, "unique") || tokens.is(j, "new") || tokens.is(j, "abstract") || tokens.is(j, "asserts");
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	private static ProgramException refusal(String code, int offset, int lineShift, String message) {
		return at(ProgramException.limit(message), code, offset, lineShift);
	}

	private static ProgramException at(ProgramException error, String code, int offset, int lineShift) {
		if (offset < 0) {
			return error;
		}
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			char c = code.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= code.length() || code.charAt(i + 1) != '\n')) || c == '\u2028'
					|| c == '\u2029') {
				line++;
				lineStart = i + 1;
			}
		}
		return error.at(line + lineShift, offset - lineStart + 1);
	}

	private record Estimate(long work, int where) {
	}

}
