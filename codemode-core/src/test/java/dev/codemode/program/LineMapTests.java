package dev.codemode.program;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Lines and columns of the script that runs, mapped back to the code the model wrote.
 */
class LineMapTests {

	@Test
	void aShiftedMapAddsItsOffset() {
		// One wrapper line before the code, one fence line removed: they cancel out.
		LineMap map = LineMap.shifted(0);
		assertThat(map.originalLine(3)).isEqualTo(3);
		assertThat(LineMap.shifted(-1).originalLine(3)).isEqualTo(2);
		assertThat(LineMap.shifted(2).originalLine(1)).isEqualTo(3);
	}

	@Test
	void aWrapperLineHasNoOriginalLine() {
		LineMap map = LineMap.shifted(-1);
		assertThat(map.originalLine(1)).isNull();
		assertThat(map.originalLine(2)).isEqualTo(1);
	}

	@Test
	void aShiftedMapKeepsColumns() {
		LineMap map = LineMap.shifted(-1);
		assertThat(map.columnsPreserved()).isTrue();
		assertThat(map.originalColumn(2, 7)).isEqualTo(7);
	}

	@Test
	void aTableMapsEachLineAndLeavesUnknownLinesUnmapped() {
		LineMap map = LineMap.table(new int[] { 0, 1, 1, 3 });
		assertThat(map.originalLine(1)).as("a line of no original").isNull();
		assertThat(map.originalLine(2)).isEqualTo(1);
		assertThat(map.originalLine(3)).isEqualTo(1);
		assertThat(map.originalLine(4)).isEqualTo(3);
		assertThat(map.originalLine(5)).as("past the table").isNull();
		assertThat(map.originalLine(0)).as("before the first line").isNull();
	}

	@Test
	void aTableDoesNotPreserveColumns() {
		LineMap map = LineMap.table(new int[] { 1 });
		assertThat(map.columnsPreserved()).isFalse();
		assertThat(map.originalColumn(1, 5)).isNull();
	}

	@Test
	void aTableIsCopied() {
		int[] lines = { 1, 2 };
		LineMap map = LineMap.table(lines);
		lines[1] = 9;
		assertThat(map.originalLine(2)).isEqualTo(2);
	}

	@Test
	void aSourceMapIsReadWhenALineIsFirstAskedForAndShiftedToTheModelsLines() {
		// Deltas 0, +1, (no segment), +2: lines 1, 2, none, 4 of the map's source; the
		// model's code starts one line earlier (a removed fence line counts).
		String json = "{\"version\":3,\"sources\":[\"a\"],\"names\":[],\"mappings\":\"AAAA;AACA;;AAEA\"}";
		LineMap map = LineMap.sourceMap(json, 1);
		assertThat(map.columnsPreserved()).isFalse();
		assertThat(map.originalLine(1)).isEqualTo(2);
		assertThat(map.originalLine(2)).isEqualTo(3);
		assertThat(map.originalLine(3)).isNull();
		assertThat(map.originalLine(4)).isEqualTo(5);
		assertThat(map.withInsertion(1, 1, 8).originalLine(4)).isEqualTo(5);
	}

	@Test
	void aSourceMapIsNotReadUntilALineIsAskedFor() {
		LineMap map = LineMap.sourceMap("{\"mappings\":\"!\"}", 0);
		assertThat(map.columnsPreserved()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> map.originalLine(1));
	}

	@Test
	void columnsAfterAnInsertionMoveBackByItsLength() {
		// "return (" (8 characters) inserted at column 3 of script line 2.
		LineMap map = LineMap.shifted(-1).withInsertion(2, 3, 8);
		assertThat(map.originalColumn(2, 2)).as("before the insertion").isEqualTo(2);
		assertThat(map.originalColumn(2, 11)).as("after it").isEqualTo(3);
		assertThat(map.originalColumn(2, 15)).as("further on").isEqualTo(7);
		assertThat(map.originalColumn(2, 5)).as("inside the inserted text").isEqualTo(3);
		assertThat(map.originalColumn(3, 15)).as("on another line").isEqualTo(15);
		assertThat(map.originalLine(2)).as("lines are unchanged").isEqualTo(1);
	}

}
