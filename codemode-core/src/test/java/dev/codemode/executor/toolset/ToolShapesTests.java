package dev.codemode.executor.toolset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.codemode.executor.ToolFunction;
import dev.codemode.executor.ToolNamespace;

import static org.assertj.core.api.Assertions.assertThat;

class ToolShapesTests {

	private final List<ToolShape> derived = new ArrayList<>();

	private final ToolShapes<ToolShape> shapes = new ToolShapes<>(2, (shape) -> {
		this.derived.add(shape);
		return shape;
	});

	@Test
	void eachShapeIsDerivedOnceWhileItIsKept() {
		ToolShape a = this.shapes.of(tools("a"));
		ToolShape b = this.shapes.of(tools("b"));
		assertThat(this.shapes.of(tools("a"))).isSameAs(a);
		assertThat(this.shapes.of(tools("b"))).isSameAs(b);
		assertThat(this.shapes.of(tools("b"))).isSameAs(b);
		assertThat(this.derived).extracting(ToolShape::identifiers)
			.containsExactly(Map.of(), Map.of("codemode", List.of("a")), Map.of("codemode", List.of("b")));
	}

	@Test
	void theLeastRecentlyUsedShapeIsDroppedPastTheCapacity() {
		ToolShape a = this.shapes.of(tools("a"));
		this.shapes.of(tools("b"));
		this.shapes.of(tools("a"));
		this.shapes.of(tools("c"));
		assertThat(this.shapes.of(tools("a"))).isSameAs(a);
		int before = this.derived.size();
		this.shapes.of(tools("b"));
		assertThat(this.derived).hasSize(before + 1);
	}

	@Test
	void shapesAreEqualByNamesAndIdentifiersInOrder() {
		assertThat(ToolShape.of(tools("a", "b"))).isEqualTo(ToolShape.of(tools("a", "b")))
			.hasSameHashCodeAs(ToolShape.of(tools("a", "b")))
			.isNotEqualTo(ToolShape.of(tools("b", "a")))
			.isNotEqualTo(ToolShape.of(tools("a")));
		assertThat(ToolShape.of(tools("a", "b")).matches(tools("a", "b"))).isTrue();
		assertThat(ToolShape.of(tools("a", "b")).matches(tools("b", "a"))).isFalse();
		assertThat(ToolShape.of(tools("a", "b")).matches(tools("a", "b", "c"))).isFalse();
		assertThat(ToolShape.of(tools("a")).matches(List.of(new ToolNamespace("shop", Map.of("a", noop()))))).isFalse();
	}

	private static List<ToolNamespace> tools(String... identifiers) {
		Map<String, ToolFunction> functions = new java.util.LinkedHashMap<>();
		for (String identifier : identifiers) {
			functions.put(identifier, noop());
		}
		return List.of(ToolNamespace.of(functions));
	}

	private static ToolFunction noop() {
		return (input) -> "null";
	}

}
