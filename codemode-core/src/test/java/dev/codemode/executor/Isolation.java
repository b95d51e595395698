package dev.codemode.executor;

import java.util.Locale;

/**
 * Where the executor under test runs programs (DESIGN contract item 8): in this JVM, or
 * in a worker JVM of a pool. The sandbox suites run once per isolation; every outcome
 * they assert holds in both.
 */
public enum Isolation {

	/** GraalJS in this JVM: {@code codemode.executor.isolation=in-process}. */
	IN_PROCESS,

	/** GraalJS in worker JVMs: {@code codemode.executor.isolation=process}. */
	PROCESS;

	/**
	 * @return the property's value, which names the test invocations, e.g.
	 * {@code [process]}
	 */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
