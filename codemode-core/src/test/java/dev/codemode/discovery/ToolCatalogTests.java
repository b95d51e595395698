package dev.codemode.discovery;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the catalog ranks tools against what a program looks for, in words. */
class ToolCatalogTests {

	private static ToolCatalog.Entry entry(String namespace, String identifier, String description,
			String... parameters) {
		return new ToolCatalog.Entry(namespace, identifier, description, List.of(parameters),
				identifier + "(input: {}): Promise<unknown>;");
	}

	private static final ToolCatalog CATALOG = new ToolCatalog(List.of(
			entry("codemode", "sendEmail", "Send an email to a customer.", "to", "subject", "body"),
			entry("codemode", "listOrders", "List the orders of a customer, newest first.", "customerId"),
			entry("codemode", "getWeather", "Get the weather forecast for a city.", "location"),
			entry("github", "list_open_issues", "List the open issues of a repository.", "repository"),
			entry("codemode", "archiveMessages", "Archive messages of a mailbox that mention an order.", "query")));

	private static List<String> names(String query) {
		return CATALOG.search(query, 10).stream().map(ToolCatalog.Match::name).toList();
	}

	@Test
	void aWordOfTheNameRanksAboveTheSameWordInADescription() {
		// "order" is in listOrders' name and in archiveMessages' description.
		assertThat(names("order")).containsExactly("codemode.listOrders", "codemode.archiveMessages");
	}

	@Test
	void identifiersAreSplitIntoWordsAndPluralsFoldedSoTheyMatchProse() {
		assertThat(names("issue")).first().isEqualTo("github.list_open_issues");
		assertThat(names("emails")).first().isEqualTo("codemode.sendEmail");
		assertThat(names("weather forecast")).first().isEqualTo("codemode.getWeather");
	}

	@Test
	void parameterNamesAndTheNamespaceCount() {
		assertThat(names("location")).containsExactly("codemode.getWeather");
		assertThat(names("github")).containsExactly("github.list_open_issues");
	}

	@Test
	void stopWordsAloneAndUnknownWordsMatchNothing() {
		assertThat(names("the of a")).isEmpty();
		assertThat(names("teleport")).isEmpty();
		assertThat(names("")).isEmpty();
	}

	@Test
	void moreMatchingTermsScoreHigherAndScoresComeBestFirst() {
		List<ToolCatalog.Match> matches = CATALOG.search("list open issues of a repository", 10);
		assertThat(matches).first().extracting(ToolCatalog.Match::name).isEqualTo("github.list_open_issues");
		assertThat(matches).extracting(ToolCatalog.Match::score)
			.isSortedAccordingTo((a, b) -> Double.compare(b, a))
			.allSatisfy((score) -> assertThat(score).isPositive());
	}

	@Test
	void equalScoresKeepTheDeclarationOrder() {
		ToolCatalog twins = new ToolCatalog(
				List.of(entry("a", "ping", "Ping."), entry("b", "ping", "Ping."), entry("c", "ping", "Ping.")));
		assertThat(twins.search("ping", 10)).extracting(ToolCatalog.Match::name)
			.containsExactly("a.ping", "b.ping", "c.ping");
	}

	@Test
	void theLimitIsAtLeastOneAndAtMostFifty() {
		List<ToolCatalog.Entry> many = new java.util.ArrayList<>();
		for (int i = 0; i < 80; i++) {
			many.add(entry("codemode", "report" + i, "A report."));
		}
		ToolCatalog catalog = new ToolCatalog(many);
		assertThat(catalog.search("report", 0)).hasSize(1);
		assertThat(catalog.search("report", 3)).hasSize(3);
		assertThat(catalog.search("report", 1000)).hasSize(ToolCatalog.MAX_RESULTS);
	}

	@Test
	void describeFindsAToolByItsQualifiedNameOrItsIdentifier() {
		assertThat(CATALOG.describe("codemode.sendEmail")).startsWith("sendEmail(");
		assertThat(CATALOG.describe("list_open_issues")).startsWith("list_open_issues(");
		assertThat(CATALOG.describe("codemode.list_open_issues")).isNull();
	}

	@Test
	void aSummaryIsTheFirstSentenceCutAtOneHundredCharacters() {
		assertThat(entry("n", "t", "First sentence.  Second one.").summary()).isEqualTo("First sentence.");
		assertThat(entry("n", "t", "x".repeat(150)).summary()).hasSize(100).endsWith("…");
		assertThat(entry("n", "t", null).summary()).isEmpty();
	}

	@Test
	void termsSplitCamelCaseSnakeCaseAndAcronyms() {
		assertThat(Bm25Index.terms("getHTMLPage list_open_issues")).containsExactly("get", "html", "page", "list",
				"open", "issue");
		assertThat(Bm25Index.terms("boxes classes addresses")).containsExactly("box", "class", "address");
	}

	@Test
	void aNameWeighsThreeTimesAsMuchAsProse() {
		Bm25Index index = new Bm25Index();
		index.add(Map.of("invoice", 3.0, "", 1.0));
		index.add(Map.of("other", 3.0, "invoice", 1.0));
		List<Bm25Index.Scored> scored = index.search("invoice", 10);
		assertThat(scored).extracting(Bm25Index.Scored::index).containsExactly(0, 1);
		assertThat(scored.get(0).score()).isGreaterThan(scored.get(1).score());
	}

}
