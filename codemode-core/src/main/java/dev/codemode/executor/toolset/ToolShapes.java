package dev.codemode.executor.toolset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.codemode.executor.ToolNamespace;

/**
 * What an executor derives from a tool set's {@link ToolShape}, derived once per shape: a
 * small cache, the last shape checked first (most applications pass one tool set over and
 * over), then the most recently used ones, found by equal names and identifiers.
 * Thread-safe.
 * <p>
 * Internal to codemode: not an API, and it may change without notice.
 *
 * @param <T> what is derived
 */
public final class ToolShapes<T> {

	private final Function<ToolShape, T> derive;

	private final Map<ToolShape, T> recent;

	private volatile Derived<T> last;

	/**
	 * @param capacity how many shapes are kept at most
	 * @param derive what is derived from a shape; it depends on nothing else
	 */
	public ToolShapes(int capacity, Function<ToolShape, T> derive) {
		this.derive = derive;
		this.recent = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<ToolShape, T> eldest) {
				return size() > capacity;
			}

		};
		ToolShape none = ToolShape.of(List.of());
		this.last = new Derived<>(none, derive.apply(none));
	}

	/**
	 * @param namespaces the namespaces of an execution, which the caller will not change
	 * @return what is derived from their shape
	 */
	public T of(List<ToolNamespace> namespaces) {
		Derived<T> last = this.last;
		if (last.shape().matches(namespaces)) {
			return last.value();
		}
		ToolShape shape = ToolShape.of(namespaces);
		T value;
		synchronized (this.recent) {
			value = this.recent.computeIfAbsent(shape, this.derive);
		}
		this.last = new Derived<>(shape, value);
		return value;
	}

	/** A shape and what was derived from it. */
	private record Derived<T>(ToolShape shape, T value) {
	}

}
