package dev.codemode.executor.process;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.internal.CodeModeThreads;

/**
 * The main class of a worker JVM. Its stdin and stdout are the protocol and nothing else:
 * before anything can log or print, {@code System.out} is pointed at stderr (which the
 * application reads and logs) and {@code System.in} at an empty stream.
 * <p>
 * The first message is {@code hello} with the executor's options; the worker builds a
 * {@link GraalJsCodeExecutor}, warms it up and answers {@code ready}. Then each
 * {@code execute} runs on a thread of its own, so that this thread keeps reading the
 * {@code toolResult}s its tools wait for, and ends with a {@code result}. The worker
 * exits when its stdin ends (the application closed it or died).
 * <p>
 * Exit codes: 0 at the end of stdin, 2 when the application broke the protocol. The JVM
 * itself exits with 3 when its heap runs out ({@code -XX:+ExitOnOutOfMemoryError}).
 */
public final class WorkerMain {

	/** Exit code when the application broke the protocol. */
	static final int EXIT_PROTOCOL = 2;

	private final MessageReader in;

	private final OutputStream out;

	private WorkerMain(InputStream in, OutputStream out) {
		this.in = new MessageReader(in, Protocol.MAX_HELLO_BYTES);
		this.out = out;
	}

	/**
	 * Runs the worker until its stdin ends.
	 * @param args none
	 */
	public static void main(String[] args) {
		// First of all: the protocol keeps the real stdout, and everything else that
		// prints goes to stderr.
		OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
		InputStream protocolIn = new FileInputStream(FileDescriptor.in);
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
		System.setIn(InputStream.nullInputStream());
		int exit = new WorkerMain(protocolIn, protocolOut).run();
		// No shutdown hook may keep a worker whose application is gone: halt.
		Runtime.getRuntime().halt(exit);
	}

	private int run() {
		Logger logger = LoggerFactory.getLogger(WorkerMain.class);
		try {
			Message first = this.in.read();
			if (first == null) {
				return 0;
			}
			if (!(first instanceof Message.Hello hello)) {
				logger.error("The first message was not hello");
				return EXIT_PROTOCOL;
			}
			WorkerExecutorOptions options = hello.options();
			this.in.maxLineBytes(Protocol.maxApplicationLineBytes(options));
			MessageWriter out = new MessageWriter(this.out, Protocol.maxWorkerLineBytes(options));
			// Never closed: the worker halts when it is done, whatever still runs.
			GraalJsCodeExecutor executor = new GraalJsCodeExecutor(options.toExecutorOptions());
			executor.warmUp();
			RemoteTools tools = new RemoteTools(out);
			ExecutorService executions = Executors.newCachedThreadPool(CodeModeThreads.factory("codemode-worker-", 0));
			out.write(new Message.Ready(executor.transpiler(), ProcessHandle.current().pid()));
			return serve(executor, tools, executions, out);
		}
		catch (ProtocolException ex) {
			logger.error("The application broke the protocol: {}", ex.getMessage());
			return EXIT_PROTOCOL;
		}
		catch (IOException ex) {
			// The application closed the pipe: nothing left to do.
			return 0;
		}
	}

	private int serve(GraalJsCodeExecutor executor, RemoteTools tools, ExecutorService executions, MessageWriter out)
			throws IOException {
		Logger logger = LoggerFactory.getLogger(WorkerMain.class);
		while (true) {
			Message message = this.in.read();
			if (message == null) {
				return 0;
			}
			if (message instanceof Message.Execute execute) {
				executions.execute(() -> execute(executor, tools, execute, out));
			}
			else if (message instanceof Message.ToolResult result) {
				// A result for a call cancelled meanwhile is dropped.
				tools.settle(result);
			}
			else {
				logger.error("Unexpected message from the application: {}", message.getClass().getSimpleName());
				return EXIT_PROTOCOL;
			}
		}
	}

	private static void execute(GraalJsCodeExecutor executor, RemoteTools tools, Message.Execute execute,
			MessageWriter out) {
		ExecutionResult result = executor.execute(execute.code(), tools.namespaces(execute.id(), execute.namespaces()));
		try {
			try {
				out.write(new Message.Result(execute.id(), result.resultJson(), result.logs(),
						(result.error() != null) ? Message.Failure.of(result.error()) : null, result.toolCalls(),
						result.truncated()));
			}
			catch (LineReader.LineTooLongException ex) {
				// Only many tiny console lines can get here (each size is cut before):
				// the line bound holds and the model is told.
				out.write(new Message.Result(execute.id(), null, List.of(),
						Message.Failure.of(new ExecutionError(ExecutionError.LIMIT,
								"the result and console output are too large to return from the sandbox process; "
										+ "log and return less")),
						result.toolCalls(), true));
			}
		}
		catch (IOException ex) {
			// The application is gone; the worker ends when its stdin does.
		}
	}

}
