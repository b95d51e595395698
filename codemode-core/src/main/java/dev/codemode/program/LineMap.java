package dev.codemode.program;

import java.util.Arrays;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Maps a line of the script that runs to the line of the code that the model wrote, so
 * that errors point at the model's own text rather than at a wrapper or at transpiler
 * output.
 */
public final class LineMap {

	private final @Nullable Table table;

	private final int offset;

	private final int insertedLine;

	private final int insertedColumn;

	private final int insertedLength;

	private LineMap(@Nullable Table table, int offset, int insertedLine, int insertedColumn, int insertedLength) {
		this.table = table;
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
		int[] lines = originalLines.clone();
		return new LineMap(new Table(() -> lines, lines.length), 0, 0, 0, 0);
	}

	/**
	 * Lines follow a source map, read the first time a line is asked for: most programs
	 * never fail, and the map is then never read.
	 * @param sourceMap the source map JSON
	 * @param lineShift lines to add to a line of the map's source to get the model's
	 * @return the map
	 */
	static LineMap sourceMap(String sourceMap, int lineShift) {
		return new LineMap(new Table(() -> {
			int[] lines = SourceMapLines.originalLines(sourceMap);
			for (int i = 0; i < lines.length; i++) {
				if (lines[i] != 0) {
					lines[i] = Math.max(lines[i] + lineShift, 0);
				}
			}
			return lines;
		}, sourceMap.length()), 0, 0, 0, 0);
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
		return new LineMap(this.table, this.offset, scriptLine, scriptColumn, length);
	}

	/**
	 * @return about how many characters (or table entries) this map holds, for bounds on
	 * what is kept
	 */
	int size() {
		return (this.table != null) ? this.table.size : 0;
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
		if (this.table == null) {
			int line = scriptLine + this.offset;
			return (line >= 1) ? line : null;
		}
		int[] originalLines = this.table.lines();
		int index = scriptLine - 1;
		if (index < 0 || index >= originalLines.length || originalLines[index] == 0) {
			return null;
		}
		return originalLines[index];
	}

	/**
	 * Whether columns of the script are the model's columns, which holds where nothing
	 * was transpiled.
	 * @return whether columns can be reported as they are
	 */
	public boolean columnsPreserved() {
		return this.table == null;
	}

	@Override
	public String toString() {
		return (this.table != null) ? "LineMap" + Arrays.toString(this.table.lines())
				: "LineMap(offset " + this.offset + ")";
	}

	/**
	 * For each 0-based script line, the model's 1-based line or 0; computed once, on
	 * first use. Racing threads compute the same table, and either may be kept, so the
	 * map stays immutable to its users and safe to share.
	 */
	private static final class Table {

		private final Supplier<int[]> source;

		private final int size;

		private volatile int @Nullable [] lines;

		Table(Supplier<int[]> source, int size) {
			this.source = source;
			this.size = size;
		}

		int[] lines() {
			int[] lines = this.lines;
			if (lines == null) {
				lines = this.source.get();
				this.lines = lines;
			}
			return lines;
		}

	}

}
