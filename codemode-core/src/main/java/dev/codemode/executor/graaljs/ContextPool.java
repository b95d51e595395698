package dev.codemode.executor.graaljs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.codemode.internal.CodeModeThreads;

/**
 * Fresh contexts, made ahead of time. Creating a context and running the sandbox runtime
 * in it is most of the cost of a short execution, so a background thread keeps a few
 * ready. Each context serves exactly one execution and is closed after it: no program
 * ever sees a context another program has touched.
 */
final class ContextPool implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ContextPool.class);

	private final Supplier<WarmContext> factory;

	private final BlockingQueue<WarmContext> ready;

	private final Thread warmer;

	private volatile boolean closed;

	ContextPool(Supplier<WarmContext> factory, int size) {
		this.factory = factory;
		this.ready = new ArrayBlockingQueue<>(size);
		this.warmer = CodeModeThreads.newThread("codemode-context-warmer", 0, this::fill);
		this.warmer.start();
	}

	/**
	 * @return a fresh context: a ready one, or one made now when none is ready
	 */
	WarmContext take() {
		WarmContext context = this.ready.poll();
		return (context != null) ? context : this.factory.get();
	}

	private void fill() {
		while (!this.closed) {
			WarmContext context = null;
			try {
				context = this.factory.get();
				this.ready.put(context);
			}
			catch (InterruptedException ex) {
				if (context != null) {
					context.close();
				}
				return;
			}
			catch (RuntimeException ex) {
				if (!this.closed) {
					logger.warn("Could not prepare a JavaScript context in advance", ex);
				}
				return;
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.warmer.interrupt();
		WarmContext context;
		while ((context = this.ready.poll()) != null) {
			context.close();
		}
	}

	/**
	 * A context in which the sandbox runtime has run, waiting for its execution. The
	 * runtime's calls into the host go through {@link Bridge}, which the execution
	 * attaches its tool bridge and console to when it takes the context.
	 */
	record WarmContext(Context context, Value runtime, Bridge bridge) {

		void close() {
			try {
				this.context.close(true);
			}
			catch (RuntimeException ex) {
				// already closed
			}
		}

	}

	/** Forwards the runtime's calls to the execution that took the context. */
	static final class Bridge {

		private volatile @Nullable ToolBridge tools;

		private volatile @Nullable ConsoleCapture console;

		void attach(ToolBridge tools, ConsoleCapture console) {
			this.tools = tools;
			this.console = console;
		}

		ProxyExecutable callTool() {
			return (arguments) -> this.tools.callTool(arguments);
		}

		ProxyExecutable writeLog() {
			return (arguments) -> this.console.write(arguments);
		}

	}

}
