package dev.codemode.program;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The programs a {@link ProgramNormalizer} prepared last, least recently used first out:
 * models repeat a program when they retry, and a repeat then costs no parse.
 * <p>
 * An entry is found by the full text of the code and the aliases it was prepared with,
 * compared with {@code equals}: two programs of the same hash never share an entry, so no
 * caller can ever run another caller's program. Everything else that shapes the output
 * (the limits, the parser) is fixed per normalizer, which owns its cache.
 * <p>
 * Bounded by entries and by characters (code, script, source map and message counted), so
 * that large programs cannot hold much memory. What is kept is immutable: a
 * {@link PreparedProgram}, or the kind, message and place of a refusal, from which each
 * repeat gets an exception of its own. Thread-safe; a lookup holds the lock only to find
 * the entry and mark it used.
 */
final class PreparedPrograms {

	/** Default maximum characters held, code and scripts together (about 4 MiB). */
	static final long DEFAULT_MAX_CHARS = 2L * 1024 * 1024;

	private final int maxEntries;

	private final long maxChars;

	private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

	private long chars;

	/**
	 * @param maxEntries how many programs are kept, 0 for none
	 * @param maxChars how many characters they may hold together
	 */
	PreparedPrograms(int maxEntries, long maxChars) {
		if (maxEntries < 0 || maxChars < 0) {
			throw new IllegalArgumentException("bounds must not be negative");
		}
		this.maxEntries = maxEntries;
		this.maxChars = maxChars;
	}

	/**
	 * @return whether anything is ever kept
	 */
	boolean enabled() {
		return this.maxEntries > 0 && this.maxChars > 0;
	}

	/**
	 * The program prepared earlier from this code with these aliases.
	 * @param code the code as the model wrote it
	 * @param aliases the aliases it is prepared with
	 * @return the program, or {@code null} when none is kept
	 * @throws ProgramException a new copy of the refusal kept for it
	 */
	@Nullable PreparedProgram find(String code, Map<String, String> aliases) throws ProgramException {
		if (!enabled()) {
			return null;
		}
		Key key = new Key(code, aliases);
		Entry entry;
		synchronized (this.entries) {
			entry = this.entries.get(key);
		}
		if (entry == null) {
			return null;
		}
		if (entry.program() != null) {
			return entry.program();
		}
		throw new ProgramException(entry.kind(), entry.message(), entry.line(), entry.column());
	}

	/**
	 * Keeps a prepared program.
	 * @param code the code it was prepared from
	 * @param aliases the aliases
	 * @param program the program
	 */
	void keep(String code, Map<String, String> aliases, PreparedProgram program) {
		put(code, aliases, new Entry(program, null, null, null, null,
				code.length() + program.script().length() + program.lines().size()));
	}

	/**
	 * Keeps a refusal that the same code always gets: a syntax error at a known place.
	 * Limits (which include a busy or suspended parser) and timeouts depend on the moment
	 * and are never kept.
	 * @param code the code that was refused
	 * @param aliases the aliases
	 * @param refusal the refusal
	 */
	void keep(String code, Map<String, String> aliases, ProgramException refusal) {
		if (refusal.kind() != ProgramException.Kind.SYNTAX || refusal.line() == null) {
			return;
		}
		String message = String.valueOf(refusal.getMessage());
		put(code, aliases, new Entry(null, refusal.kind(), message, refusal.line(), refusal.column(),
				code.length() + message.length()));
	}

	private void put(String code, Map<String, String> aliases, Entry entry) {
		if (!enabled() || entry.size() > this.maxChars / 4) {
			// One entry never takes more than a quarter of the budget.
			return;
		}
		Key key = new Key(code, Map.copyOf(aliases));
		synchronized (this.entries) {
			Entry old = this.entries.put(key, entry);
			if (old != null) {
				this.chars -= old.size();
			}
			this.chars += entry.size();
			Iterator<Entry> eldest = this.entries.values().iterator();
			while (this.entries.size() > this.maxEntries || this.chars > this.maxChars) {
				this.chars -= eldest.next().size();
				eldest.remove();
			}
		}
	}

	/**
	 * @return how many programs are kept
	 */
	int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	/**
	 * @return how many characters they hold
	 */
	long chars() {
		synchronized (this.entries) {
			return this.chars;
		}
	}

	/**
	 * The full code and aliases; the hash is computed once, outside the lock, and
	 * equality compares the whole text.
	 */
	private static final class Key {

		private final String code;

		private final Map<String, String> aliases;

		private final int hash;

		Key(String code, Map<String, String> aliases) {
			this.code = code;
			this.aliases = aliases;
			this.hash = 31 * code.hashCode() + aliases.hashCode();
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Key key && this.hash == key.hash && this.code.equals(key.code)
					&& this.aliases.equals(key.aliases);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

	/**
	 * A program, or a refusal's kind, message and place; and the characters it counts
	 * for.
	 */
	private record Entry(@Nullable PreparedProgram program, ProgramException.@Nullable Kind kind,
			@Nullable String message, @Nullable Integer line, @Nullable Integer column, long size) {
	}

}
