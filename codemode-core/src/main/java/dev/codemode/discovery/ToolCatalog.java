package dev.codemode.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A searchable catalog of tools, for programs that work with more tools than fit in a
 * description: they find tools with {@link #search(String, int)} and read one tool's
 * TypeScript with {@link #describe(String)}. Ranking is BM25 over each tool's name
 * (weighted highest), namespace, parameter names and description.
 */
public final class ToolCatalog {

	/** The most results one search returns, whatever the program asks for. */
	public static final int MAX_RESULTS = 50;

	private final List<Entry> entries;

	private final Map<String, Entry> byName = new LinkedHashMap<>();

	private final Bm25Index index = new Bm25Index();

	/**
	 * @param entries the tools, in declaration order
	 */
	public ToolCatalog(List<Entry> entries) {
		this.entries = List.copyOf(entries);
		for (Entry entry : this.entries) {
			this.byName.put(entry.qualifiedName(), entry);
			this.byName.putIfAbsent(entry.identifier(), entry);
			Map<String, Double> fields = new LinkedHashMap<>();
			fields.put(entry.identifier(), 3.0);
			fields.put(entry.namespace(), 1.0);
			fields.put(String.join(" ", entry.parameterNames()), 1.0);
			fields.put(Objects.toString(entry.description(), ""), 1.0);
			this.index.add(fields);
		}
	}

	/**
	 * @param query what the program looks for, in words
	 * @param limit how many results (capped at {@link #MAX_RESULTS})
	 * @return the best-matching tools, best first
	 */
	public List<Match> search(String query, int limit) {
		List<Match> matches = new ArrayList<>();
		for (Bm25Index.Scored scored : this.index.search(query, Math.max(1, Math.min(limit, MAX_RESULTS)))) {
			Entry entry = this.entries.get(scored.index());
			matches.add(new Match(entry.qualifiedName(), entry.summary(), Math.round(scored.score() * 1000) / 1000.0));
		}
		return matches;
	}

	/**
	 * @param name a tool's qualified name ({@code codemode.getWeather}) or, where
	 * unambiguous, its identifier
	 * @return its TypeScript declaration, or {@code null} when there is no such tool
	 */
	public @Nullable String describe(String name) {
		Entry entry = this.byName.get(name);
		return (entry != null) ? entry.declaration() : null;
	}

	/**
	 * @return the tools, in declaration order
	 */
	public List<Entry> entries() {
		return this.entries;
	}

	/**
	 * One tool of the catalog.
	 *
	 * @param namespace its namespace, e.g. {@code codemode}
	 * @param identifier its name in programs, e.g. {@code getWeather}
	 * @param description its description
	 * @param parameterNames the names of its input's properties
	 * @param declaration its TypeScript declaration: signature, input and output types
	 */
	public record Entry(String namespace, String identifier, @Nullable String description, List<String> parameterNames,
			String declaration) {

		/**
		 * @return {@code namespace.identifier}
		 */
		public String qualifiedName() {
			return this.namespace + "." + this.identifier;
		}

		/**
		 * @return the first sentence of the description, at most 100 characters
		 */
		public String summary() {
			String text = Objects.toString(this.description, "").strip().replaceAll("\\s+", " ");
			int end = text.indexOf(". ");
			if (end > 0) {
				text = text.substring(0, end + 1);
			}
			return (text.length() > 100) ? text.substring(0, 99) + "…" : text;
		}

	}

	/**
	 * A search result.
	 *
	 * @param name the tool's qualified name, to call or to pass to {@code describe}
	 * @param summary its one-line summary
	 * @param score its BM25 score; higher is better
	 */
	public record Match(String name, String summary, double score) {
	}

}
