package dev.codemode.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.demo.approval.Approvals;
import dev.codemode.tool.CodeModeTool;
import dev.codemode.tool.CodeModeToolCallback;
import dev.codemode.typescript.ToolNames;
import dev.codemode.typescript.ToolSignature;
import dev.codemode.typescript.TypeScriptDeclarations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 §5 for the shop: every tool the starter discovers is called from a program
 * with sample inputs, and each value the program receives must be valid against the JSON
 * Schema of the tool's declared output type (networknt). A discovered tool without
 * samples fails the test.
 */
@SpringBootTest
class DeclaredTypesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final String SUBJECT = "Declared types " + UUID.randomUUID();

	/**
	 * Sample inputs by tool, as a program writes them: with and without the optional
	 * filters.
	 */
	private static final Map<String, List<String>> SAMPLES = Map.of("codemode.getCustomer", List.of("{ id: 1 }"),
			"codemode.listCustomers", List.of("{}", "{ city: \"Oslo\" }", "{ city: \"Nowhere\" }"),
			"codemode.getOutbox", List.of("{}"), "codemode.sendEmail",
			List.of("{ to: \"ada@example.com\", subject: \"" + SUBJECT + "\", body: \"Hi\" }"), "codemode.listOrders",
			List.of("{}", "{ customerId: 1 }", "{ status: \"PENDING\" }"), "codemode.listProducts",
			List.of("{}", "{ category: \"BOOKS\" }"), "codemode.getWeather",
			List.of("{ location: \"Oslo\" }", "{ location: \"Tromsø\" }"));

	@Autowired
	@Qualifier("codemode")
	private ToolCallback codemode;

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void deleteTheEmail() {
		this.jdbc.sql("DELETE FROM outbox WHERE subject = :subject").param("subject", SUBJECT).update();
	}

	@Test
	void everyToolGivesTheProgramValuesOfItsDeclaredType() {
		CodeModeToolCallback callback = ((LazyCodeModeToolCallback) this.codemode).getCallback();
		TypeScriptDeclarations declarations = declarationsOf(callback.tools());
		assertThat(declarations.text()).isEqualTo(callback.declarations());
		int checked = 0;
		for (CodeModeTool tool : callback.tools()) {
			String identifier = ToolNames.sanitize(tool.name());
			String qualified = tool.namespace() + "." + identifier;
			List<String> samples = SAMPLES.get(qualified);
			assertThat(samples).as("sample inputs for %s (add them to SAMPLES)", qualified).isNotEmpty();
			String schema = declarations.outputSchema(tool.namespace(), identifier);
			for (String sample : samples) {
				JsonNode received = run("async () => await " + qualified + "(" + sample + ")");
				List<String> problems = SCHEMAS.getSchema(schema, InputFormat.JSON)
					.validate(JSON.writeValueAsString(received), InputFormat.JSON)
					.stream()
					.map(Error::getMessage)
					.toList();
				assertThat(problems)
					.as("%s(%s) received %s; its declared type is %s", qualified, sample, received,
							declarations.signature(tool.namespace(), identifier))
					.isEmpty();
				checked++;
			}
		}
		assertThat(callback.tools()).hasSize(SAMPLES.size());
		assertThat(checked).isEqualTo(SAMPLES.values().stream().mapToInt(List::size).sum());
	}

	/**
	 * The declarations, built again from the discovered tools as the codemode tool builds
	 * them.
	 */
	private static TypeScriptDeclarations declarationsOf(List<CodeModeTool> tools) {
		List<ToolSignature> signatures = new ArrayList<>();
		for (CodeModeTool tool : tools) {
			ToolDefinition definition = tool.callback().getToolDefinition();
			if (!tool.callback().getToolMetadata().returnDirect()) {
				signatures.add(new ToolSignature(tool.namespace(), definition.name(), definition.description(),
						definition.inputSchema(), tool.resultType(), null));
			}
		}
		return TypeScriptDeclarations.generate(signatures);
	}

	private JsonNode run(String program) {
		// The command line's approvals: sendEmail runs.
		ToolContext toolContext = new ToolContext(Approvals.everything().asToolContext());
		JsonNode output = JSON
			.readTree(this.codemode.call(JSON.writeValueAsString(Map.of("code", program)), toolContext));
		assertThat(output.has("error")).as("%s: %s", program, output).isFalse();
		return output.has("result") ? output.get("result") : JSON.nullNode();
	}

}
