package dev.codemode.executor;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The functions of a namespace bound to one execution
 * ({@link PreparedToolNamespace#bind(IntFunction)}): a read-only view over the prepared
 * identifiers that makes each function when it is first looked up and keeps it, so that
 * it is a map like any other (the same value at each look-up, a stable hash code).
 * {@link ToolNamespace} keeps it as it is instead of copying it.
 */
final class BoundToolFunctions extends AbstractMap<String, ToolFunction> {

	private final PreparedToolNamespace prepared;

	private final IntFunction<ToolFunction> functions;

	private final AtomicReferenceArray<ToolFunction> made;

	BoundToolFunctions(PreparedToolNamespace prepared, IntFunction<ToolFunction> functions) {
		this.prepared = prepared;
		this.functions = functions;
		this.made = new AtomicReferenceArray<>(prepared.identifiers().size());
	}

	@Override
	public @Nullable ToolFunction get(Object key) {
		int index = this.prepared.indexOf(key);
		return (index >= 0) ? function(index) : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return this.prepared.indexOf(key) >= 0;
	}

	@Override
	public int size() {
		return this.prepared.identifiers().size();
	}

	@Override
	public Set<String> keySet() {
		return this.prepared.identifierSet();
	}

	@Override
	public Set<Entry<String, ToolFunction>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, ToolFunction>> iterator() {
				Iterator<String> identifiers = BoundToolFunctions.this.prepared.identifiers().iterator();
				return new Iterator<>() {

					private int index;

					@Override
					public boolean hasNext() {
						return identifiers.hasNext();
					}

					@Override
					public Entry<String, ToolFunction> next() {
						return Map.entry(identifiers.next(), function(this.index++));
					}

				};
			}

			@Override
			public int size() {
				return BoundToolFunctions.this.size();
			}

		};
	}

	private ToolFunction function(int index) {
		ToolFunction function = this.made.get(index);
		if (function == null) {
			// Two threads may both make one; the first kept is the one every look-up
			// sees.
			this.made.compareAndSet(index, null,
					Objects.requireNonNull(this.functions.apply(index), "the function of a prepared tool"));
			function = this.made.get(index);
		}
		return function;
	}

}
