/**
 * Helpers shared by codemode's own packages: the GraalJS engines ({@link SandboxEngines})
 * and the threads ({@link CodeModeThreads}) that codemode creates. Internal to codemode:
 * not an API, and it may change without notice.
 */
@NullMarked
package dev.codemode.internal;

import org.jspecify.annotations.NullMarked;
