package dev.codemode.executor.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The worker JVMs of a {@link ProcessCodeExecutor}: how many, how big, and how long the
 * application waits for them.
 *
 * @param count how many worker JVMs run, one execution at a time each
 * @param maxHeapBytes each worker's heap cap ({@code -Xmx}); a program that fills it ends
 * its worker
 * @param jvmArgs extra options of each worker JVM, after the worker's own
 * @param maxWaiting how many executions may wait for a free worker; more fail at once
 * with a {@code LimitError}
 * @param grace how long past an execution's timeout the application waits for the
 * worker's result before it kills the worker
 * @param startTimeout how long a worker may take to start and warm up
 */
public record WorkerOptions(int count, long maxHeapBytes, List<String> jvmArgs, int maxWaiting, Duration grace,
		Duration startTimeout) {

	/** Default heap cap of each worker: 256 MiB. */
	public static final long DEFAULT_MAX_HEAP_BYTES = 256L << 20;

	/** Default number of executions that may wait for a free worker. */
	public static final int DEFAULT_MAX_WAITING = 32;

	/** Default grace past the timeout before a worker is killed: 1 s. */
	public static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

	/** Default start timeout: a cold JVM that loads GraalJS and warms it up. */
	public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

	private static final long MIN_HEAP_BYTES = 16L << 20;

	public WorkerOptions {
		if (count < 1) {
			throw new IllegalArgumentException("count must be positive, was " + count);
		}
		if (maxHeapBytes < MIN_HEAP_BYTES) {
			throw new IllegalArgumentException("maxHeapBytes must be at least 16 MiB, was " + maxHeapBytes);
		}
		jvmArgs = List.copyOf(jvmArgs);
		if (maxWaiting < 0) {
			throw new IllegalArgumentException("maxWaiting must not be negative, was " + maxWaiting);
		}
		Objects.requireNonNull(grace, "grace");
		Objects.requireNonNull(startTimeout, "startTimeout");
	}

	/**
	 * The default worker count: each worker costs a heap and a JVM, so few.
	 * @return the number of processors, at most 2
	 */
	public static int defaultCount() {
		return Math.min(2, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * @return the defaults
	 */
	public static WorkerOptions defaults() {
		return builder().build();
	}

	/**
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the heap cap as people write it, e.g. {@code 256 MB}
	 */
	String maxHeapText() {
		return (this.maxHeapBytes >> 20) + " MB";
	}

	/**
	 * Builds {@link WorkerOptions}, starting from the defaults.
	 */
	public static final class Builder {

		private int count = defaultCount();

		private long maxHeapBytes = DEFAULT_MAX_HEAP_BYTES;

		private List<String> jvmArgs = List.of();

		private int maxWaiting = DEFAULT_MAX_WAITING;

		private Duration grace = DEFAULT_GRACE;

		private Duration startTimeout = DEFAULT_START_TIMEOUT;

		private Builder() {
		}

		/**
		 * @param count how many worker JVMs run
		 * @return this builder
		 */
		public Builder count(int count) {
			this.count = count;
			return this;
		}

		/**
		 * @param maxHeapBytes each worker's heap cap
		 * @return this builder
		 */
		public Builder maxHeapBytes(long maxHeapBytes) {
			this.maxHeapBytes = maxHeapBytes;
			return this;
		}

		/**
		 * @param jvmArgs extra options of each worker JVM
		 * @return this builder
		 */
		public Builder jvmArgs(List<String> jvmArgs) {
			this.jvmArgs = jvmArgs;
			return this;
		}

		/**
		 * @param maxWaiting how many executions may wait for a free worker
		 * @return this builder
		 */
		public Builder maxWaiting(int maxWaiting) {
			this.maxWaiting = maxWaiting;
			return this;
		}

		/**
		 * @param grace how long past the timeout before a worker is killed
		 * @return this builder
		 */
		public Builder grace(Duration grace) {
			this.grace = grace;
			return this;
		}

		/**
		 * @param startTimeout how long a worker may take to start
		 * @return this builder
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
			return this;
		}

		/**
		 * @return the options
		 */
		public WorkerOptions build() {
			return new WorkerOptions(this.count, this.maxHeapBytes, this.jvmArgs, this.maxWaiting, this.grace,
					this.startTimeout);
		}

	}

}
