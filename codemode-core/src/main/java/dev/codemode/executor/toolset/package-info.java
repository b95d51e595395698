/**
 * The shape of a tool set (its namespaces and tool identifiers, in order), and a small
 * cache of what the executors derive from it, so that a tool set is laid out once, not
 * once per execution. Internal to codemode: not an API, and it may change without notice.
 */
@NullMarked
package dev.codemode.executor.toolset;

import org.jspecify.annotations.NullMarked;
