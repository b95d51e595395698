package dev.codemode.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Every thread that codemode creates: a daemon that inherits no thread-local from whoever
 * created it.
 * <p>
 * {@code new Thread(task)} copies the creator's {@link InheritableThreadLocal}s into the
 * new thread (Spring Security's {@code MODE_INHERITABLETHREADLOCAL}, inheritable MDC
 * adapters, …), and a pool thread keeps them for every later task. A pool thread that one
 * caller happened to create would then serve every other caller as that caller. Threads
 * made here start clean; the caller's context reaches a tool only through what the
 * {@code codemode} tool captures and restores around each call.
 * <p>
 * Internal to codemode: not an API, and it may change without notice.
 */
public final class CodeModeThreads {

	private CodeModeThreads() {
	}

	/**
	 * A factory of threads named {@code prefix1}, {@code prefix2}, ….
	 * @param prefix the start of each thread's name
	 * @param stackSize the stack size in bytes, or 0 for the JVM's default
	 * @return the factory
	 */
	public static ThreadFactory factory(String prefix, long stackSize) {
		AtomicInteger counter = new AtomicInteger();
		return (task) -> newThread(prefix + counter.incrementAndGet(), stackSize, task);
	}

	/**
	 * A new daemon thread, not started, that inherits no thread-local.
	 * @param name the thread's name
	 * @param stackSize the stack size in bytes, or 0 for the JVM's default
	 * @param task what the thread runs
	 * @return the thread
	 */
	public static Thread newThread(String name, long stackSize, Runnable task) {
		Thread thread = new Thread(null, task, name, stackSize, false);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Makes something on a fresh thread that inherits nothing, and waits for it: for
	 * objects that start threads of their own with the JDK's defaults (GraalJS's engine
	 * does), which would otherwise copy the thread-locals of whoever made the object.
	 * @param <T> what is made
	 * @param name the name of the thread
	 * @param maker makes it
	 * @return what {@code maker} returned
	 */
	public static <T> T make(String name, Supplier<T> maker) {
		AtomicReference<T> made = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = newThread(name, 0, () -> {
			try {
				made.set(maker.get());
			}
			catch (RuntimeException | Error ex) {
				failure.set(ex);
			}
		});
		thread.start();
		boolean interrupted = false;
		while (true) {
			try {
				thread.join();
				break;
			}
			catch (InterruptedException ex) {
				// The thing is being made; wait for it, and tell the caller about the
				// interrupt afterwards.
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (failure.get() instanceof RuntimeException ex) {
			throw ex;
		}
		if (failure.get() instanceof Error error) {
			throw error;
		}
		return made.get();
	}

}
