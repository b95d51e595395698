package dev.codemode.executor.graaljs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory bombs D1, D2, D4 and D5 in a JVM with a 512 MiB heap (the build runs this
 * class in its own fork with {@code -Xmx512m}): the community edition has no heap cap, so
 * the allocation budget and the length limits must stop them before the host runs out of
 * memory. Only that fork sets the property this class is enabled by.
 * <p>
 * In-process only: it is about this JVM's heap (a worker's heap is capped anyway).
 */
@EnabledIfSystemProperty(named = "codemode.test.lowHeap", matches = "true")
class LowHeapMemoryAbuseTests extends SandboxTestSupport {

	@BeforeAll
	static void runsWithASmallHeap() {
		assertThat(Runtime.getRuntime().maxMemory()).as("this class runs in a fork with -Xmx512m")
			.isLessThanOrEqualTo(512L << 20);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "'x'.repeat(2**30)", "let s='x'; for(let i=0;i<40;i++) s+=s", "new Uint8Array(2**31)",
			"'x'.repeat(2**28).split('')", "new ArrayBuffer(500_000_000)", "new Float64Array(100_000_000)" })
	void oversizedValueIsRefusedWithoutOutOfMemory(String code) {
		MemoryBombs.assertRefused(attack(code, T.plusSeconds(1)));
	}

	@Test
	void unboundedHeapGrowthEndsAtTheAllocationBudget() {
		MemoryBombs.assertHeapGrowthEndsAtALimit(this, executor());
	}

}
