package dev.codemode.program;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.enums.Swc4jSourceMapOption;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jParseOptions;
import com.caoccao.javet.swc4j.options.Swc4jTranspileOptions;
import com.caoccao.javet.swc4j.outputs.Swc4jParseOutput;
import com.caoccao.javet.swc4j.outputs.Swc4jTranspileOutput;

import dev.codemode.executor.ExecutionError;
import dev.codemode.internal.CodeModeThreads;

/**
 * SWC (through swc4j) as the parser and TypeScript transpiler.
 * <p>
 * SWC's parser recurses on the native stack and a stack overflow there kills the JVM (a thousand nested
 * brackets are enough on a default 1 MiB thread). Every call therefore runs on a thread of its own pool whose
 * stack is large enough for the deepest program that fits in the code-size limit; the stack is virtual memory
 * that the OS commits only as far as it is used.
 */
final class SwcCompiler implements AutoCloseable {

    private static final long STACK_SIZE = 1L << 30;

    private static final Pattern LOCATION = Pattern.compile("\\s+at file:///\\S+?:(\\d+):(\\d+)\\s*$",
            Pattern.MULTILINE);

    private final Swc4j swc = new Swc4j();

    private final ThreadPoolExecutor pool;

    private final Swc4jParseOptions parseOptions = new Swc4jParseOptions().setMediaType(Swc4jMediaType.TypeScript)
        .setParseMode(Swc4jParseMode.Program)
        .setCaptureAst(true);

    private final Swc4jTranspileOptions transpileOptions = new Swc4jTranspileOptions()
        .setMediaType(Swc4jMediaType.TypeScript)
        .setParseMode(Swc4jParseMode.Script)
        .setSourceMap(Swc4jSourceMapOption.Separate);

    SwcCompiler(int threads) {
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                CodeModeThreads.factory("codemode-swc-", STACK_SIZE));
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Parses a program (script or module; TypeScript syntax accepted).
     * @param code the code
     * @param lineShift lines to add to SWC's line numbers to get the model's
     * @param timeoutNanos how long to wait
     * @return the parse output with its AST
     * @throws ProgramException on a syntax error or a timeout
     */
    Swc4jParseOutput parse(String code, int lineShift, long timeoutNanos) throws ProgramException {
        return run(() -> this.swc.parse(code, this.parseOptions), lineShift, timeoutNanos);
    }

    /**
     * Strips the types from a TypeScript script.
     * @param script the script
     * @param lineShift lines to add to SWC's line numbers to get the model's
     * @param timeoutNanos how long to wait
     * @return the output: JavaScript and its source map
     * @throws ProgramException on a syntax error or a timeout
     */
    Swc4jTranspileOutput transpile(String script, int lineShift, long timeoutNanos) throws ProgramException {
        return run(() -> this.swc.transpile(script, this.transpileOptions), lineShift, timeoutNanos);
    }

    private <T> T run(SwcCall<T> call, int lineShift, long timeoutNanos) throws ProgramException {
        Future<T> future = this.pool.submit(call::call);
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof Swc4jCoreException swcError) {
                throw new ProgramException(syntaxError(swcError.getMessage(), lineShift));
            }
            throw new ProgramException(new ExecutionError("SyntaxError",
                    "the program could not be parsed: " + String.valueOf(cause.getMessage())));
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            throw new ProgramException(new ExecutionError(ExecutionError.TIMEOUT,
                    "parsing the program took longer than the execution's timeout"));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ProgramException(new ExecutionError(ExecutionError.TIMEOUT, "interrupted while parsing"));
        }
    }

    /** SWC says {@code Unexpected token `=`. Expected … at file:///main.js:1:7} followed by a code frame. */
    static ExecutionError syntaxError(String swcMessage, int lineShift) {
        String message = (swcMessage != null) ? swcMessage : "invalid syntax";
        Matcher location = LOCATION.matcher(message);
        Integer line = null;
        Integer column = null;
        if (location.find()) {
            line = Integer.parseInt(location.group(1)) + lineShift;
            column = Integer.parseInt(location.group(2));
            message = message.substring(0, location.start());
        }
        message = message.lines().findFirst().orElse(message).strip();
        if (message.startsWith("SyntaxError: ")) {
            message = message.substring("SyntaxError: ".length());
        }
        return new ExecutionError("SyntaxError", message, line, column);
    }

    @Override
    public void close() {
        this.pool.shutdownNow();
    }

    @FunctionalInterface
    private interface SwcCall<T> {

        T call() throws Exception;

    }

}
