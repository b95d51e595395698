package dev.codemode.internal;

import java.io.OutputStream;

import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * The GraalJS engines of codemode: constrained, silent, and built on a clean thread.
 * <p>
 * Internal to codemode: not an API, and it may change without notice.
 */
public final class SandboxEngines {

	/**
	 * The system property that Truffle reads, once, when the first engine of the JVM
	 * starts: it has no engine option.
	 */
	static final String ATTACH_FAILURE_ACTION = "polyglotimpl.AttachLibraryFailureAction";

	private SandboxEngines() {
	}

	/**
	 * @param threadName the name of the thread that builds it
	 * @return a new engine under {@link SandboxPolicy#CONSTRAINED} that writes nowhere
	 */
	public static Engine constrained(String threadName) {
		silenceAttachWarningOnJdk17();
		// Built on a clean thread: the engine starts a thread of its own, which would
		// copy the creator's
		// inheritable thread-locals (issue 10).
		return CodeModeThreads.make(threadName,
				() -> Engine.newBuilder("js")
					.sandbox(SandboxPolicy.CONSTRAINED)
					.out(OutputStream.nullOutputStream())
					.err(OutputStream.nullOutputStream())
					.option("engine.WarnInterpreterOnly", "false")
					.build());
	}

	/**
	 * Truffle's attach library needs JDK 21's JNI: on 17 Truffle prints a warning to
	 * stderr, past every log handler, and falls back to the interpreter, which is what
	 * runs here anyway. Its only switch is a system property, read when the first engine
	 * of the JVM starts (there is no engine option), so it is set here, before codemode
	 * builds an engine, and only where the warning would appear and the application has
	 * not chosen a value of its own. Every engine of codemode is built by this class.
	 */
	private static void silenceAttachWarningOnJdk17() {
		if (Runtime.version().feature() < 21 && System.getProperty(ATTACH_FAILURE_ACTION) == null) {
			System.setProperty(ATTACH_FAILURE_ACTION, "ignore");
		}
	}

}
