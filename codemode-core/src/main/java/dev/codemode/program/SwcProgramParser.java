package dev.codemode.program;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.options.Swc4jParseOptions;
import com.caoccao.javet.swc4j.outputs.Swc4jTranspileOutput;
import org.jspecify.annotations.Nullable;

/** SWC's native parser and transpiler, on the threads of a {@link SwcCompiler}. */
final class SwcProgramParser implements ProgramParser {

	static final String DESCRIPTION = "native (SWC)";

	private final SwcCompiler swc;

	SwcProgramParser() {
		this(new SwcCompiler());
	}

	SwcProgramParser(SwcCompiler swc) {
		this.swc = swc;
	}

	/**
	 * Whether SWC's native library loads here: swc4j publishes it for a few platforms
	 * only, and a missing one shows only at the first call. Tried once per JVM.
	 * @return why it does not load, or {@code null} when it does
	 */
	static @Nullable String loadFailure() {
		return Probe.FAILURE;
	}

	@Override
	public SyntaxNode parse(String code, int lineShift, SyntaxDepth depth, long timeoutNanos) throws ProgramException {
		return SwcSyntax.read(code, this.swc.parse(code, lineShift, timeoutNanos).getProgram(), depth);
	}

	@Override
	public Transpiled transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
		Swc4jTranspileOutput output = this.swc.transpile(script, lineShift, timeoutNanos);
		return new Transpiled(output.getCode(), LineMap.sourceMap(output.getSourceMap(), lineShift));
	}

	@Override
	public String description() {
		return DESCRIPTION;
	}

	@Override
	public long retiredThreads() {
		return this.swc.retiredThreads();
	}

	@Override
	public int stuckThreads() {
		return this.swc.stuckThreads();
	}

	@Override
	public boolean acceptsParses() {
		return this.swc.acceptsParses();
	}

	@Override
	public void close() {
		this.swc.close();
	}

	private static final class Probe {

		static final @Nullable String FAILURE = probe();

		private static @Nullable String probe() {
			try {
				new Swc4j().parse("0", new Swc4jParseOptions().setMediaType(Swc4jMediaType.JavaScript)
					.setParseMode(Swc4jParseMode.Script));
				return null;
			}
			catch (Exception | LinkageError ex) {
				// UnsatisfiedLinkError where no library exists for the platform, or
				// swc4j's own exception.
				String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
				return ex.getClass().getSimpleName() + ": " + message;
			}
		}

	}

}
