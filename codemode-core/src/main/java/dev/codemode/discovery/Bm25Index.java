package dev.codemode.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Okapi BM25 over short documents made of weighted fields: how a tool catalog is ranked
 * against a query. Terms come from splitting identifiers ({@code getWeatherForecast},
 * {@code list_open_issues}) and prose into lower-case words, with a light plural folding
 * so that {@code orders} finds {@code order}.
 */
final class Bm25Index {

	private static final double K1 = 1.2;

	private static final double B = 0.75;

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "for", "to", "in", "on", "and", "or",
			"by", "with", "is", "are", "be", "this", "that", "it", "its", "from", "as", "at", "all", "any");

	private final List<Map<String, Double>> documents = new ArrayList<>();

	private final List<Double> lengths = new ArrayList<>();

	private final Map<String, Integer> documentFrequency = new HashMap<>();

	private double totalLength;

	/**
	 * Adds a document; its index is its position in the order of adding.
	 * @param fields the text of each field with its weight (e.g. a name counts three
	 * times as much as prose)
	 */
	void add(Map<String, Double> fields) {
		Map<String, Double> frequencies = new HashMap<>();
		double length = 0;
		for (Map.Entry<String, Double> field : fields.entrySet()) {
			for (String term : terms(field.getKey())) {
				frequencies.merge(term, field.getValue(), Double::sum);
				length += field.getValue();
			}
		}
		frequencies.keySet().forEach((term) -> this.documentFrequency.merge(term, 1, Integer::sum));
		this.documents.add(frequencies);
		this.lengths.add(length);
		this.totalLength += length;
	}

	/**
	 * @param query free text
	 * @param limit how many results at most
	 * @return indexes of the best documents with their scores, best first; only documents
	 * that match a term
	 */
	List<Scored> search(String query, int limit) {
		List<String> queryTerms = terms(query);
		int count = this.documents.size();
		double averageLength = (count > 0) ? this.totalLength / count : 0;
		List<Scored> scored = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Double> document = this.documents.get(i);
			double score = 0;
			for (String term : queryTerms) {
				Double frequency = document.get(term);
				if (frequency == null) {
					continue;
				}
				int df = this.documentFrequency.getOrDefault(term, 0);
				double idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
				double norm = K1 * (1 - B + B * this.lengths.get(i) / Math.max(averageLength, 1e-9));
				score += idf * frequency * (K1 + 1) / (frequency + norm);
			}
			if (score > 0) {
				scored.add(new Scored(i, score));
			}
		}
		scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
		return scored.subList(0, Math.min(limit, scored.size()));
	}

	static List<String> terms(@Nullable String text) {
		List<String> terms = new ArrayList<>();
		if (text == null) {
			return terms;
		}
		// Split camelCase and digits before lower-casing, then on anything that is not a
		// letter or digit.
		String spaced = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
		for (String word : spaced.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.isEmpty() || STOP_WORDS.contains(word)) {
				continue;
			}
			terms.add(fold(word));
		}
		return terms;
	}

	private static String fold(String word) {
		if (word.length() > 4 && word.endsWith("ies")) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.length() > 3 && word.endsWith("es")
				&& (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes"))) {
			return word.substring(0, word.length() - 2);
		}
		if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

	record Scored(int index, double score) {
	}

}
