package dev.codemode.program;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines and columns of a program's text as GraalJS reports them in its errors (and SWC,
 * but for a lone {@code \r}): a line ends at {@code \n}, {@code \r\n} or a lone
 * {@code \r}; columns count UTF-16 units. U+2028 and U+2029 end lines in ECMAScript's
 * grammar, and Babel counts them, but the engine's line numbers do not.
 */
final class TextLines {

	private final int[] starts;

	TextLines(String text) {
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
				starts.add(i + 1);
			}
		}
		this.starts = starts.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * @param offset an offset in the text, in UTF-16 units
	 * @return its 1-based line
	 */
	int line(int offset) {
		int low = 0;
		int high = this.starts.length - 1;
		while (low < high) {
			int middle = (low + high + 1) >>> 1;
			if (this.starts[middle] <= offset) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return low + 1;
	}

	/**
	 * @param offset an offset in the text, in UTF-16 units
	 * @return its 1-based column, in UTF-16 units
	 */
	int column(int offset) {
		return offset - this.starts[line(offset) - 1] + 1;
	}

}
