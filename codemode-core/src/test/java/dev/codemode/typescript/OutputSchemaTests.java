package dev.codemode.typescript;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.tool.JsonStringResultConverter;
import dev.codemode.typescript.JavaResultTypesTests.Account;
import dev.codemode.typescript.JavaResultTypesTests.Circle;
import dev.codemode.typescript.JavaResultTypesTests.Custom;
import dev.codemode.typescript.JavaResultTypesTests.Extensible;
import dev.codemode.typescript.JavaResultTypesTests.Inclusions;
import dev.codemode.typescript.JavaResultTypesTests.Marked;
import dev.codemode.typescript.JavaResultTypesTests.Money;
import dev.codemode.typescript.JavaResultTypesTests.Name;
import dev.codemode.typescript.JavaResultTypesTests.NonNulls;
import dev.codemode.typescript.JavaResultTypesTests.Nullables;
import dev.codemode.typescript.JavaResultTypesTests.OmittedWhenNull;
import dev.codemode.typescript.JavaResultTypesTests.Order;
import dev.codemode.typescript.JavaResultTypesTests.Person;
import dev.codemode.typescript.JavaResultTypesTests.Secret;
import dev.codemode.typescript.JavaResultTypesTests.Shape;
import dev.codemode.typescript.JavaResultTypesTests.Square;
import dev.codemode.typescript.JavaResultTypesTests.Todo;
import dev.codemode.typescript.JavaResultTypesTests.TreeNode;
import dev.codemode.typescript.JavaResultTypesTests.Unit;
import dev.codemode.typescript.JavaResultTypesTests.Weather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link TypeScriptDeclarations#outputSchema}: the declared output type as a JSON Schema
 * accepts what the tool's converter really writes for the Java result types of
 * {@link JavaResultTypesTests}, and rejects values that the declaration rules out (a null
 * where none is declared, a missing or undeclared member, a wrong type).
 */
class OutputSchemaTests {

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final JsonStringResultConverter CONVERTER = new JsonStringResultConverter();

	private static final JsonMapper JSON = JsonMapper.shared();

	static String outputSchema(Type resultType) {
		return TypeScriptDeclarations
			.generate(List.of(new ToolSignature("codemode", "result", null, "{}", resultType, null)))
			.outputSchema("codemode", "result");
	}

	static List<String> problems(Type resultType, String json) {
		Schema schema = SCHEMAS.getSchema(outputSchema(resultType), InputFormat.JSON);
		return schema.validate(json, InputFormat.JSON).stream().map(Error::getMessage).toList();
	}

	static Stream<Arguments> writtenValues() {
		TreeNode child = new TreeNode();
		TreeNode root = new TreeNode();
		root.children = List.of(child);
		child.parent = null;
		return Stream.of(
				arguments(Weather.class, new Weather("Oslo", 3.5, Unit.CELSIUS, Instant.EPOCH, "s", Optional.empty())),
				arguments(Weather.class, new Weather(null, 3.5, null, null, null, Optional.of("n"))),
				arguments(Account.class, new Account()), arguments(TreeNode.class, root),
				arguments(Shape.class, new Circle(1)), arguments(Shape.class, new Square(2)),
				arguments(Money.class, new Money("3 NOK")),
				arguments(Inclusions.class, new Inclusions(null, Optional.empty(), Optional.empty(), List.of())),
				arguments(Inclusions.class, new Inclusions("a", Optional.of("b"), Optional.of("c"), List.of("d"))),
				arguments(Nullables.class, new Nullables(null, null, null, null, 1)),
				arguments(Todo.class, new Todo("Buy milk", null)),
				arguments(NonNulls.class, new NonNulls("a", "b", "c", null)),
				arguments(Marked.class, new Marked("t", null, Optional.empty(), List.of("x"), 2)),
				arguments(OmittedWhenNull.class, new OmittedWhenNull(null, null)),
				arguments(Person.class, new Person(new Name("Ada", "Lovelace"), 36)),
				arguments(Custom.class, new Custom(new Secret(), null)), arguments(Extensible.class, new Extensible()),
				arguments(String.class, "123"), arguments(String.class, "null"), arguments(int.class, 7),
				arguments(void.class, null), arguments(Order[].class, new Order[] { new Order("1", BigDecimal.ONE) }),
				arguments(LocalDate.class, LocalDate.EPOCH), arguments(Object.class, Map.of("any", List.of(1))));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("writtenValues")
	void whatTheConverterWritesIsValidAgainstTheDeclaredType(Type type, Object value) {
		String written = CONVERTER.convert(value, type);
		assertThat(problems(type, written)).as("%s against %s", written, outputSchema(type)).isEmpty();
	}

	static Stream<Arguments> valuesTheDeclarationRulesOut() {
		return Stream.of(arguments(Marked.class, "{\"title\":null,\"due\":null,\"note\":null,\"tags\":[],\"count\":1}"),
				arguments(Marked.class, "{\"title\":\"t\",\"due\":null,\"note\":null,\"count\":1}"),
				arguments(Marked.class, "{\"title\":\"t\",\"due\":null,\"note\":null,\"tags\":[],\"count\":\"1\"}"),
				arguments(Marked.class,
						"{\"title\":\"t\",\"due\":null,\"note\":null,\"tags\":[],\"count\":1,\"extra\":true}"),
				arguments(Weather.class, "{\"city\":\"Oslo\"}"),
				arguments(Weather.class,
						"{\"city\":\"Oslo\",\"temperature\":1,\"unit\":\"kelvin\","
								+ "\"observed_at\":null,\"note\":null}"),
				arguments(Shape.class, "{\"radius\":1,\"side\":2}"),
				arguments(Person.class, "{\"first\":\"a\",\"last\":\"b\",\"age\":1,\"middle\":\"c\"}"),
				arguments(Person.class, "{\"first\":\"a\",\"age\":1}"),
				arguments(OmittedWhenNull.class, "{\"title\":\"a\",\"due\":null}"), arguments(String.class, "123"),
				arguments(String.class, "null"), arguments(int.class, "\"7\""), arguments(Order[].class, "[null]"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("valuesTheDeclarationRulesOut")
	void aValueTheDeclarationRulesOutIsInvalid(Type type, String json) {
		assertThat(problems(type, json)).as("%s against %s", json, outputSchema(type)).isNotEmpty();
	}

	@Test
	void aResultSchemaIsTheSchemaTheDeclarationCameFrom() {
		String resultSchema = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}";
		TypeScriptDeclarations declarations = TypeScriptDeclarations
			.generate(List.of(new ToolSignature("mcp", "count", null, "{}", String.class, resultSchema)));
		assertThat(declarations.outputSchema("mcp", "count")).isEqualTo(resultSchema);
		assertThat(declarations.outputSchema("mcp", "other")).isNull();
		assertThat(declarations.outputSchema("codemode", "count")).isNull();
	}

	@Test
	void aRecursiveTypeRefersToItsOwnDefinition() {
		assertThat(JSON.readTree(outputSchema(TreeNode.class)).at("/$defs/TreeNode/properties/parent").toString())
			.contains("#/$defs/TreeNode");
	}

}
