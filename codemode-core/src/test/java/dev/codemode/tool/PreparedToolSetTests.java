package dev.codemode.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;

import dev.codemode.discovery.DiscoveryMode;
import dev.codemode.executor.ExecutionResult;
import dev.codemode.executor.ToolNamespace;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool set is prepared once per {@code codemode} tool: each execution gets the same
 * identifiers, bound to its own scope, so that a tool never runs with another execution's
 * tool context.
 */
class PreparedToolSetTests {

	private static final String SCHEMA = "{\"type\":\"object\"}";

	private final List<List<ToolNamespace>> given = new CopyOnWriteArrayList<>();

	@Test
	void everyExecutionGetsThePreparedIdentifiersInOrderWithTheCatalogLast() {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(this::record)
			.tool(CodeModeTool.of(tool("b", "B", SCHEMA, (input, context) -> "1")))
			.tool(CodeModeTool.of(tool("a", "A", SCHEMA, (input, context) -> "2")))
			.tool(CodeModeTool.of(tool("list", "List", SCHEMA, (input, context) -> "3")).withNamespace("shop"))
			.discovery(DiscoveryMode.ALWAYS, 24_000)
			.build();
		codemode.call("{\"code\":\"1\"}");
		codemode.call("{\"code\":\"2\"}");
		assertThat(this.given).hasSize(2);
		List<ToolNamespace> first = this.given.get(0);
		List<ToolNamespace> second = this.given.get(1);
		assertThat(first).extracting(ToolNamespace::name).containsExactly("codemode", "shop", "catalog");
		assertThat(first.get(0).functions().keySet()).containsExactly("b", "a")
			.isSameAs(second.get(0).functions().keySet());
		assertThat(first.get(2)).isSameAs(second.get(2));
	}

	@Test
	void toolsOfOneExecutionRunWithItsToolContextEvenWhenAnotherExecutionRunsAtTheSameTime() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		CountDownLatch bothStarted = new CountDownLatch(2);
		CodeModeToolCallback codemode = CodeModeToolCallback.builder().executor((code, namespaces) -> {
			bothStarted.countDown();
			try {
				assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
				String own = namespaces.get(0).functions().get("who").call("{}");
				return new ExecutionResult("\"" + own + "\"", List.of(), null, Duration.ZERO, 1);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).tool(CodeModeTool.of(tool("who", "Who", SCHEMA, (input, context) -> {
			String caller = (String) context.getContext().get("caller");
			seen.add(caller);
			return caller;
		}))).build();
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<String> alice = callers
				.submit(() -> codemode.call("{\"code\":\"x\"}", new ToolContext(Map.of("caller", "alice"))));
			Future<String> bob = callers
				.submit(() -> codemode.call("{\"code\":\"x\"}", new ToolContext(Map.of("caller", "bob"))));
			assertThat(alice.get(20, TimeUnit.SECONDS)).contains("\"result\":\"alice\"");
			assertThat(bob.get(20, TimeUnit.SECONDS)).contains("\"result\":\"bob\"");
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(seen).containsExactlyInAnyOrder("alice", "bob");
	}

	@Test
	void aFunctionKeptFromAnEarlierExecutionStillCarriesThatExecutionsContextOnly() throws Exception {
		CodeModeToolCallback codemode = CodeModeToolCallback.builder()
			.executor(this::record)
			.tool(CodeModeTool
				.of(tool("who", "Who", SCHEMA, (input, context) -> (String) context.getContext().get("caller"))))
			.build();
		codemode.call("{\"code\":\"1\"}", new ToolContext(Map.of("caller", "alice")));
		codemode.call("{\"code\":\"2\"}", new ToolContext(Map.of("caller", "bob")));
		assertThat(this.given.get(0).get(0).functions().get("who").call("{}")).isEqualTo("alice");
		assertThat(this.given.get(1).get(0).functions().get("who").call("{}")).isEqualTo("bob");
	}

	private ExecutionResult record(String code, List<ToolNamespace> namespaces) {
		this.given.add(namespaces);
		return new ExecutionResult("null", List.of(), null, Duration.ZERO, 0);
	}

}
