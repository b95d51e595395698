package dev.codemode.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.codemode.approval.ApprovalDecision;
import dev.codemode.executor.graaljs.GraalJsCodeExecutor;
import dev.codemode.executor.graaljs.GraalJsExecutorOptions;

import static dev.codemode.tool.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No thread of the library inherits thread-locals from whoever created it. A pool thread
 * that copied its creator's {@link InheritableThreadLocal}s would keep them for every
 * later task: with Spring Security's {@code MODE_INHERITABLETHREADLOCAL}, the first
 * caller's login would serve every later caller.
 * <p>
 * The probe is an {@link InheritableThreadLocal} whose
 * {@link InheritableThreadLocal#childValue childValue} runs whenever a new thread copies
 * it, on the creating thread: it records which code of the library was creating the
 * thread. The test sets it before the executor exists and runs executions that start
 * every kind of thread the library has (executions, tools, the TypeScript parser, the
 * context warmer, the watchdog, cancellations, approvals).
 */
class LibraryThreadsInheritNothingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TYPESCRIPT = """
			async (): Promise<unknown> => {
			  interface Seen { value: string | null }
			  const seen: Seen[] = await Promise.all(
			    Array.from({ length: 24 }, () => codemode.probe({})));
			  const approved: Seen = await codemode.approvedProbe({});
			  return { seen, approved };
			}""";

	private final InheritanceProbe probe = new InheritanceProbe();

	@Test
	void theProbeNoticesAThreadThatInherits() throws InterruptedException {
		this.probe.set("caller");
		try {
			Thread thread = new Thread(() -> {
			});
			thread.start();
			thread.join();
			assertThat(this.probe.copies).hasSize(1);
		}
		finally {
			this.probe.remove();
		}
	}

	@Test
	void noThreadOfTheExecutorTheToolPoolTheParserTheWatchdogOrTheApprovalsInheritsFromItsCreator() {
		this.probe.set("the first caller's secret");
		Map<String, String> approvalsSaw = new ConcurrentHashMap<>();
		try (GraalJsCodeExecutor executor = new GraalJsCodeExecutor(GraalJsExecutorOptions.builder()
			.timeout(Duration.ofSeconds(20))
			.maxCpuTime(Duration.ofSeconds(2))
			// The endless loop below must end at the watchdog's CPU limit, not at the
			// engine's statement counter.
			.maxStatements(Long.MAX_VALUE)
			.maxConcurrentExecutions(2)
			.build())) {
			CodeModeToolCallback codemode = CodeModeToolCallback.builder()
				.executor(executor)
				.tool(CodeModeTool
					.of(tool("probe", "What the thread holds.", "{\"type\":\"object\"}", (input, context) -> seen())))
				.tool(CodeModeTool
					.of(tool("approvedProbe", "What the thread holds, after approval.", "{\"type\":\"object\"}",
							(input, context) -> seen()))
					.withRequiresApproval(true))
				.approvalHandler((request) -> {
					approvalsSaw.put(Thread.currentThread().getName(), String.valueOf(this.probe.get()));
					return ApprovalDecision.approve();
				})
				.build();
			for (int i = 0; i < 3; i++) {
				JsonNode result = JSON.readTree(codemode.call(input(TYPESCRIPT)));
				assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
				List<String> seen = new ArrayList<>();
				result.path("result").path("seen").forEach((value) -> seen.add(value.path("value").asString()));
				assertThat(seen).as("what tool threads hold").hasSize(24).containsOnly("null");
				assertThat(result.path("result").path("approved").path("value").asString()).isEqualTo("null");
			}
			// Ended by the watchdog, which closes the context on a thread of its own.
			JsonNode stopped = JSON.readTree(codemode.call(input("while (true) {}")));
			assertThat(stopped.path("error").asString()).contains("max-cpu-time");
			assertThat(liveThreadNames()).as("threads of every kind ran")
				.anyMatch((name) -> name.startsWith("codemode-exec-"))
				.anyMatch((name) -> name.startsWith("codemode-tool-"))
				.anyMatch((name) -> name.startsWith("codemode-swc-"))
				.anyMatch((name) -> name.startsWith("codemode-cancel-"))
				.contains("codemode-watchdog", "codemode-context-warmer");
		}
		finally {
			this.probe.remove();
		}
		// Approval threads are made per decision and end with it: they ran if the handler
		// saw them.
		assertThat(approvalsSaw).isNotEmpty().allSatisfy((thread, value) -> {
			assertThat(thread).startsWith("codemode-approval-");
			assertThat(value).isEqualTo("null");
		});
		assertThat(this.probe.copies).as("threads that copied the creator's thread-locals, by creating code").isEmpty();
	}

	private String seen() {
		String value = this.probe.get();
		return (value != null) ? "{\"value\":\"" + value + "\"}" : "{\"value\":\"null\"}";
	}

	private static Set<String> liveThreadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
	}

	private static String input(String code) {
		return JSON.writeValueAsString(Map.of("code", code));
	}

	/**
	 * Records, for each thread that copies it, the frames of the code that created that
	 * thread.
	 */
	private static final class InheritanceProbe extends InheritableThreadLocal<String> {

		final List<String> copies = new CopyOnWriteArrayList<>();

		@Override
		protected String childValue(String parentValue) {
			String creator = Arrays.stream(new Throwable().getStackTrace())
				.map((frame) -> frame.getClassName() + "." + frame.getMethodName())
				.filter((frame) -> !frame.startsWith("java.") && !frame.startsWith("jdk.")
						&& !frame.startsWith(InheritanceProbe.class.getName()))
				.limit(12)
				.collect(Collectors.joining(" < "));
			this.copies.add(Thread.currentThread().getName() + " created a thread in " + creator);
			return parentValue;
		}

	}

}
