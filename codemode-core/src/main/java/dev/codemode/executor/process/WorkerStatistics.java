package dev.codemode.executor.process;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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

	/**
	 * Every cause that {@link #killed()} counts, in a fixed order (a key of
	 * {@code killed} only once a worker died so).
	 */
	public static final List<String> KILL_CAUSES = Arrays.stream(Worker.Death.values())
		.filter((death) -> death != Worker.Death.CLOSED)
		.map(Worker.Death::cause)
		.toList();

	public WorkerStatistics {
		killed = Map.copyOf(killed);
	}

	/**
	 * @return the workers that died by each of {@link #KILL_CAUSES}, in that order, 0
	 * where none did
	 */
	public Map<String, Long> killedByCause() {
		Map<String, Long> counts = new LinkedHashMap<>();
		KILL_CAUSES.forEach((cause) -> counts.put(cause, this.killed.getOrDefault(cause, 0L)));
		return counts;
	}

}
