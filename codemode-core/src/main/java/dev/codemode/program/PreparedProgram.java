package dev.codemode.program;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A program ready to run: a JavaScript script whose completion value is a function that
 * takes no arguments.
 *
 * @param script the JavaScript source to evaluate
 * @param typeScript whether types were stripped from the model's code
 * @param lines maps lines of {@code script} back to lines of the code as the model wrote
 * it
 * @param throwSites the program's {@code throw} statements, in source order
 * @param rejects whether the program mentions {@code reject}, i.e. may reject a promise
 * without a {@code throw}
 */
public record PreparedProgram(String script, boolean typeScript, LineMap lines, List<ThrowSite> throwSites,
		boolean rejects) {

	public PreparedProgram {
		throwSites = List.copyOf(throwSites);
	}

	public PreparedProgram(String script, boolean typeScript, LineMap lines) {
		this(script, typeScript, lines, List.of(), false);
	}

	/**
	 * The statement that most likely threw a value that is not an {@code Error}: the only
	 * {@code throw} of that literal, or else the only {@code throw} of a non-literal when
	 * nothing else could have produced the value.
	 * @param literal the thrown value in the form of {@link ThrowSite#literal(Object)},
	 * or {@code null} when it is not a primitive
	 * @return the site, or empty when the program does not tell
	 */
	public Optional<ThrowSite> throwSiteOf(@Nullable String literal) {
		if (literal != null) {
			List<ThrowSite> same = this.throwSites.stream().filter((site) -> literal.equals(site.literal())).toList();
			if (same.size() == 1) {
				return Optional.of(same.get(0));
			}
			if (!same.isEmpty()) {
				return Optional.empty();
			}
		}
		List<ThrowSite> others = this.throwSites.stream().filter((site) -> site.literal() == null).toList();
		return (others.size() == 1 && !this.rejects) ? Optional.of(others.get(0)) : Optional.empty();
	}

}
