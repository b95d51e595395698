package dev.codemode.program;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The line part of a version 3 source map: for each generated line, the original line of
 * its first mapped segment.
 */
class SourceMapLinesTests {

	@Test
	void eachGeneratedLineTakesTheOriginalLineOfItsFirstSegment() {
		// Deltas of the original line: 0, +1, (no segment), +2.
		assertThat(SourceMapLines.originalLines(map("AAAA;AACA;;AAEA"))).containsExactly(1, 2, 0, 4);
	}

	@Test
	void theOriginalLineIsADeltaCarriedAcrossSegmentsAndLines() {
		// Line 1: 0 then +2 (its first segment counts); line 2: -1 from there.
		assertThat(SourceMapLines.originalLines(map("AAAA,AAEA;AADA"))).containsExactly(1, 2);
	}

	@Test
	void multiDigitValuesAreDecoded() {
		// "gB" is 32 in base64 VLQ: +16 lines.
		assertThat(SourceMapLines.originalLines(map("AAgBA"))).containsExactly(17);
	}

	@Test
	void segmentsWithoutAnOriginalPositionMapNowhere() {
		// One field: a generated column alone, with no source.
		assertThat(SourceMapLines.originalLines(map("A;AAAA"))).containsExactly(0, 1);
	}

	@Test
	void aMapWithoutMappingsHasOneUnmappedLine() {
		assertThat(SourceMapLines.originalLines("{\"version\":3}")).containsExactly(0);
	}

	@Test
	void aCharacterOutsideBase64IsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SourceMapLines.originalLines(map("AA*A")))
			.withMessageContaining("*");
	}

	private static String map(String mappings) {
		return "{\"version\":3,\"sources\":[\"input.ts\"],\"names\":[],\"mappings\":\"" + mappings + "\"}";
	}

}
