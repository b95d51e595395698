package dev.codemode.executor.graaljs;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.codemode.executor.BothIsolations;
import dev.codemode.executor.ExecutionError;
import dev.codemode.executor.ExecutionResult;

import static dev.codemode.executor.graaljs.JavaFree.assertJavaFree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The samples of {@code llm-code-samples.md} (part 1) that run or fail in this sandbox,
 * with their tool calls renamed to {@code codemode.*}. Results are compared with the
 * oracle: the same programs without types, run by Node 20 against the same fixture data
 * ({@code corpus/llm-oracle.json}).
 */
@BothIsolations
class LlmCodeSamplesTests extends SandboxTestSupport {

	static final String S1 = """
			// First, get all products to understand categories
			const productsResult = await codemode.queryTable({ table: 'products' });
			const products = productsResult.rows as Array<{id: number; name: string; category: string; price: number}>;

			// Get unique categories
			const categories = Array.from(new Set(products.map(p => p.category)));
			console.log('Categories found:', categories);

			const purchasesResult = await codemode.queryTable({ table: 'purchases' });
			const purchases = purchasesResult.rows as Array<{id: number; customer_id: number; product_id: number; quantity: number; total: number}>;

			const productMap = new Map(products.map(p => [p.id, p.category]));

			const customersResult = await codemode.queryTable({ table: 'customers' });
			const customers = customersResult.rows as Array<{id: number; name: string; email: string; city: string; joined: string}>;

			const customerPurchases = new Map<number, {
			  name: string;
			  city: string;
			  categories: Set<string>;
			  spendByCategory: Map<string, number>;
			}>();

			for (const customer of customers) {
			  customerPurchases.set(customer.id, {
			    name: customer.name, city: customer.city,
			    categories: new Set(),
			    spendByCategory: new Map(categories.map(c => [c, 0]))
			  });
			}

			for (const purchase of purchases) {
			  const category = productMap.get(purchase.product_id);
			  if (category && customerPurchases.has(purchase.customer_id)) {
			    const data = customerPurchases.get(purchase.customer_id)!;
			    data.categories.add(category);
			    data.spendByCategory.set(category, (data.spendByCategory.get(category) || 0) + purchase.total);
			  }
			}

			const qualifyingCustomers = Array.from(customerPurchases.entries())
			  .filter(([_, data]) => data.categories.size === categories.length)
			  .map(([id, data]) => ({ id, name: data.name, city: data.city,
			    spendByCategory: Object.fromEntries(data.spendByCategory) }));

			console.log(`\\nFound ${qualifyingCustomers.length} customer(s) who purchased from all ${categories.length} categories`);

			return { categories, qualifyingCustomers };
			""";

	static final String S4 = """
			const customersResult = await codemode.queryTable({ table: 'customers' });
			const productsResult = await codemode.queryTable({ table: 'products' });
			const purchasesResult = await codemode.queryTable({ table: 'purchases' });

			const customers = customersResult.rows as any[];
			const products = productsResult.rows as any[];
			const purchases = purchasesResult.rows as any[];

			const productMap = new Map(products.map(p => [p.id, p]));
			const customerMap = new Map(customers.map(c => [c.id, c]));

			const cityData = new Map<string, { totalRevenue: number; uniqueCustomers: Set<number>; categoryPurchaseCounts: Map<string, number>; }>();

			for (const purchase of purchases) {
			  const customer = customerMap.get(purchase.customer_id);
			  const product = productMap.get(purchase.product_id);
			  if (customer && product) {
			    const city = customer.city;
			    if (!cityData.has(city)) {
			      cityData.set(city, { totalRevenue: 0, uniqueCustomers: new Set(), categoryPurchaseCounts: new Map() });
			    }
			    const data = cityData.get(city)!;
			    data.totalRevenue += purchase.total;
			    data.uniqueCustomers.add(purchase.customer_id);
			    const currentCount = data.categoryPurchaseCounts.get(product.category) || 0;
			    data.categoryPurchaseCounts.set(product.category, currentCount + purchase.quantity);
			  }
			}

			const results = Array.from(cityData.entries()).map(([city, data]) => {
			  let mostPurchasedCategory = 'N/A';
			  let maxCount = 0;
			  for (const [category, count] of data.categoryPurchaseCounts.entries()) {
			    if (count > maxCount) { maxCount = count; mostPurchasedCategory = category; }
			  }
			  return { city, totalRevenue: data.totalRevenue.toFixed(2), uniqueCustomers: data.uniqueCustomers.size, mostPurchasedCategory };
			}).sort((a, b) => a.city.localeCompare(b.city));

			return results;
			""";

	static final String S5 = """
			// Fetch weather for multiple cities in parallel
			const cities = ["Tokyo", "Paris", "NYC"];
			const results = await Promise.all(
			  cities.map(city => codemode.fetchWeather({ location: city }))
			);
			const warmest = results.reduce((prev, curr) => curr.temperature > prev.temperature ? curr : prev);
			return { warmestCity: warmest.location, temperature: warmest.temperature };
			""";

	static final String S7 = """
			async () => {
			  const files = await state.glob("/src/**/*.ts");
			  const results = await Promise.all(
			    files.map((f) => codemode.analyzeFile({ path: f }))
			  );
			  await state.writeJson("/report.json", results);
			  return results.length;
			};
			""";

	static final String S8 = """
			async () => {
			  const matches = await codemode.search("open pull requests");
			  const docs = await codemode.describe(matches.results[0].path);
			  const prs = await github.list_pull_requests({ owner: "cloudflare", repo: "agents", state: "open" });
			  // ...
			};
			""";

	static final String S9 = """
			async () => {
			  const results = [];
			  for (const [path, methods] of Object.entries(spec.paths)) {
			    if (path.includes('/zones/') && (path.includes('firewall/waf') || path.includes('rulesets'))) {
			      for (const [method, op] of Object.entries(methods)) {
			        results.push({ method: method.toUpperCase(), path, summary: op.summary });
			      }
			    }
			  }
			  return results;
			}
			""";

	static final String S10 = """
			const id = await codemode.step("gen-id", () => crypto.randomUUID());
			const data = await codemode.step("fetch", async () => (await fetch(url)).json());
			""";

	static final String S11 = """
			const pr = await codemode.get_pull_request({ owner: 'microsoft', repo: 'vscode', pull_number: 1234 });
			const comments = await codemode.get_pull_request_comments({ owner: 'microsoft', repo: 'vscode', pull_number: 1234 });
			const reviews = await codemode.get_pull_request_reviews({ owner: 'microsoft', repo: 'vscode', pull_number: 1234 });
			const files = await codemode.get_pull_request_files({ owner: 'microsoft', repo: 'vscode', pull_number: 1234 });

			const summary = {
			  title: pr.title, state: pr.state, author: pr.user.login,
			  stats: { comments: comments.length, reviews: reviews.length, filesChanged: files.length,
			           approvals: reviews.filter(r => r.state === 'APPROVED').length },
			  topDiscussion: comments.slice(0, 3).map(c => ({ author: c.user.login, preview: c.body.substring(0, 100) + '...' }))
			};
			console.log(`PR "${pr.title}" analysis complete`);
			return summary;
			""";

	static final String S13 = """
			const files = await fetch("http://localhost:3001/mcp/call", {
			  method: "POST",
			  headers: { "Content-Type": "application/json" },
			  body: JSON.stringify({ server: "fs", tool: "list_directory", args: { path: "/srv/files" } }),
			}).then((r) => r.json());

			for (const file of files.content[0].text.split("\\n")) {
			  if (file.endsWith(".txt")) {
			    const content = await fetch("http://localhost:3001/mcp/call", { method: "POST",
			      headers: { "Content-Type": "application/json" },
			      body: JSON.stringify({ server: "fs", tool: "read_file", args: { path: `/srv/files/${file}` } }),
			    }).then((r) => r.json());
			    console.log(`${file}: ${content.content[0].text.length} characters`);
			  }
			}
			""";

	static final String S14 = """
			const [status, changedFiles] = await Promise.all([
			  tools.exec_command({ cmd: 'git status --short' }),
			  tools.exec_command({ cmd: 'git diff --name-only' }),
			]);
			text({
			  status: status.output,
			  files: changedFiles.output.trim().split('\\n').filter(Boolean),
			});
			""";

	static final String S16 = "return (await (await fetch('file:///etc/hosts')).text()).slice(0, 60)";

	final SampleTools tools = new SampleTools();

	private ExecutionResult run(String code, SampleTools with) {
		return executor().execute(code, with.tools());
	}

	@Override
	ExecutionResult run(String code) {
		return run(code, this.tools);
	}

	static Stream<Arguments> samplesWithAnOracle() {
		return Stream.of(arguments("S1", S1), arguments("S4", S4), arguments("S11", S11));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samplesWithAnOracle")
	void sampleReturnsWhatTheOracleReturns(String sample, String code) {
		JsonNode oracle = SampleTools.ORACLE.get(sample);
		ExecutionResult result = run(code);
		assertThat(result.error()).isNull();
		assertThat(Fixtures.JSON.readTree(result.resultJson())).isEqualTo(oracle.get("result"));
		assertThat(result.logs())
			.containsExactlyElementsOf(oracle.get("logs").valueStream().map(JsonNode::asString).toList());
	}

	@Test
	void batchedToolCallsRunConcurrently() {
		// S5: three calls of 100 ms each; run twice so that the measured run does not pay
		// for parsing.
		run(S5);
		long start = System.nanoTime();
		ExecutionResult result = run(S5);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertResult(result, "{\"warmestCity\":\"NYC\",\"temperature\":25}");
		assertThat(this.tools.weatherPeak).as("calls running at once").hasValue(3);
		assertThat(elapsed).isLessThan(Duration.ofMillis(300));
	}

	@Test
	void secondNamespaceIsAReferenceErrorAtItsLine() {
		// S7 as written: `state` does not exist, and analyzeFile is never called.
		ExecutionResult result = run(S7);
		assertError(result, "ReferenceError", "state is not defined");
		assertThat(result.error().line()).isEqualTo(2);
		assertThat(this.tools.called).isEmpty();
		// With every tool in the codemode namespace, it runs as the oracle does.
		ExecutionResult renamed = run(S7.replace("state.", "codemode.")
			.replace("codemode.writeJson(\"/report.json\", results)",
					"codemode.writeJson({ path: \"/report.json\", data: results })"));
		assertResult(renamed, "3");
		assertThat(this.tools.called).containsExactly("glob", "analyzeFile", "analyzeFile", "analyzeFile", "writeJson");
	}

	@Test
	void discoveryToolsThatDoNotExistAreListed() {
		ExecutionResult result = run(S8);
		assertError(result, ExecutionError.UNKNOWN_TOOL, "\"search\"", "queryTable, fetchWeather");
		assertThat(result.error().line()).isEqualTo(2);
		// Where the application has them, the program reaches line 4 and `github` does
		// not exist.
		ExecutionResult withDiscovery = run(S8, new SampleTools().withDiscovery());
		assertError(withDiscovery, "ReferenceError", "github is not defined");
		assertThat(withDiscovery.error().line()).isEqualTo(4);
	}

	@Test
	void globalThatDoesNotExistIsAReferenceErrorAtItsLine() {
		ExecutionResult result = run(S9);
		assertError(result, "ReferenceError", "spec is not defined");
		assertThat(result.error().line()).isEqualTo(3);
	}

	@Test
	void durableStepToolIsUnknown() {
		ExecutionResult result = run(S10);
		assertError(result, ExecutionError.UNKNOWN_TOOL, "\"step\"", "queryTable");
		assertThat(result.error().line()).isEqualTo(1);
		assertResult(run("[typeof crypto, typeof fetch]"), "[\"undefined\", \"undefined\"]");
	}

	@Test
	void toolCallWithoutAwaitFailsWhereTheDataIsUsed() {
		// S11 in UTCP's synchronous style: pr is a Promise, so pr.user.login fails on
		// line 7.
		ExecutionResult result = run(S11.replace("await codemode.", "codemode."));
		assertError(result, "TypeError", "login");
		assertThat(result.error().message()).contains("undefined");
		assertThat(result.error().line()).isEqualTo(7);
	}

	@Test
	void fetchIsAReferenceErrorAtLineOne() {
		for (String code : List.of(S13, S16)) {
			ExecutionResult result = run(code);
			assertError(result, "ReferenceError", "fetch is not defined", "no network");
			assertThat(result.error().line()).isEqualTo(1);
			assertThat(result.logs()).isEmpty();
			assertThat(result.error().message()).doesNotContain("localhost", "127.0.0.1");
		}
	}

	@Test
	void otherRuntimesToolsNamespaceIsAReferenceErrorWithAHint() {
		ExecutionResult result = run(S14);
		assertError(result, "ReferenceError", "tools is not defined", "codemode");
		assertThat(result.error().line()).isEqualTo(2);
		// Renamed: both calls run, then Codex's text() does not exist.
		ExecutionResult renamed = run(S14.replace("tools.", "codemode."));
		assertError(renamed, "ReferenceError", "text is not defined", "return");
		assertThat(renamed.error().line()).isEqualTo(5);
		assertThat(this.tools.called).containsExactly("exec_command", "exec_command");
		assertJavaFree(renamed);
	}

}
