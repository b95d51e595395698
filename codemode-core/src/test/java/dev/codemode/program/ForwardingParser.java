package dev.codemode.program;

/**
 * A parser that hands every call to another, for tests that watch the calls of a real
 * parser.
 */
class ForwardingParser implements ProgramParser {

	private final ProgramParser parser;

	ForwardingParser(ProgramParser parser) {
		this.parser = parser;
	}

	@Override
	public SyntaxNode parse(String code, int lineShift, SyntaxDepth depth, long timeoutNanos) throws ProgramException {
		return this.parser.parse(code, lineShift, depth, timeoutNanos);
	}

	@Override
	public Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
		return this.parser.transpile(script, lineShift, timeoutNanos);
	}

	@Override
	public String description() {
		return this.parser.description();
	}

	@Override
	public void close() {
		this.parser.close();
	}

}
