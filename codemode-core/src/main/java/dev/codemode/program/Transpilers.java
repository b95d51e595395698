package dev.codemode.program;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the parser for a {@link Transpiler} choice, once per normalizer, and says which
 * at INFO.
 */
final class Transpilers {

	private static final Logger logger = LoggerFactory.getLogger(Transpilers.class);

	private Transpilers() {
	}

	static ProgramParser parser(Transpiler choice) {
		if (choice != Transpiler.JVM) {
			String failure = SwcProgramParser.loadFailure();
			if (failure == null) {
				logger.info("Programs are parsed and transpiled by {}", SwcProgramParser.DESCRIPTION);
				return new SwcProgramParser();
			}
			if (choice == Transpiler.NATIVE) {
				logger.warn(
						"codemode.executor.transpiler=native, but SWC's native library does not load on {} {} "
								+ "({}); the pure-JVM path is used instead",
						System.getProperty("os.name"), System.getProperty("os.arch"), failure);
			}
			else {
				logger.info("SWC's native library does not load on {} {} ({})", System.getProperty("os.name"),
						System.getProperty("os.arch"), failure);
			}
		}
		logger.info("Programs are parsed and transpiled by {}", JvmProgramParser.DESCRIPTION);
		return JvmProgramParser.shared();
	}

}
