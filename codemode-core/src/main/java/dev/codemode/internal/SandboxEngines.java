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

	static {
		// Truffle's attach library needs JDK 21's JNI; on 17 it prints a warning to
		// stderr and falls back to the
		// interpreter, which is what runs anyway. Keep that warning out of the
		// application's output.
		if (Runtime.version().feature() < 21 && System.getProperty("polyglotimpl.AttachLibraryFailureAction") == null) {
			System.setProperty("polyglotimpl.AttachLibraryFailureAction", "ignore");
		}
	}

	private SandboxEngines() {
	}

	/**
	 * @param threadName the name of the thread that builds it
	 * @return a new engine under {@link SandboxPolicy#CONSTRAINED} that writes nowhere
	 */
	public static Engine constrained(String threadName) {
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

}
