package dev.codemode.program;

import java.util.Arrays;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A lexical scan of JavaScript/TypeScript text into coarse tokens, with the bracket depth
 * of each: just enough for {@link ParseGuard} to estimate how much work SWC's parser will
 * do. It is not a parser: it builds no tree and decides nothing about the program's
 * meaning.
 * <p>
 * Strings, comments, template text and regular expressions are skipped the way SWC's
 * lexer skips them: a regular expression starts where an expression may start (after an
 * operator, an opening bracket, a keyword such as {@code return}), a division after a
 * value; {@code <!--} and a {@code -->} that starts a line are comments, as SWC reads
 * them in scripts and modules alike.
 */
final class JsTokens {

	/** An identifier or keyword. */
	static final byte WORD = 1;

	/** A number, string, template or regular expression. */
	static final byte LITERAL = 2;

	/** {@code (}, {@code [}, <code>{</code> or <code>${</code>. */
	static final byte OPEN = 3;

	/** The bracket that closes an {@link #OPEN}. */
	static final byte CLOSE = 4;

	/** {@code <} (each character of {@code <<} is one). */
	static final byte LT = 5;

	/** {@code >} (each character of {@code >>} and {@code >>>} is one). */
	static final byte GT = 6;

	static final byte COMMA = 7;

	static final byte SEMI = 8;

	static final byte COLON = 9;

	/**
	 * An operator that may appear inside a type: {@code ?}, {@code =>}, {@code .},
	 * {@code |}, {@code &}, {@code -}, {@code ...}.
	 */
	static final byte TYPE_OP = 10;

	/** Any other operator: none of them can appear inside a type. */
	static final byte OP = 11;

	/** {@link #OPEN}/{@link #CLOSE}: a parenthesis. */
	static final byte PAREN = 1;

	/**
	 * {@link #OPEN}/{@link #CLOSE} of a parenthesis: it opens where an expression may
	 * start.
	 */
	static final byte PRIMARY = 2;

	/**
	 * {@link #WORD}: a keyword that starts a statement and cannot occur inside an
	 * expression.
	 */
	static final byte STATEMENT = 4;

	/**
	 * {@link #LT}: where an expression may start (a type assertion or generic arrow
	 * function, not a comparison).
	 */
	static final byte PREFIX = 8;

	/**
	 * {@link #OPEN}/{@link #CLOSE}: a brace that delimits a block (a statement list, a
	 * class or interface body).
	 */
	static final byte BLOCK = 16;

	/**
	 * {@link #CLOSE}: the parenthesis that ends the head of {@code if}, {@code while},
	 * {@code for} or {@code with}.
	 */
	static final byte HEADER = 32;

	/** {@link #OP}: {@code @}, a decorator. */
	static final byte DECORATOR = 64;

	private static final Set<String> VALUE_KEYWORDS = Set.of("this", "super", "null", "true", "false");

	/**
	 * Reserved words after which an expression starts (a regular expression, not a
	 * division).
	 */
	private static final Set<String> PREFIX_KEYWORDS = Set.of("await", "break", "case", "catch", "class", "const",
			"continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "finally", "for",
			"function", "if", "import", "in", "instanceof", "let", "new", "of", "return", "switch", "throw", "try",
			"typeof", "var", "void", "while", "with", "yield");

	/** Keywords that only start statements: no expression runs across one. */
	private static final Set<String> STATEMENT_KEYWORDS = Set.of("break", "case", "catch", "const", "continue",
			"debugger", "do", "else", "finally", "for", "if", "return", "switch", "throw", "try", "var", "while",
			"with");

	private static final Set<String> BLOCK_KEYWORDS = Set.of("else", "do", "try", "finally");

	private static final Set<String> HEADER_KEYWORDS = Set.of("if", "while", "for", "with");

	private static final char BRACE = '{';

	private static final char EXPRESSION_BRACE = 'o';

	private static final char BRACKET = '[';

	private static final char TEMPLATE = '`';

	private static final char PAREN_PLAIN = '(';

	private static final char PAREN_HEADER = 'h';

	private static final char PAREN_PRIMARY = 'p';

	private final String text;

	private byte[] kinds = new byte[64];

	private byte[] flags = new byte[64];

	private int[] starts = new int[64];

	private int[] depths = new int[64];

	private int count;

	/** Open brackets, innermost last: one of the bracket constants above. */
	private char[] stack = new char[16];

	private int stackSize;

	private int maxDepth;

	private int maxDepthStart = -1;

	private int end;

	// What the last token was, for deciding what a '/', '<', '(' or '{' means.
	private boolean lastOperand;

	private @Nullable String lastKeyword;

	private boolean lastDot;

	private boolean forBeforeAwait;

	private JsTokens(String text) {
		this.text = text;
	}

	/**
	 * Scans a text.
	 * @param text the code
	 * @return its tokens
	 */
	static JsTokens scan(String text) {
		JsTokens tokens = new JsTokens(text);
		tokens.run();
		return tokens;
	}

	int count() {
		return this.count;
	}

	byte kind(int token) {
		return this.kinds[token];
	}

	boolean has(int token, byte flag) {
		return (this.flags[token] & flag) != 0;
	}

	int start(int token) {
		return this.starts[token];
	}

	/**
	 * @param token a {@link #WORD}
	 * @param word a word
	 * @return whether the token is that word
	 */
	boolean is(int token, String word) {
		int start = this.starts[token];
		int end = start + word.length();
		return this.text.startsWith(word, start)
				&& (end >= this.text.length() || !isIdentifierPart(this.text.charAt(end)));
	}

	/**
	 * @return the token's first character: for a bracket, which one ({@code $} for
	 * <code>${</code>)
	 */
	char firstChar(int token) {
		return this.text.charAt(this.starts[token]);
	}

	/**
	 * @return whether the token is a brace (not <code>${</code>)
	 */
	boolean isBrace(int token) {
		char c = this.text.charAt(this.starts[token]);
		return c == '{' || c == '}';
	}

	/**
	 * @return whether the token starts a template literal: <code>`…`</code> or its first
	 * <code>${</code>
	 */
	boolean isTemplate(int token) {
		char c = this.text.charAt(this.starts[token]);
		return (this.kinds[token] == LITERAL && c == '`') || (this.kinds[token] == OPEN && c == '$');
	}

	/**
	 * @return the number of brackets open around the token (for a bracket: around the
	 * pair)
	 */
	int depth(int token) {
		return this.depths[token];
	}

	/**
	 * @return the deepest bracket nesting in the text
	 */
	int maxDepth() {
		return this.maxDepth;
	}

	/**
	 * @return where the bracket that first reached {@link #maxDepth()} starts, or -1
	 */
	int maxDepthStart() {
		return this.maxDepthStart;
	}

	/**
	 * @return where the last token ends: only spaces and comments follow; 0 when there is
	 * no token
	 */
	int end() {
		return this.end;
	}

	private void run() {
		String s = this.text;
		int n = s.length();
		int i = 0;
		boolean lineStart = true;
		if (s.startsWith("#!")) {
			i = lineEnd(s, 0);
		}
		while (i < n) {
			char c = s.charAt(i);
			if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
				lineStart = true;
				i++;
				continue;
			}
			if (c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\u00a0' || c == '\ufeff'
					|| (c > 127 && Character.isSpaceChar(c))) {
				i++;
				continue;
			}
			if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
				i = lineEnd(s, i);
				continue;
			}
			if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
				int end = s.indexOf("*/", i + 2);
				i = (end < 0) ? n : end + 2;
				continue;
			}
			if (c == '<' && s.startsWith("<!--", i)) {
				i = lineEnd(s, i);
				continue;
			}
			if (c == '-' && lineStart && s.startsWith("-->", i)) {
				i = lineEnd(s, i);
				continue;
			}
			lineStart = false;
			i = token(s, i, c);
			this.end = i;
		}
	}

	/** Reads the token at {@code i}; returns where the next one may start. */
	private int token(String s, int i, char c) {
		int n = s.length();
		if (isIdentifierStart(c)) {
			int end = i + 1;
			while (end < n && isIdentifierPart(s.charAt(end))) {
				end++;
			}
			word(s.substring(i, end), i, end);
			return end;
		}
		if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
			int end = i + 1;
			while (end < n && (isIdentifierPart(s.charAt(end)) || s.charAt(end) == '.')) {
				end++;
			}
			emit(LITERAL, 0, i, true);
			return end;
		}
		switch (c) {
			case '\'', '"' -> {
				int end = stringEnd(s, i);
				emit(LITERAL, 0, i, true);
				return end;
			}
			case '`' -> {
				return template(s, i, i + 1);
			}
			case '(' -> {
				char paren = PAREN_PLAIN;
				if (this.lastKeyword != null && (HEADER_KEYWORDS.contains(this.lastKeyword)
						|| ("await".equals(this.lastKeyword) && this.forBeforeAwait))) {
					paren = PAREN_HEADER;
				}
				else if (!this.lastOperand || "async".equals(this.lastKeyword)) {
					paren = PAREN_PRIMARY;
				}
				open(paren, PAREN | ((paren == PAREN_PRIMARY) ? PRIMARY : 0), i);
				return i + 1;
			}
			case '[' -> {
				open(BRACKET, 0, i);
				return i + 1;
			}
			case '{' -> {
				boolean expression = isExpressionBrace();
				open(expression ? EXPRESSION_BRACE : BRACE, expression ? 0 : BLOCK, i);
				return i + 1;
			}
			case ')', ']' -> {
				if (this.stackSize > 0 && top() == TEMPLATE) {
					// A stray bracket inside ${…}: SWC fails there; keep the template in
					// step.
					emit(OP, 0, i, false);
					return i + 1;
				}
				char open = pop();
				int flag = 0;
				boolean operand = true;
				if (open == PAREN_PRIMARY) {
					flag = PAREN | PRIMARY;
				}
				else if (open == PAREN_PLAIN) {
					flag = PAREN;
				}
				else if (open == PAREN_HEADER) {
					flag = PAREN | HEADER;
					operand = false;
				}
				emit(CLOSE, flag, i, operand);
				return i + 1;
			}
			case '}' -> {
				if (this.stackSize > 0 && top() == TEMPLATE) {
					pop();
					emit(CLOSE, 0, i, false);
					return template(s, i, i + 1);
				}
				char open = pop();
				emit(CLOSE, (open == BRACE) ? BLOCK : 0, i, open == EXPRESSION_BRACE);
				return i + 1;
			}
			case '/' -> {
				if (!this.lastOperand) {
					int end = regexEnd(s, i);
					if (end > 0) {
						emit(LITERAL, 0, i, true);
						return end;
					}
				}
				emit(OP, 0, i, false);
				return (i + 1 < n && s.charAt(i + 1) == '=') ? i + 2 : i + 1;
			}
			case '<' -> {
				if (i + 1 < n && s.charAt(i + 1) == '=') {
					emit(OP, 0, i, false);
					return i + 2;
				}
				if (s.startsWith("<<=", i)) {
					emit(OP, 0, i, false);
					return i + 3;
				}
				emit(LT, this.lastOperand && !"async".equals(this.lastKeyword) ? 0 : PREFIX, i, false);
				return i + 1;
			}
			case '>' -> {
				int end = i;
				while (end < n && s.charAt(end) == '>') {
					end++;
				}
				if (end < n && s.charAt(end) == '=') {
					emit(OP, 0, i, false);
					return end + 1;
				}
				emit(GT, 0, i, false);
				return i + 1;
			}
			case ',' -> {
				emit(COMMA, 0, i, false);
				return i + 1;
			}
			case ';' -> {
				emit(SEMI, 0, i, false);
				return i + 1;
			}
			case ':' -> {
				emit(COLON, 0, i, false);
				return i + 1;
			}
			case '?' -> {
				if (i + 1 < n && s.charAt(i + 1) == '?') {
					emit(OP, 0, i, false);
					return (i + 2 < n && s.charAt(i + 2) == '=') ? i + 3 : i + 2;
				}
				if (i + 1 < n && s.charAt(i + 1) == '.' && !(i + 2 < n && isDigit(s.charAt(i + 2)))) {
					emit(OP, 0, i, false);
					this.lastDot = true;
					return i + 2;
				}
				emit(TYPE_OP, 0, i, false);
				return i + 1;
			}
			case '=' -> {
				if (i + 1 < n && s.charAt(i + 1) == '>') {
					emit(TYPE_OP, 0, i, false);
					return i + 2;
				}
				emit(OP, 0, i, false);
				return operatorEnd(s, i + 1);
			}
			case '.' -> {
				if (s.startsWith("...", i)) {
					emit(TYPE_OP, 0, i, false);
					return i + 3;
				}
				emit(TYPE_OP, 0, i, false);
				this.lastDot = true;
				return i + 1;
			}
			case '|', '&' -> {
				if (i + 1 < n && (s.charAt(i + 1) == c || s.charAt(i + 1) == '=')) {
					emit(OP, 0, i, false);
					return operatorEnd(s, i + 1);
				}
				emit(TYPE_OP, 0, i, false);
				return i + 1;
			}
			case '-', '+' -> {
				if (i + 1 < n && s.charAt(i + 1) == c) {
					// ++ and -- end a value as often as they start one; as a value end,
					// '/' after them divides.
					emit(OP, 0, i, true);
					return i + 2;
				}
				if (i + 1 < n && s.charAt(i + 1) == '=') {
					emit(OP, 0, i, false);
					return i + 2;
				}
				emit((c == '-') ? TYPE_OP : OP, 0, i, false);
				return i + 1;
			}
			case '!' -> {
				if (i + 1 < n && s.charAt(i + 1) == '=') {
					emit(OP, 0, i, false);
					return operatorEnd(s, i + 1);
				}
				// After a value, TypeScript's non-null assertion (x!): still a value.
				emit(OP, 0, i, this.lastOperand);
				return i + 1;
			}
			default -> {
				emit(OP, (c == '@') ? DECORATOR : 0, i, false);
				return i + 1;
			}
		}
	}

	private void word(String word, int start, int end) {
		boolean property = this.lastDot;
		boolean keyword = !property && !followedByColon(end);
		String previousKeyword = this.lastKeyword;
		if (keyword && VALUE_KEYWORDS.contains(word)) {
			emit(WORD, 0, start, true);
		}
		else if (keyword && PREFIX_KEYWORDS.contains(word)) {
			emit(WORD, STATEMENT_KEYWORDS.contains(word) ? STATEMENT : 0, start, false);
			this.lastKeyword = word;
			this.forBeforeAwait = "await".equals(word) && "for".equals(previousKeyword);
		}
		else {
			emit(WORD, 0, start, true);
			if (keyword && "async".equals(word)) {
				this.lastKeyword = word;
			}
		}
	}

	/**
	 * A keyword followed by {@code :} is a property name or a label, e.g.
	 * <code>{ if: 1 }</code>.
	 */
	private boolean followedByColon(int end) {
		int i = end;
		while (i < this.text.length() && (this.text.charAt(i) == ' ' || this.text.charAt(i) == '\t')) {
			i++;
		}
		return i < this.text.length() && this.text.charAt(i) == ':' && !this.text.startsWith("::", i);
	}

	/**
	 * Babel's and SWC's rule for <code>{</code>: an object literal where an expression is
	 * expected, a block after a statement boundary, {@code =>}, a value (a function's or
	 * class's head) or a block keyword.
	 */
	private boolean isExpressionBrace() {
		if (this.lastOperand || this.count == 0) {
			return false;
		}
		byte last = this.kinds[this.count - 1];
		char lastChar = this.text.charAt(this.starts[this.count - 1]);
		if (last == SEMI || last == GT
				|| (last == TYPE_OP && this.text.startsWith("=>", this.starts[this.count - 1]))) {
			return false;
		}
		// After a closing parenthesis (if, while, a function's parameters) or another
		// brace: a block.
		if ((last == CLOSE && lastChar != ']') || (last == OPEN && lastChar == '{')) {
			return false;
		}
		return this.lastKeyword == null || !BLOCK_KEYWORDS.contains(this.lastKeyword);
	}

	private int template(String s, int i, int from) {
		int n = s.length();
		int j = from;
		while (j < n) {
			char c = s.charAt(j);
			if (c == '\\') {
				j += 2;
				continue;
			}
			if (c == '`') {
				emit(LITERAL, 0, i, true);
				return j + 1;
			}
			if (c == '$' && j + 1 < n && s.charAt(j + 1) == '{') {
				open(TEMPLATE, 0, j);
				return j + 2;
			}
			j++;
		}
		emit(LITERAL, 0, i, true);
		return n;
	}

	private void open(char bracket, int flag, int start) {
		emit(OPEN, flag, start, false);
		if (this.stackSize == this.stack.length) {
			this.stack = Arrays.copyOf(this.stack, this.stackSize * 2);
		}
		this.stack[this.stackSize++] = bracket;
		if (this.stackSize > this.maxDepth) {
			this.maxDepth = this.stackSize;
			this.maxDepthStart = start;
		}
	}

	private char top() {
		return this.stack[this.stackSize - 1];
	}

	private char pop() {
		return (this.stackSize > 0) ? this.stack[--this.stackSize] : 0;
	}

	private void emit(byte kind, int flag, int start, boolean operand) {
		if (this.count == this.kinds.length) {
			int size = this.count * 2;
			this.kinds = Arrays.copyOf(this.kinds, size);
			this.flags = Arrays.copyOf(this.flags, size);
			this.starts = Arrays.copyOf(this.starts, size);
			this.depths = Arrays.copyOf(this.depths, size);
		}
		this.kinds[this.count] = kind;
		this.flags[this.count] = (byte) flag;
		this.starts[this.count] = start;
		this.depths[this.count] = this.stackSize;
		this.count++;
		this.lastOperand = operand;
		this.lastDot = false;
		this.lastKeyword = null;
	}

	private static int lineEnd(String s, int i) {
		int j = i;
		while (j < s.length() && !isLineTerminator(s.charAt(j))) {
			j++;
		}
		return j;
	}

	/**
	 * A string ends at its quote, or (unterminated: SWC stops there too) at a line end.
	 */
	private static int stringEnd(String s, int i) {
		char quote = s.charAt(i);
		int j = i + 1;
		while (j < s.length()) {
			char c = s.charAt(j);
			if (c == '\\') {
				// An escape, or a line continuation (backslash, then \r\n counts as one
				// line end).
				j += (s.startsWith("\r\n", j + 1)) ? 3 : 2;
				continue;
			}
			if (c == quote) {
				return j + 1;
			}
			if (c == '\n' || c == '\r') {
				return j;
			}
			j++;
		}
		return j;
	}

	/**
	 * @return the end of the regular expression at {@code i}, or -1 when none ends on
	 * this line
	 */
	private static int regexEnd(String s, int i) {
		int j = i + 1;
		boolean inClass = false;
		while (j < s.length()) {
			char c = s.charAt(j);
			if (isLineTerminator(c)) {
				return -1;
			}
			if (c == '\\') {
				j += 2;
				continue;
			}
			if (c == '[') {
				inClass = true;
			}
			else if (c == ']') {
				inClass = false;
			}
			else if (c == '/' && !inClass) {
				j++;
				while (j < s.length() && isIdentifierPart(s.charAt(j))) {
					j++;
				}
				return j;
			}
			j++;
		}
		return -1;
	}

	private static int operatorEnd(String s, int i) {
		int j = i;
		while (j < s.length() && s.charAt(j) == '=') {
			j++;
		}
		return j;
	}

	private static boolean isLineTerminator(char c) {
		return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c == '\\' || c == '#'
				|| (c > 127 && !Character.isSpaceChar(c) && c != '\u2028' && c != '\u2029' && c != '\ufeff');
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c);
	}

}
