package dev.codemode.executor.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

/**
 * How a {@link Worker} is started and what its executor may do.
 *
 * @param executorOptions the limits of the GraalJS executor in the worker; its
 * {@code toolExecutor} is where the application runs the worker's tool calls
 * ({@code null}: threads of the worker's own, one per call in flight)
 * @param maxHeapBytes the worker JVM's heap cap ({@code -Xmx}); a program that fills it
 * ends its worker
 * @param jvmArgs extra options of the worker JVM, after the worker's own
 * @param grace how long past the execution's timeout the application waits for the
 * worker's result before it stops the worker
 * @param startTimeout how long the worker may take to start and warm up
 */
record WorkerSettings(GraalJsExecutorOptions executorOptions, long maxHeapBytes, List<String> jvmArgs, Duration grace,
		Duration startTimeout) {

	/** Default heap cap of a worker: 256 MiB. */
	static final long DEFAULT_MAX_HEAP_BYTES = 256L << 20;

	/** Default grace past the timeout: 1 s. */
	static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

	/** Default start timeout: a cold JVM that loads GraalJS and warms it up. */
	static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

	WorkerSettings {
		Objects.requireNonNull(executorOptions, "executorOptions");
		if (maxHeapBytes < (16L << 20)) {
			throw new IllegalArgumentException("maxHeapBytes must be at least 16 MiB, was " + maxHeapBytes);
		}
		jvmArgs = List.copyOf(jvmArgs);
		Objects.requireNonNull(grace, "grace");
		Objects.requireNonNull(startTimeout, "startTimeout");
	}

	static WorkerSettings of(GraalJsExecutorOptions executorOptions) {
		return new WorkerSettings(executorOptions, DEFAULT_MAX_HEAP_BYTES, List.of(), DEFAULT_GRACE,
				DEFAULT_START_TIMEOUT);
	}

	WorkerSettings withMaxHeapBytes(long maxHeapBytes) {
		return new WorkerSettings(this.executorOptions, maxHeapBytes, this.jvmArgs, this.grace, this.startTimeout);
	}

	@Nullable Executor toolExecutor() {
		return this.executorOptions.toolExecutor();
	}

	/**
	 * @return the heap cap as people write it, e.g. {@code 256 MB}
	 */
	String maxHeapText() {
		return (this.maxHeapBytes >> 20) + " MB";
	}

}
