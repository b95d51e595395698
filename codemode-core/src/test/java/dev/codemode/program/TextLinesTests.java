package dev.codemode.program;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines and columns of a program's text, counted as GraalJS counts them in its errors.
 */
class TextLinesTests {

	@Test
	void newlineCarriageReturnAndTheirPairEachEndOneLine() {
		String text = "a\nb\r\nc\rd";
		TextLines lines = new TextLines(text);
		assertThat(lines.line(text.indexOf('a'))).isEqualTo(1);
		assertThat(lines.line(text.indexOf('b'))).isEqualTo(2);
		assertThat(lines.line(text.indexOf('c'))).isEqualTo(3);
		assertThat(lines.line(text.indexOf('d'))).isEqualTo(4);
		assertThat(lines.column(text.indexOf('d'))).isEqualTo(1);
	}

	@Test
	void theLineEndBelongsToTheLineItEnds() {
		String text = "ab\r\ncd";
		TextLines lines = new TextLines(text);
		assertThat(lines.line(2)).as("the \\r").isEqualTo(1);
		assertThat(lines.line(3)).as("the \\n of \\r\\n").isEqualTo(1);
		assertThat(lines.column(3)).isEqualTo(4);
		assertThat(lines.line(4)).isEqualTo(2);
	}

	@Test
	void lineAndParagraphSeparatorsDoNotEndALine() {
		String text = "a\u2028b\u2029c";
		TextLines lines = new TextLines(text);
		assertThat(lines.line(text.indexOf('c'))).isEqualTo(1);
		assertThat(lines.column(text.indexOf('c'))).isEqualTo(5);
	}

	@Test
	void columnsCountUtf16Units() {
		String text = "x = '\uD83D\uDE00' + y";
		TextLines lines = new TextLines(text);
		// The emoji is two UTF-16 units: y stands at column 12, not 11.
		assertThat(lines.column(text.indexOf('y'))).isEqualTo(12);
	}

	@Test
	void theEndOfTheTextIsOnTheLastLine() {
		String text = "a\nbc\n";
		TextLines lines = new TextLines(text);
		assertThat(lines.line(text.length())).isEqualTo(3);
		assertThat(lines.column(text.length())).isEqualTo(1);
		assertThat(new TextLines("").line(0)).isEqualTo(1);
	}

}
