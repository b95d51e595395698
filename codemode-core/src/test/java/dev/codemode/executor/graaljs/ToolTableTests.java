package dev.codemode.executor.graaljs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.codemode.executor.PreparedToolNamespace;
import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the runtime is given for a tool set is made once per shape: the same names and
 * identifiers in the same order get the same, and anything else gets its own; the
 * functions are always the execution's own.
 */
class ToolTableTests {

	@Test
	void theSameToolSetInNewObjectsReusesWhatWasMadeForItButLooksUpItsOwnFunctions() throws Exception {
		ToolTable first = ToolTable
			.of(List.of(namespace("shop", "first", "list", "buy"), namespace("codemode", "first", "getWeather")));
		ToolTable second = ToolTable
			.of(List.of(namespace("shop", "second", "list", "buy"), namespace("codemode", "second", "getWeather")));
		assertThat(second.identifiersJson()).isSameAs(first.identifiersJson())
			.isEqualTo("{\"shop\":[\"list\",\"buy\"],\"codemode\":[\"getWeather\"]}");
		assertThat(second.aliasesJson()).isSameAs(first.aliasesJson());
		assertThat(second.aliases()).isSameAs(first.aliases()).containsOnlyKeys("shop", "codemode");
		assertThat(first.function("shop", "buy").call("{}")).isEqualTo("first shop.buy");
		assertThat(second.function("shop", "buy").call("{}")).isEqualTo("second shop.buy");
		assertThat(second.function("codemode", "getWeather").call("{}")).isEqualTo("second codemode.getWeather");
		assertThat(second.function("shop", "getWeather")).isNull();
		assertThat(second.function("nowhere", "buy")).isNull();
		assertThat(second.identifiersOf("shop")).containsExactly("list", "buy");
		assertThat(second.identifiersOf("nowhere")).isEmpty();
	}

	@Test
	void aPreparedToolSetIsRecognizedLikeAnyOther() throws Exception {
		PreparedToolNamespace shop = new PreparedToolNamespace("shop", List.of("list", "buy"));
		ToolTable plain = ToolTable.of(List.of(namespace("shop", "plain", "list", "buy")));
		ToolTable prepared = ToolTable.of(List.of(shop.bind((index) -> (input) -> "prepared " + index)));
		assertThat(prepared.identifiersJson()).isSameAs(plain.identifiersJson());
		assertThat(prepared.function("shop", "buy").call("{}")).isEqualTo("prepared 1");
	}

	@Test
	void theSameNamesInAnotherOrderAreAnotherShape() {
		ToolTable ordered = ToolTable.of(List.of(namespace("codemode", "x", "a", "b")));
		ToolTable reordered = ToolTable.of(List.of(namespace("codemode", "x", "b", "a")));
		assertThat(reordered.identifiersJson()).isNotSameAs(ordered.identifiersJson())
			.isEqualTo("{\"codemode\":[\"b\",\"a\"]}");
		assertThat(ToolTable.of(List.of(namespace("codemode", "y", "a", "b"))).identifiersJson())
			.isSameAs(ordered.identifiersJson());
	}

	@Test
	void aToolAddedIsAnotherShape() throws Exception {
		ToolTable before = ToolTable.of(List.of(namespace("codemode", "x", "a", "b")));
		ToolTable after = ToolTable.of(List.of(namespace("codemode", "x", "a", "b", "c")));
		assertThat(after.identifiersJson()).isNotSameAs(before.identifiersJson())
			.isEqualTo("{\"codemode\":[\"a\",\"b\",\"c\"]}");
		assertThat(after.function("codemode", "c").call("{}")).isEqualTo("x codemode.c");
		assertThat(before.function("codemode", "c")).isNull();
	}

	@Test
	void twoNamespacesSwappedAreAnotherShape() {
		ToolTable first = ToolTable.of(List.of(namespace("shop", "x", "a"), namespace("codemode", "x", "a")));
		ToolTable swapped = ToolTable.of(List.of(namespace("codemode", "x", "a"), namespace("shop", "x", "a")));
		assertThat(swapped.identifiersJson()).isNotSameAs(first.identifiersJson())
			.isEqualTo("{\"codemode\":[\"a\"],\"shop\":[\"a\"]}");
	}

	@Test
	void toolsMovedBetweenNamespacesAreAnotherShape() {
		ToolTable first = ToolTable.of(List.of(namespace("shop", "x", "a", "b"), namespace("codemode", "x", "c")));
		ToolTable moved = ToolTable.of(List.of(namespace("shop", "x", "a"), namespace("codemode", "x", "b", "c")));
		assertThat(moved.identifiersJson()).isNotSameAs(first.identifiersJson())
			.isEqualTo("{\"shop\":[\"a\"],\"codemode\":[\"b\",\"c\"]}");
	}

	@Test
	void twoNamespacesOfOneNameAreMergedTheLaterToolOfANameWinning() throws Exception {
		ToolTable merged = ToolTable.of(List.of(namespace("codemode", "early", "a", "b"),
				namespace("shop", "shop", "a"), namespace("codemode", "late", "b", "c")));
		assertThat(merged.identifiersJson()).isEqualTo("{\"codemode\":[\"a\",\"b\",\"c\"],\"shop\":[\"a\"]}");
		assertThat(merged.function("codemode", "a").call("{}")).isEqualTo("early codemode.a");
		assertThat(merged.function("codemode", "b").call("{}")).isEqualTo("late codemode.b");
		assertThat(merged.function("codemode", "c").call("{}")).isEqualTo("late codemode.c");
		assertThat(merged.function("shop", "a").call("{}")).isEqualTo("shop shop.a");
	}

	@Test
	void aListChangedAfterTheExecutionStartedChangesNothing() throws Exception {
		List<ToolNamespace> namespaces = new java.util.ArrayList<>(List.of(namespace("codemode", "x", "a")));
		ToolTable table = ToolTable.of(namespaces);
		namespaces.set(0, namespace("codemode", "other", "a"));
		assertThat(table.function("codemode", "a").call("{}")).isEqualTo("x codemode.a");
	}

	private static ToolNamespace namespace(String name, String label, String... identifiers) {
		Map<String, ToolFunction> functions = new LinkedHashMap<>();
		for (String identifier : identifiers) {
			functions.put(identifier, (input) -> label + " " + name + "." + identifier);
		}
		return new ToolNamespace(name, functions);
	}

}
