package dev.codemode.program;

/**
 * Which parser reads programs and strips their TypeScript types
 * ({@code codemode.executor.transpiler}). Both give the same program shapes, errors and
 * bounds; they differ in speed and in the platforms they run on.
 */
public enum Transpiler {

	/**
	 * SWC where its native library loads on this platform, the pure-JVM path everywhere
	 * else.
	 */
	AUTO,

	/**
	 * SWC through swc4j: native code, fastest; its library exists for Linux x86-64 and
	 * macOS arm64. Where it does not load, the pure-JVM path is used and a warning
	 * logged.
	 */
	NATIVE,

	/**
	 * Babel's parser and Sucrase, run in GraalJS: needs no native library, runs wherever
	 * the JVM runs.
	 */
	JVM

}
