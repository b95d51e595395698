package dev.codemode.program;

/**
 * A program ready to run: a JavaScript script whose completion value is a function that takes no arguments.
 * @param script the JavaScript source to evaluate
 * @param typeScript whether types were stripped from the model's code
 * @param lines maps lines of {@code script} back to lines of the code as the model wrote it
 */
public record PreparedProgram(String script, boolean typeScript, LineMap lines) {
}
