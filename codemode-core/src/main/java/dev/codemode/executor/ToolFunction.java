package dev.codemode.executor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One tool as a program sees it: JSON in, JSON (or a plain string) out.
 * <p>
 * Implement {@link #call(String)} for a blocking tool; the executor runs it on its tool thread pool so that
 * {@code Promise.all} really runs tools in parallel. A tool that is asynchronous by nature overrides
 * {@link #callAsync(String, Executor)} instead. A failure's message reaches the program as the message of a
 * JavaScript {@code Error}; its class and stack trace never do, so keep secrets out of exception messages.
 */
@FunctionalInterface
public interface ToolFunction {

    /**
     * Invoke the tool.
     * @param inputJson the program's argument, serialized as JSON ({@code null} becomes {@code "null"})
     * @return the result: JSON, which the program receives parsed, or any other text, which it receives as a string
     * @throws Exception when the tool fails; the message is what the program and the model see
     */
    String call(String inputJson) throws Exception;

    /**
     * Invoke the tool without blocking the program's thread. The default runs {@link #call(String)} on
     * {@code executor}.
     * @param inputJson the argument as JSON
     * @param executor the executor's pool for tool calls
     * @return the eventual result
     */
    default CompletionStage<String> callAsync(String inputJson, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(inputJson);
            }
            catch (RuntimeException ex) {
                throw ex;
            }
            catch (Exception ex) {
                throw new ToolCallException(ex.getMessage(), ex);
            }
        }, executor);
    }

}
