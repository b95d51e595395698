package dev.codemode.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import dev.codemode.demo.approval.DemoApprovalHandler;
import dev.codemode.demo.tools.WeatherTools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The HTTP API on a real port, as the page and a script use it. The expected values come
 * from SQL over the same database, not from the code under test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoApiTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private WeatherTools weatherTools;

	private RestClient rest;

	@BeforeEach
	void rest() {
		this.rest = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void runsAProgramThatJoinsCustomersAndOrdersAndEmailsThemConcurrently() {
		String subject = "Pending orders " + UUID.randomUUID();
		String program = """
				async () => {
				  const [customers, pending, products] = await Promise.all([
				    codemode.listCustomers({ city: "Oslo" }),
				    codemode.listOrders({ status: "PENDING" }),
				    codemode.listProducts({}),
				  ]);
				  const productName = new Map(products.map((p) => [p.id, p.name]));
				  const sent = await Promise.all(customers
				    .map((customer) => ({ customer, orders: pending.filter((o) => o.customerId === customer.id) }))
				    .filter(({ orders }) => orders.length > 0)
				    .map(({ customer, orders }) => codemode.sendEmail({
				      to: customer.email,
				      subject: "%s",
				      body: orders.map((o) => productName.get(o.productId)).join(", "),
				    })));
				  console.log("sent " + sent.length);
				  return {
				    recipients: sent.map((e) => e.to).sort(),
				    pendingAmount: pending.reduce((sum, o) => sum + o.amount, 0),
				  };
				}
				""".formatted(subject);
		List<String> expectedRecipients = this.jdbc.sql("""
				SELECT DISTINCT c.email FROM customers c JOIN orders o ON o.customer_id = c.id
				WHERE c.city = 'Oslo' AND o.status = 'PENDING' ORDER BY c.email""").query(String.class).list();
		assertThat(expectedRecipients).as("the data has Oslo customers with pending orders").hasSizeGreaterThan(1);
		List<JsonNode> emails = expectedRecipients.stream()
			.map((recipient) -> (JsonNode) this.json
				.valueToTree(Map.of("to", recipient, "subject", subject, "body", pendingProducts(recipient))))
			.toList();

		// The emails wait for approval: the first run sends none. Its refusals are emails
		// of that list: always the one whose refusal ended the program's Promise.all, and
		// the others only if they reached the approval gate before the execution ended
		// (refused then, or interrupted while waiting for the decision), which is a race.
		JsonNode refused = post("/api/execute", Map.of("code", program)).body().get("output");
		assertThat(refused.get("error").asString()).contains("codemode.sendEmail needs approval and did not run");
		assertThat(refused.get("refused")).as("refused calls in %s", refused).isNotNull();
		List<JsonNode> refusedCalls = list(refused.get("refused"));
		assertThat(refusedCalls).extracting((call) -> call.get("tool").asString()).containsOnly("codemode.sendEmail");
		assertThat(refusedCalls).extracting((call) -> call.get("reason").asString())
			.contains("denied: " + DemoApprovalHandler.WAITING)
			.isSubsetOf("denied: " + DemoApprovalHandler.WAITING, "the execution ended while waiting for approval");
		assertThat(refusedCalls).extracting((call) -> call.get("input")).doesNotHaveDuplicates().isSubsetOf(emails);
		assertThat(outboxCount(subject)).isZero();

		// The second run has the user's approval of each email, in the form that refused
		// lists them.
		Response response = post("/api/execute", Map.of("code", program, "approvals",
				emails.stream().map((email) -> Map.of("tool", "codemode.sendEmail", "input", email)).toList()));

		assertThat(response.status()).isEqualTo(200);
		JsonNode output = response.body().get("output");
		assertThat(output.has("error")).as("error in %s", output).isFalse();
		assertThat(output.has("refused")).isFalse();
		assertThat(strings(output.get("result").get("recipients"))).isEqualTo(expectedRecipients);
		assertThat(output.get("result").get("pendingAmount").asDouble()).isCloseTo(
				this.jdbc.sql("SELECT SUM(amount) FROM orders WHERE status = 'PENDING'").query(Double.class).single(),
				offset(0.001));
		assertThat(strings(output.get("logs"))).containsExactly("sent " + expectedRecipients.size());

		// The emails are in the outbox, each with the products of that customer's pending
		// orders.
		List<Map<String, Object>> outbox = this.jdbc
			.sql("SELECT recipient, body FROM outbox WHERE subject = :subject ORDER BY recipient")
			.param("subject", subject)
			.query()
			.listOfRows();
		assertThat(outbox).extracting((row) -> row.get("RECIPIENT")).containsExactlyElementsOf(expectedRecipients);
		for (Map<String, Object> email : outbox) {
			assertThat(email.get("BODY")).isEqualTo(pendingProducts((String) email.get("RECIPIENT")));
		}

		// Every tool call was recorded: the three reads first (concurrently, in any
		// order), then one email each.
		List<JsonNode> calls = list(response.body().get("toolCalls"));
		assertThat(calls).hasSize(3 + expectedRecipients.size());
		assertThat(calls.subList(0, 3)).extracting((call) -> call.get("tool").asString())
			.containsExactlyInAnyOrder("codemode.listCustomers", "codemode.listOrders", "codemode.listProducts");
		assertThat(calls.subList(3, calls.size())).allSatisfy((call) -> {
			assertThat(call.get("tool").asString()).isEqualTo("codemode.sendEmail");
			assertThat(call.get("input").get("subject").asString()).isEqualTo(subject);
			assertThat(call.get("output").get("to").asString()).isEqualTo(call.get("input").get("to").asString());
		});
		assertThat(calls).extracting((call) -> call.get("number").asInt())
			.containsExactly(IntStream.rangeClosed(1, calls.size()).boxed().toArray(Integer[]::new));
		assertThat(calls).allSatisfy((call) -> {
			assertThat(call.get("durationMillis").asDouble()).isNotNegative();
			assertThat(call.get("startedAtMillis").asDouble()).isNotNegative();
			assertThat(call.get("error").isNull()).isTrue();
		});
		assertThat(response.body().get("durationMillis").asDouble()).isPositive();
		assertThat(response.body().get("code").asString()).isEqualTo(program);
	}

	@Test
	void sendEmailRunsOnlyWithTheUsersApprovalOfExactlyThatCall() {
		String subject = "Approval " + UUID.randomUUID();
		String program = """
				async () => {
				  const outcomes = await Promise.allSettled([
				    codemode.sendEmail({ to: "ada@example.com", subject: "%1$s", body: "first" }),
				    codemode.sendEmail({ to: "alan@example.com", subject: "%1$s", body: "second" }),
				  ]);
				  return outcomes.map((o) => (o.status === "fulfilled") ? "sent to " + o.value.to : o.reason.message);
				}""".formatted(subject);

		// Without approvals: nothing is sent, the program gets an error per call, the
		// JSON lists both calls.
		JsonNode first = post("/api/execute", Map.of("code", program)).body();

		List<String> outcomes = strings(first.get("output").get("result"));
		assertThat(outcomes).hasSize(2)
			.allSatisfy((outcome) -> assertThat(outcome).contains("codemode.sendEmail needs approval and did not run")
				.contains(DemoApprovalHandler.WAITING));
		List<JsonNode> refused = list(first.get("output").get("refused"));
		assertThat(refused).extracting((call) -> call.get("tool").asString())
			.containsExactly("codemode.sendEmail", "codemode.sendEmail");
		assertThat(refused).extracting((call) -> call.get("input").get("to").asString())
			.containsExactlyInAnyOrder("ada@example.com", "alan@example.com");
		assertThat(refused).allSatisfy((call) -> {
			assertThat(call.get("input").get("subject").asString()).isEqualTo(subject);
			assertThat(call.get("reason").asString()).contains(DemoApprovalHandler.WAITING);
		});
		assertThat(list(first.get("toolCalls"))).as("refused calls never reach the tool").isEmpty();
		assertThat(outboxCount(subject)).isZero();

		// Approved: the first email, its fields in another order (compared as JSON, not
		// as text), and the second
		// one with a different body, which approves nothing.
		Map<String, Object> firstEmail = new LinkedHashMap<>();
		firstEmail.put("body", "first");
		firstEmail.put("subject", subject);
		firstEmail.put("to", "ada@example.com");
		Map<String, Object> changedSecond = Map.of("to", "alan@example.com", "subject", subject, "body", "other");
		JsonNode second = post("/api/execute",
				Map.of("code", program, "approvals", List.of(Map.of("tool", "codemode.sendEmail", "input", firstEmail),
						Map.of("tool", "codemode.sendEmail", "input", changedSecond))))
			.body();

		outcomes = strings(second.get("output").get("result"));
		assertThat(outcomes.get(0)).isEqualTo("sent to ada@example.com");
		assertThat(outcomes.get(1)).contains("needs approval and did not run");
		assertThat(list(second.get("output").get("refused")))
			.extracting((call) -> call.get("input").get("body").asString())
			.containsExactly("second");
		assertThat(this.jdbc.sql("SELECT recipient FROM outbox WHERE subject = :subject")
			.param("subject", subject)
			.query(String.class)
			.list()).containsExactly("ada@example.com");
	}

	@Test
	void anApprovalLetsOneCallRun() {
		String subject = "Once " + UUID.randomUUID();
		Map<String, Object> email = Map.of("to", "ada@example.com", "subject", subject, "body", "hello");
		String program = """
				async () => {
				  const email = %s;
				  await codemode.sendEmail(email);
				  try {
				    await codemode.sendEmail(email);
				    return "sent twice";
				  } catch (e) {
				    return "sent once";
				  }
				}""".formatted(this.json.writeValueAsString(email));

		JsonNode output = post("/api/execute",
				Map.of("code", program, "approvals", List.of(Map.of("tool", "codemode.sendEmail", "input", email))))
			.body()
			.get("output");

		assertThat(output.get("result").asString()).isEqualTo("sent once");
		assertThat(list(output.get("refused"))).hasSize(1);
		assertThat(outboxCount(subject)).isOne();
	}

	@Test
	void returnsWhatTheToolsReturnedAsTypedJson() {
		Response response = post("/api/execute", Map.of("code", """
				const [weather, customer] = await Promise.all([
				  codemode.getWeather({ location: "Lisbon" }),
				  codemode.getCustomer({ id: 4 }),
				]);
				({ weather, customer })"""));

		JsonNode result = response.body().get("output").get("result");
		assertThat(result.get("customer").get("name").asString()).isEqualTo("Maria Santos");
		assertThat(result.get("customer").get("customerSince").asString()).isEqualTo("2020-11-05");
		assertThat(result.get("weather").get("conditions").asString())
			.isEqualTo(this.weatherTools.getWeather("Lisbon").conditions());
		assertThat(result.get("weather").get("temperatureCelsius").asInt())
			.isEqualTo(this.weatherTools.getWeather("lisbon ").temperatureCelsius());
	}

	@Test
	void aFailingToolIsAnErrorTheProgramCanCatch() {
		Response response = post("/api/execute", Map.of("code", """
				async () => {
				  try {
				    return await codemode.getCustomer({ id: 999 });
				  } catch (e) {
				    return "caught: " + e.message;
				  }
				}"""));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().get("output").get("result").asString()).contains("No customer with id 999");
		JsonNode call = response.body().get("toolCalls").get(0);
		assertThat(call.get("tool").asString()).isEqualTo("codemode.getCustomer");
		assertThat(call.get("error").asString()).contains("No customer with id 999");
		assertThat(call.get("output").isNull()).isTrue();
	}

	@Test
	void aBrokenProgramIsA200WithTheErrorTheModelWouldRead() {
		Response response = post("/api/execute", Map.of("code", """
				async () => {
				  const customers = await codemode.listCustomers({});
				  return customers.map((c) => c.name.toUpperCase(;
				}"""));

		assertThat(response.status()).isEqualTo(200);
		JsonNode output = response.body().get("output");
		assertThat(output.get("error").asString()).contains("SyntaxError").contains("line 3");
		assertThat(output.has("result") && !output.get("result").isNull()).isFalse();
		assertThat(list(response.body().get("toolCalls"))).isEmpty();
	}

	@Test
	void programsSeeCodemodeEnvAsProcessEnv() {
		Response response = post("/api/execute", Map.of("code", "async () => process.env.SHOP_NAME"));

		assertThat(response.body().get("output").get("result").asString()).isEqualTo("Codemode Demo Shop");
	}

	/**
	 * The programs that the README runs from the command line work, once their emails are
	 * approved. As on the demo page, each run approves what the last one refused: a
	 * refusal ends a Promise.all before its other emails have asked, so those are refused
	 * by a later run.
	 */
	@ParameterizedTest
	@MethodSource("programFiles")
	void theSampleProgramsRunWithoutError(Path file) throws IOException {
		String code = Files.readString(file);
		Response response = post("/api/execute", Map.of("code", code));
		List<JsonNode> approvals = new ArrayList<>();
		for (int run = 0; run < 10 && response.body().get("output").get("refused") != null; run++) {
			response.body().get("output").get("refused").forEach(approvals::add);
			response = post("/api/execute", Map.of("code", code, "approvals", approvals));
		}

		JsonNode output = response.body().get("output");
		assertThat(output.has("error")).as("error in %s", output).isFalse();
		assertThat(output.get("result")).isNotEmpty();
	}

	static Stream<Path> programFiles() throws IOException {
		List<Path> files;
		try (Stream<Path> listing = Files.list(Path.of("programs"))) {
			files = listing.sorted().toList();
		}
		assertThat(files).isNotEmpty();
		return files.stream();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"code\": null}", "{\"code\": 42}", "{\"code\": \"   \"}", "[]", "\"code\"",
			"{\"code\": ", "not json", "{\"code\": \"1\", \"approvals\": {}}",
			"{\"code\": \"1\", \"approvals\": [{\"tool\": \"codemode.sendEmail\"}]}",
			"{\"code\": \"1\", \"approvals\": [{\"tool\": 1, \"input\": {}}]}",
			"{\"code\": \"1\", \"approvals\": [{\"tool\": \"codemode.sendEmail\", \"input\": \"{}\"}]}" })
	void executeAnswersBadRequestsWith400AndAProblemDetail(String body) {
		Response response = post("/api/execute", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.body().get("status").asInt()).isEqualTo(400);
		assertThat(response.body().get("detail").asString()).isNotBlank();
	}

	@Test
	void executeNamesTheMissingField() {
		Response response = post("/api/execute", "{\"program\": \"async () => 1\"}");

		assertThat(response.body().get("detail").asString()).contains("\"code\"");
	}

	@Test
	void declarationsAreTheTypeScriptApiInTheToolsDescription() {
		JsonNode declarations = get("/api/declarations").body();

		assertThat(declarations.get("toolName").asString()).isEqualTo("codemode");
		String api = declarations.get("declarations").asString();
		assertThat(api).contains("declare const codemode: {");
		for (String tool : List.of("getWeather", "sendEmail", "listCustomers", "getCustomer", "listOrders",
				"listProducts", "getOutbox")) {
			assertThat(api).contains(tool);
		}
		assertThat(declarations.get("description").asString()).contains("```typescript\n" + api + "\n```");
		assertThat(declarations.get("inputSchema").get("required").get(0).asString()).isEqualTo("code");
	}

	@Test
	void theActuatorEndpointListsTheToolsAndCountsExecutions() {
		post("/api/execute", Map.of("code", "async () => (await codemode.listProducts({})).length"));

		JsonNode endpoint = get("/actuator/codemode").body();

		assertThat(endpoint.get("toolName").asString()).isEqualTo("codemode");
		assertThat(endpoint.get("namespaces").get("codemode")).extracting((tool) -> tool.get("name").asString())
			.containsExactlyInAnyOrder("getWeather", "sendEmail", "listCustomers", "getCustomer", "listOrders",
					"listProducts", "getOutbox");
		assertThat(endpoint.get("namespaces").get("codemode"))
			.filteredOn((tool) -> tool.get("requiresApproval").asBoolean())
			.extracting((tool) -> tool.get("name").asString())
			.containsExactly("sendEmail");
		assertThat(endpoint.get("limits").get("timeout").asString()).isEqualTo("PT10S");
		assertThat(endpoint.get("limits").get("maxToolCalls").asInt()).isEqualTo(50);
		assertThat(strings(endpoint.get("limits").get("env"))).containsExactly("SHOP_NAME");
		assertThat(endpoint.get("counters").get("executions").asLong()).isPositive();
		assertThat(endpoint.get("counters").get("toolCalls").asLong()).isPositive();
	}

	@Test
	void withoutAModelTheChatIsUnavailableAndSaysHowToConfigureOne() {
		assertThat(get("/api/chat").body().get("available").asBoolean()).isFalse();

		Response response = post("/api/chat", Map.of("message", "Who ordered the most?"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.body().get("detail").asString()).contains("No chat model is configured")
			.contains("spring.ai.openai");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"message\": \"\"}", "{\"message\": 1}",
			"{\"message\": \"hi\", \"conversationId\": 7}", "nope" })
	void chatAnswersBadRequestsWith400(String body) {
		Response response = post("/api/chat", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().get("detail").asString()).isNotBlank();
	}

	@Test
	void servesThePageAndTheEditorFromItsWebJar() {
		String page = this.rest.get().uri("/").retrieve().body(String.class);
		assertThat(page).contains("<title>codemode demo</title>").contains("/webjars/codemirror/lib/codemirror.js");

		String codemirror = this.rest.get().uri("/webjars/codemirror/lib/codemirror.js").retrieve().body(String.class);
		assertThat(codemirror).contains("CodeMirror");
		String typescriptMode = this.rest.get()
			.uri("/webjars/codemirror/mode/javascript/javascript.js")
			.retrieve()
			.body(String.class);
		assertThat(typescriptMode).contains("text/typescript");
	}

	/**
	 * @return the names of the products of a customer's pending orders, in the order of
	 * the orders, as the program lists them in an email
	 */
	private String pendingProducts(String email) {
		return String.join(", ",
				this.jdbc
					.sql("""
							SELECT p.name FROM orders o JOIN products p ON p.id = o.product_id JOIN customers c ON c.id = o.customer_id
							WHERE c.email = :email AND o.status = 'PENDING' ORDER BY o.ordered_on, o.id""")
					.param("email", email)
					.query(String.class)
					.list());
	}

	private int outboxCount(String subject) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox WHERE subject = :subject")
			.param("subject", subject)
			.query(Integer.class)
			.single();
	}

	private Response get(String path) {
		return this.rest.get()
			.uri(path)
			.exchange((request, response) -> new Response(response.getStatusCode().value(),
					response.getHeaders().getContentType(), this.json.readTree(response.getBody())));
	}

	private Response post(String path, Object body) {
		String text = (body instanceof String string) ? string : this.json.writeValueAsString(body);
		return this.rest.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(text)
			.exchange((request, response) -> new Response(response.getStatusCode().value(),
					response.getHeaders().getContentType(), this.json.readTree(response.getBody())));
	}

	private static List<String> strings(JsonNode array) {
		return list(array).stream().map(JsonNode::asString).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private record Response(int status, MediaType contentType, JsonNode body) {
	}

}
