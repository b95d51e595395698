package dev.codemode.program;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Maps a line of the script that runs to the line of the code that the model wrote, so
 * that errors point at the model's own text rather than at a wrapper or at transpiler
 * output.
 */
public final class LineMap {

	private final int @Nullable [] originalLines;

	private final int offset;

	private final int insertedLine;

	private final int insertedColumn;

	private final int insertedLength;

	private LineMap(int @Nullable [] originalLines, int offset, int insertedLine, int insertedColumn,
			int insertedLength) {
		this.originalLines = originalLines;
		this.offset = offset;
		this.insertedLine = insertedLine;
		this.insertedColumn = insertedColumn;
		this.insertedLength = insertedLength;
	}

	/**
	 * Lines shift by a constant, e.g. one wrapper line before the code and one fence line
	 * removed.
	 * @param offset what to add to a script line to get the model's line
	 * @return the map
	 */
	static LineMap shifted(int offset) {
		return new LineMap(null, offset, 0, 0, 0);
	}

	/**
	 * Lines follow a table, e.g. from a source map.
	 * @param originalLines for each 0-based script line, the model's 1-based line, or 0
	 * when unknown
	 * @return the map
	 */
	static LineMap table(int[] originalLines) {
		return new LineMap(originalLines.clone(), 0, 0, 0, 0);
	}

	/**
	 * The same map, for a script into which text was inserted on one line (e.g.
	 * {@code return (}).
	 * @param scriptLine the 1-based script line of the insertion
	 * @param scriptColumn the 1-based column where the inserted text starts
	 * @param length how many characters were inserted
	 * @return the map
	 */
	LineMap withInsertion(int scriptLine, int scriptColumn, int length) {
		return new LineMap(this.originalLines, this.offset, scriptLine, scriptColumn, length);
	}

	/**
	 * @param scriptLine a 1-based line of the script
	 * @param scriptColumn a 1-based column of the script
	 * @return the 1-based column in the model's code, or {@code null} when columns are
	 * not preserved
	 */
	public @Nullable Integer originalColumn(int scriptLine, int scriptColumn) {
		if (!columnsPreserved()) {
			return null;
		}
		if (scriptLine == this.insertedLine && scriptColumn >= this.insertedColumn) {
			return Math.max(this.insertedColumn, scriptColumn - this.insertedLength);
		}
		return scriptColumn;
	}

	/**
	 * @param scriptLine a 1-based line of the script
	 * @return the 1-based line of the model's code, or {@code null} when it has none (a
	 * wrapper line)
	 */
	public @Nullable Integer originalLine(int scriptLine) {
		if (this.originalLines == null) {
			int line = scriptLine + this.offset;
			return (line >= 1) ? line : null;
		}
		int index = scriptLine - 1;
		if (index < 0 || index >= this.originalLines.length || this.originalLines[index] == 0) {
			return null;
		}
		return this.originalLines[index];
	}

	/**
	 * Whether columns of the script are the model's columns, which holds where nothing
	 * was transpiled.
	 * @return whether columns can be reported as they are
	 */
	public boolean columnsPreserved() {
		return this.originalLines == null;
	}

	@Override
	public String toString() {
		return (this.originalLines != null) ? "LineMap" + Arrays.toString(this.originalLines)
				: "LineMap(offset " + this.offset + ")";
	}

}
