package dev.codemode.executor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreparedToolNamespaceTests {

	private final PreparedToolNamespace prepared = new PreparedToolNamespace("shop", List.of("b", "a", "c"));

	@Test
	void aBoundNamespaceHasThePreparedIdentifiersInOrderAndTheFunctionsOfItsBinding() throws Exception {
		ToolNamespace bound = this.prepared.bind((index) -> (input) -> "tool " + index + " got " + input);
		assertThat(bound.name()).isEqualTo("shop");
		assertThat(bound.functions().keySet()).containsExactly("b", "a", "c");
		assertThat(bound.functions()).hasSize(3).containsKey("c").doesNotContainKey("d");
		assertThat(bound.functions().get("a").call("1")).isEqualTo("tool 1 got 1");
		assertThat(bound.functions().get("d")).isNull();
		assertThat(bound.functions().entrySet()).extracting(Map.Entry::getKey).containsExactly("b", "a", "c");
		assertThat(bound.functions().values().iterator().next().call("2")).isEqualTo("tool 0 got 2");
	}

	@Test
	void eachBindingHasItsOwnFunctionsOverTheSameIdentifiers() throws Exception {
		ToolNamespace first = this.prepared.bind((index) -> (input) -> "first");
		ToolNamespace second = this.prepared.bind((index) -> (input) -> "second");
		assertThat(first.functions().get("a").call("{}")).isEqualTo("first");
		assertThat(second.functions().get("a").call("{}")).isEqualTo("second");
		assertThat(first.functions().keySet()).isSameAs(second.functions().keySet());
	}

	@Test
	void aBoundNamespaceMakesEachFunctionOnceAndIsAMapLikeAnyOther() {
		int[] made = new int[3];
		ToolNamespace bound = this.prepared.bind((index) -> {
			made[index]++;
			return (input) -> "x";
		});
		ToolFunction a = bound.functions().get("a");
		assertThat(bound.functions().get("a")).isSameAs(a);
		assertThat(made).containsExactly(0, 1, 0);
		Map<String, ToolFunction> copy = new LinkedHashMap<>(bound.functions());
		assertThat(bound.functions()).isEqualTo(copy).hasSameHashCodeAs(copy);
		assertThat(made).containsExactly(1, 1, 1);
	}

	@Test
	void aBoundNamespaceIsReadOnly() {
		Map<String, ToolFunction> functions = this.prepared.bind((index) -> (input) -> "x").functions();
		assertThatThrownBy(() -> functions.put("d", (input) -> "y")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> functions.remove("a")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(functions::clear).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> functions.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> functions.entrySet().iterator().remove())
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(functions.keySet()).containsExactly("b", "a", "c");
	}

	@Test
	void aBoundNamespaceIsKeptAsItIsWhileAnyOtherMapIsCopied() {
		Map<String, ToolFunction> bound = this.prepared.bind((index) -> (input) -> "x").functions();
		assertThat(new ToolNamespace("shop", bound).functions()).isSameAs(bound);
		Map<String, ToolFunction> plain = new LinkedHashMap<>();
		plain.put("a", (input) -> "x");
		ToolNamespace namespace = new ToolNamespace("shop", plain);
		plain.put("b", (input) -> "y");
		assertThat(namespace.functions()).containsOnlyKeys("a");
	}

	@Test
	void anIdentifierTwiceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PreparedToolNamespace("shop", List.of("a", "b", "a")))
			.withMessageContaining("a", "shop", "twice");
	}

	@Test
	void theIdentifiersAreCopied() {
		List<String> identifiers = new java.util.ArrayList<>(List.of("a"));
		PreparedToolNamespace namespace = new PreparedToolNamespace("shop", identifiers);
		identifiers.add("b");
		assertThat(namespace.identifiers()).containsExactly("a");
	}

}
