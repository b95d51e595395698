package dev.codemode.executor.process;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The worker JVMs of a {@link ProcessCodeExecutor} at one moment.
 *
 * @param count how many workers the pool keeps
 * @param alive workers running now, busy or idle
 * @param busy workers running an execution now
 * @param waiting executions waiting for a free worker now
 * @param restarts workers started to replace one that died
 * @param killed workers that died, by cause: {@code timeout} (an execution overran its
 * timeout and grace), {@code heap} (the heap cap), {@code crash}, {@code protocol} (the
 * worker broke the protocol), {@code interrupted}
 * @param lastStartFailure why the last attempt to start a worker failed, or {@code null}
 * when the last attempt succeeded
 */
public record WorkerStatistics(int count, int alive, int busy, int waiting, long restarts, Map<String, Long> killed,
		@Nullable String lastStartFailure) {

	public WorkerStatistics {
		killed = Map.copyOf(killed);
	}

}
