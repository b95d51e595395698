package dev.codemode.typescript;

import java.awt.image.BufferedImage;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Output types from Java return types, checked against what Spring AI's
 * {@link DefaultToolCallResultConverter} really writes where that can be observed.
 * <p>
 * {@code @NullUnmarked}: the result types here stand for an application's unannotated
 * classes, and this package is {@code @NullMarked}.
 */
@NullUnmarked
class JavaResultTypesTests {

	private static final DefaultToolCallResultConverter CONVERTER = new DefaultToolCallResultConverter();

	/** The declarations of one tool named {@code result} that returns the type. */
	static String declarations(Type resultType) {
		return TypeScriptDeclarations
			.generate(List.of(new ToolSignature("codemode", "result", null, "{}", resultType, null)))
			.text();
	}

	/** The right-hand side of {@code type ResultOutput = ...}. */
	static String outputType(Type resultType) {
		String text = declarations(resultType);
		int start = text.indexOf("type ResultOutput = ") + "type ResultOutput = ".length();
		int end = text.indexOf("\ntype ", start);
		return text.substring(start, (end >= 0) ? end : text.indexOf("\n\ndeclare const", start));
	}

	/** What the sandbox receives: the converter's JSON, parsed. */
	static JsonNode written(Object value, Type type) {
		return JsonMapper.shared().readTree(CONVERTER.convert(value, type));
	}

	static Type returnTypeOf(String methodName) {
		try {
			return Signatures.class.getDeclaredMethod(methodName).getGenericReturnType();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	enum Unit {

		CELSIUS, FAHRENHEIT;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	enum Level {

		LOW, @JsonProperty("hi")
		HIGH

	}

	enum Code {

		A("a-1"), B("b-2");

		private final String code;

		Code(String code) {
			this.code = code;
		}

		@JsonValue
		String code() {
			return this.code;
		}

	}

	record Weather(String city, double temperature, Unit unit, @JsonProperty("observed_at") Instant observedAt,
			@JsonIgnore String secret, Optional<String> note) {
	}

	static class Account {

		public String owner = "ann";

		private int balance = 3;

		private String password = "x";

		public int getBalance() {
			return this.balance;
		}

		public boolean isActive() {
			return true;
		}

		@JsonIgnore
		public String getPassword() {
			return this.password;
		}

		@JsonProperty("e-mail")
		public String getEmail() {
			return "ann@example.com";
		}

	}

	static class TreeNode {

		public String name = "root";

		public List<TreeNode> children = List.of();

		public TreeNode parent;

	}

	record Page<T>(List<T> items, int total) {
	}

	record Order(String id, BigDecimal amount) {
	}

	sealed interface Shape permits Circle, Square {

	}

	record Circle(double radius) implements Shape {
	}

	record Square(double side) implements Shape {
	}

	record Money(@JsonValue String text) {
	}

	record Inclusions(@JsonInclude(JsonInclude.Include.NON_NULL) String always,
			@JsonInclude(JsonInclude.Include.NON_NULL) Optional<String> emptyWrittenAsNull,
			@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> emptyLeftOut,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags) {
	}

	record Nullables(@org.jspecify.annotations.Nullable String typeUse, @jakarta.annotation.Nullable String declaration,
			@org.jspecify.annotations.Nullable Integer boxed, String plain, int primitive) {
	}

	record Todo(String title, LocalDate due) {
	}

	record NonNulls(@org.jspecify.annotations.NonNull String typeUse,
			@jakarta.validation.constraints.NotNull String validated,
			@jakarta.validation.constraints.NotBlank String text, String plain) {
	}

	@org.jspecify.annotations.NullMarked
	record Marked(String title, @org.jspecify.annotations.Nullable LocalDate due, Optional<String> note,
			List<String> tags, int count) {
	}

	@org.jspecify.annotations.NullMarked
	static class MarkedScope {

		record Inner(String a) {
		}

		@org.jspecify.annotations.NullUnmarked
		record Unmarked(String b) {
		}

	}

	record OmittedWhenNull(String title, @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate due) {
	}

	@JsonClassDescription("A described thing")
	record Described(@JsonPropertyDescription("How many there are") int count,
			@Deprecated(since = "1") @SuppressWarnings("deprecation") String old) {
	}

	@JsonIgnoreProperties("hidden")
	record Ignoring(String shown, String hidden) {
	}

	static class Extensible {

		public String id = "1";

		@JsonAnyGetter
		public Map<String, Integer> extra() {
			return Map.of("x", 1);
		}

	}

	record Name(String first, String last) {
	}

	record Person(@JsonUnwrapped Name name, int age) {
	}

	static class Secret {

		public String value = "v";

	}

	static class SecretSerializer extends ValueSerializer<Secret> {

		@Override
		public void serialize(Secret value, JsonGenerator gen, SerializationContext context) {
			gen.writeNumber(42);
		}

	}

	record Custom(@JsonSerialize(using = SecretSerializer.class) Secret secret, Secret plain) {
	}

	record Event(String kind) {
	}

	static class Outer1 {

		record Item(String a) {
		}

	}

	static class Outer2 {

		record Item(int b) {
		}

	}

	record Items(Outer1.Item first, Outer2.Item second) {
	}

	record Both(Weather weather, List<Weather> history) {
	}

	static class Conflicting {

		@JsonProperty("name")
		public String getFirst() {
			return "a";
		}

		@JsonProperty("name")
		public String getSecond() {
			return "b";
		}

	}

	enum Broken {

		ONE;

		@Override
		public String toString() {
			throw new IllegalStateException("no");
		}

	}

	interface Signatures {

		List<Order> orders();

		Page<Order> orderPage();

		Map<String, List<Order>> ordersByCustomer();

		Map<Unit, Integer> countsByUnit();

		Optional<Order> maybeOrder();

		Set<String> tags();

		Order[] orderArray();

		Stream<Integer> numbers();

		Iterator<String> names();

		List<Optional<String>> maybeNames();

	}

	@Nested
	class Classes {

		@Test
		void aRecordIsANamedTypeOfItsComponentsAsJacksonNamesThem() {
			assertThat(declarations(Weather.class)).contains("""
					type ResultOutput = Weather
					type Weather = {
					    city: string | null;
					    temperature: number;
					    unit: "celsius" | "fahrenheit" | null;
					    /** @format date-time */
					    observed_at: string | null;
					    note: string | null;
					}""");
			Weather weather = new Weather("Oslo", 3.5, Unit.CELSIUS, Instant.EPOCH, "s", Optional.empty());
			assertThat(written(weather, Weather.class).propertyNames()).containsExactly("city", "temperature", "unit",
					"observed_at", "note");
		}

		@Test
		void aPojoHasItsGettersAndPublicFieldsInJacksonsOrder() {
			assertThat(declarations(Account.class)).contains("""
					type Account = {
					    active: boolean;
					    balance: number;
					    "e-mail": string | null;
					    owner: string | null;
					}""");
			assertThat(written(new Account(), Account.class).propertyNames()).containsExactly("active", "balance",
					"e-mail", "owner");
		}

		@Test
		void aRecursiveClassIsANamedRecursiveType() {
			assertThat(declarations(TreeNode.class)).contains("""
					type TreeNode = {
					    children: TreeNode[] | null;
					    name: string | null;
					    parent: TreeNode | null;
					}""");
		}

		@Test
		void genericClassesAreNamedAfterTheirTypeArguments() {
			assertThat(declarations(returnTypeOf("orderPage"))).contains("""
					type ResultOutput = PageOfOrder
					type PageOfOrder = {
					    items: Order[] | null;
					    total: number;
					}
					type Order = {
					    id: string | null;
					    amount: number | null;
					}""");
		}

		@Test
		void aClassUsedTwiceIsDeclaredOnce() {
			assertThat(declarations(Both.class)).containsOnlyOnce("type Weather = ")
				.contains("    weather: Weather | null;\n    history: Weather[] | null;");
		}

		@Test
		void aSealedInterfaceIsTheUnionOfItsPermittedClasses() {
			assertThat(declarations(Shape.class)).contains("type ResultOutput = Circle | Square",
					"type Circle = {\n    radius: number;\n}", "type Square = {\n    side: number;\n}");
		}

		@Test
		void jsonValueReplacesAClassByItsValue() {
			assertThat(declarations(Money.class)).contains("type ResultOutput = Money\ntype Money = string");
			assertThat(written(new Money("3 NOK"), Money.class).isString()).isTrue();
		}

		@Test
		void propertiesLeftOutWhenNullOrEmptyAreOptional() {
			assertThat(declarations(Inclusions.class)).contains("""
					type Inclusions = {
					    always?: string;
					    emptyWrittenAsNull?: string | null;
					    emptyLeftOut?: string;
					    tags?: string[];
					}""");
			JsonNode written = written(new Inclusions(null, Optional.empty(), Optional.empty(), List.of()),
					Inclusions.class);
			assertThat(written.propertyNames()).containsExactly("emptyWrittenAsNull");
			assertThat(written.get("emptyWrittenAsNull").isNull()).isTrue();
		}

		@Test
		void membersOfAReferenceTypeMayBeNull() {
			assertThat(declarations(Nullables.class)).contains("""
					type Nullables = {
					    typeUse: string | null;
					    declaration: string | null;
					    boxed: number | null;
					    plain: string | null;
					    primitive: number;
					}""");
			assertThat(declarations(Todo.class)).contains("""
					type Todo = {
					    title: string | null;
					    /** @format date */
					    due: string | null;
					}""");
			JsonNode written = written(new Todo("Buy milk", null), Todo.class);
			assertThat(written.has("due")).isTrue();
			assertThat(written.get("due").isNull()).isTrue();
		}

		@Test
		void membersAnnotatedNonNullAreNotNull() {
			assertThat(declarations(NonNulls.class)).contains("""
					type NonNulls = {
					    typeUse: string;
					    validated: string;
					    text: string;
					    plain: string | null;
					}""");
		}

		@Test
		void membersInANullMarkedScopeAreNotNullUnlessNullable() {
			assertThat(declarations(Marked.class)).contains("""
					type Marked = {
					    title: string;
					    /** @format date */
					    due: string | null;
					    note: string | null;
					    tags: string[];
					    count: number;
					}""");
			assertThat(declarations(MarkedScope.Inner.class)).contains("type Inner = {\n    a: string;\n}");
			assertThat(declarations(MarkedScope.Unmarked.class))
				.contains("type Unmarked = {\n    b: string | null;\n}");
			assertThat(declarations(dev.codemode.typescript.marked.MarkedPackageTodo.class)).contains("""
					type MarkedPackageTodo = {
					    title: string;
					    /** @format date */
					    due: string | null;
					    owner: string;
					}""");
		}

		@Test
		void membersLeftOutWhenNullAreOptionalAndNotNull() {
			assertThat(declarations(OmittedWhenNull.class)).contains("""
					type OmittedWhenNull = {
					    title: string | null;
					    /** @format date */
					    due?: string;
					}""");
			assertThat(written(new OmittedWhenNull("a", null), OmittedWhenNull.class).has("due")).isFalse();
		}

		@Test
		void descriptionsAndDeprecationBecomeJsDoc() {
			assertThat(declarations(Described.class)).contains("""
					/** A described thing */
					type Described = {
					    /** How many there are */
					    count: number;
					    /** @deprecated */
					    old: string | null;
					}""");
		}

		@Test
		void ignoredPropertiesAreLeftOut() {
			assertThat(declarations(Ignoring.class)).contains("type Ignoring = {\n    shown: string | null;\n}");
			assertThat(written(new Ignoring("a", "b"), Ignoring.class).propertyNames()).containsExactly("shown");
		}

		@Test
		void anyGetterAddsAnIndexSignature() {
			assertThat(declarations(Extensible.class))
				.contains("type Extensible = {\n    id: string | null;\n    [key: string]: number | string | null;\n}");
			assertThat(written(new Extensible(), Extensible.class).propertyNames()).containsExactlyInAnyOrder("id",
					"x");
		}

		@Test
		void unwrappedPropertiesAreMerged() {
			assertThat(declarations(Person.class)).contains("type Person = {\n    age: number;\n} & Name",
					"type Name = {\n    first: string | null;\n    last: string | null;\n}");
			assertThat(written(new Person(new Name("a", "b"), 3), Person.class).propertyNames())
				.containsExactlyInAnyOrder("first", "last", "age");
		}

		@Test
		void aCustomSerializerMakesThePropertyUnknown() {
			assertThat(declarations(Custom.class))
				.contains("type Custom = {\n    secret: unknown;\n    plain: Secret | null;\n}");
			assertThat(written(new Custom(new Secret(), new Secret()), Custom.class).get("secret").isNumber()).isTrue();
		}

		@Test
		void classNamesNeverCollideWithTypeScriptGlobalsOrEachOther() {
			assertThat(declarations(Event.class)).contains("type ResultOutput = Event2\ntype Event2 = {");
			assertThat(declarations(Items.class)).contains("    first: Item | null;\n    second: Item2 | null;",
					"type Item = {\n    a: string | null;\n}", "type Item2 = {\n    b: number;\n}");
		}

		@Test
		void aClassThatJacksonCannotWriteIsUnknown() {
			assertThat(declarations(Conflicting.class)).contains("type Conflicting = unknown");
			assertThatExceptionOfType(JacksonException.class)
				.isThrownBy(() -> CONVERTER.convert(new Conflicting(), Conflicting.class));
			assertThat(outputType(Broken.class)).isEqualTo("unknown");
		}

		@Test
		void aJavaClassAndASchemaDefinitionWithTheSameNameGetTwoNames() {
			String text = TypeScriptDeclarations
				.generate(List.of(new ToolSignature("codemode", "a", null, "{}", Order.class, null),
						new ToolSignature("codemode", "b", null,
								"{\"$ref\": \"#/$defs/Order\", \"$defs\": {\"Order\": {\"type\": \"string\"}}}", null,
								null)))
				.text();
			assertThat(text).contains("type Order = {", "type BInput = BOrder", "type BOrder = string");
		}

	}

	@Nested
	class Containers {

		@Test
		void collectionsAndArraysAreArrays() {
			assertThat(outputType(returnTypeOf("orders"))).isEqualTo("Order[]");
			assertThat(outputType(returnTypeOf("tags"))).isEqualTo("string[]");
			assertThat(outputType(returnTypeOf("orderArray"))).isEqualTo("Order[]");
			assertThat(outputType(int[].class)).isEqualTo("number[]");
			assertThat(outputType(returnTypeOf("numbers"))).isEqualTo("number[]");
			assertThat(outputType(returnTypeOf("names"))).isEqualTo("string[]");
			assertThat(written(new LinkedHashSet<>(List.of("a")), Set.class).isArray()).isTrue();
		}

		@Test
		void mapsAreRecordsAndEnumKeysAreTheirWrittenNames() {
			assertThat(outputType(returnTypeOf("ordersByCustomer"))).isEqualTo("Record<string, Order[]>");
			assertThat(outputType(returnTypeOf("countsByUnit")))
				.isEqualTo("Partial<Record<\"celsius\" | \"fahrenheit\", number>>");
			assertThat(written(Map.of(Unit.CELSIUS, 1), returnTypeOf("countsByUnit")).has("celsius")).isTrue();
		}

		@Test
		void optionalIsNullable() {
			assertThat(outputType(returnTypeOf("maybeOrder"))).isEqualTo("Order | null");
			assertThat(outputType(returnTypeOf("maybeNames"))).isEqualTo("(string | null)[]");
			assertThat(outputType(OptionalInt.class)).isEqualTo("number | null");
			assertThat(written(Optional.empty(), returnTypeOf("maybeOrder")).isNull()).isTrue();
		}

		@Test
		void untypedContainersHoldUnknown() {
			assertThat(outputType(List.class)).isEqualTo("unknown[]");
			assertThat(outputType(Map.class)).isEqualTo("Record<string, unknown>");
			assertThat(outputType(HashMap.class)).isEqualTo("Record<string, unknown>");
		}

	}

	@Nested
	class Values {

		@Test
		void voidIsTheStringThatTheConverterReturns() {
			assertThat(outputType(void.class)).isEqualTo("string");
			assertThat(written(null, void.class).stringValue()).isEqualTo("Done");
			assertThat(outputType(Void.class)).isEqualTo("null");
		}

		@Test
		void enumsAreTheUnionOfWhatJacksonWritesForTheirConstants() {
			assertThat(outputType(Unit.class)).isEqualTo("\"celsius\" | \"fahrenheit\"");
			assertThat(outputType(Level.class)).isEqualTo("\"LOW\" | \"hi\"");
			assertThat(outputType(Code.class)).isEqualTo("\"a-1\" | \"b-2\"");
			assertThat(outputType(Month.class)).isEqualTo("1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12");
			assertThat(written(Level.HIGH, Level.class).stringValue()).isEqualTo("hi");
			assertThat(written(Month.MARCH, Month.class).intValue()).isEqualTo(3);
		}

		@Test
		void whatCannotBeKnownIsUnknown() {
			assertThat(outputType(Object.class)).isEqualTo("unknown");
			assertThat(outputType(JsonNode.class)).isEqualTo("unknown");
			assertThat(outputType(ObjectNode.class)).isEqualTo("Record<string, unknown>");
			assertThat(outputType(ArrayNode.class)).isEqualTo("unknown[]");
			assertThat(outputType(Thread.class)).isEqualTo("unknown");
		}

		@Test
		void imagesAreWrittenAsBase64Png() {
			assertThat(outputType(BufferedImage.class))
				.isEqualTo("{\n    mimeType: \"image/png\";\n    /** @format base64 */\n    data: string;\n}");
			JsonNode written = written(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), BufferedImage.class);
			assertThat(written.propertyNames()).containsExactlyInAnyOrder("mimeType", "data");
		}

		@Test
		void aStringFormatIsDocumentedOnTheOutputType() {
			assertThat(declarations(Instant.class)).contains("/** @format date-time */\ntype ResultOutput = string");
			assertThat(declarations(returnTypeOf("maybeNames"))).doesNotContain("@format");
		}

		static Stream<Arguments> scalars() throws Exception {
			return Stream.of(Arguments.of(String.class, "text", "string", null),
					Arguments.of(int.class, 1, "number", null), Arguments.of(Long.class, 2L, "number", null),
					Arguments.of(double.class, 1.5, "number", null),
					Arguments.of(BigDecimal.class, new BigDecimal("1.50"), "number", null),
					Arguments.of(BigInteger.class, BigInteger.TEN.pow(30), "number", null),
					Arguments.of(AtomicLong.class, new AtomicLong(4), "number", null),
					Arguments.of(boolean.class, true, "boolean", null), Arguments.of(char.class, 'c', "string", null),
					Arguments.of(StringBuilder.class, new StringBuilder("sb"), "string", null),
					Arguments.of(byte[].class, new byte[] { 1, 2 }, "string", "base64"),
					Arguments.of(char[].class, new char[] { 'a' }, "string", null),
					Arguments.of(UUID.class, UUID.randomUUID(), "string", "uuid"),
					Arguments.of(URI.class, URI.create("https://example.com"), "string", "uri"),
					Arguments.of(URL.class, URI.create("https://example.com").toURL(), "string", "uri"),
					Arguments.of(Path.class, Path.of("/tmp"), "string", "uri"),
					Arguments.of(Locale.class, Locale.US, "string", null),
					Arguments.of(Instant.class, Instant.now(), "string", "date-time"),
					Arguments.of(OffsetDateTime.class, OffsetDateTime.now(), "string", "date-time"),
					Arguments.of(ZonedDateTime.class, ZonedDateTime.now(), "string", "date-time"),
					Arguments.of(LocalDateTime.class, LocalDateTime.now(), "string", "local-date-time"),
					Arguments.of(LocalDate.class, LocalDate.now(), "string", "date"),
					Arguments.of(OffsetTime.class, OffsetTime.now(), "string", "time"),
					Arguments.of(LocalTime.class, LocalTime.now(), "string", "local-time"),
					Arguments.of(Duration.class, Duration.ofSeconds(90), "string", "duration"),
					Arguments.of(Period.class, Period.ofDays(3), "string", "duration"),
					Arguments.of(YearMonth.class, YearMonth.now(), "string", "year-month"),
					Arguments.of(MonthDay.class, MonthDay.now(), "string", "month-day"),
					Arguments.of(Year.class, Year.now(), "number", null),
					Arguments.of(ZoneId.class, ZoneId.of("Europe/Oslo"), "string", "time-zone"),
					Arguments.of(Date.class, new Date(), "string", "date-time"),
					Arguments.of(java.sql.Date.class, new java.sql.Date(0), "string", "date"),
					Arguments.of(DayOfWeek.class, DayOfWeek.MONDAY, "\"MONDAY\" | \"TUESDAY\" | \"WEDNESDAY\""
							+ " | \"THURSDAY\" | \"FRIDAY\" | \"SATURDAY\" | \"SUNDAY\"", null));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("scalars")
		void scalarsHaveTheTypeOfWhatTheConverterWrites(Class<?> type, Object sample, String expected, String format) {
			assertThat(outputType(type)).isEqualTo(expected);
			JsonNode written = written(sample, type);
			switch (expected) {
				case "string" -> assertThat(written.isString()).as(written.toString()).isTrue();
				case "number" -> assertThat(written.isNumber()).as(written.toString()).isTrue();
				case "boolean" -> assertThat(written.isBoolean()).as(written.toString()).isTrue();
				default -> assertThat(expected).contains(TsSyntax.stringLiteral(written.stringValue()));
			}
			if (format != null) {
				assertThat(declarations(type)).contains("/** @format " + format + " */\ntype ResultOutput");
			}
		}

	}

}
