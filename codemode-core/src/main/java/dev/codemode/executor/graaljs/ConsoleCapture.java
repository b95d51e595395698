package dev.codemode.executor.graaljs;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Console output of one execution, capped as it is written: the JVM never holds more than
 * the limit, and the cut is announced by a marker that says how much was left out.
 */
final class ConsoleCapture {

	private final int maxChars;

	private final List<String> lines = new ArrayList<>();

	private long chars;

	private long droppedLines;

	private long droppedChars;

	ConsoleCapture(int maxChars) {
		this.maxChars = maxChars;
	}

	/**
	 * @param level log, info, warn, error or debug
	 * @param text the formatted line, possibly already cut by the runtime
	 * @param length the length of the whole line before any cut
	 */
	void write(String level, String text, long length) {
		String prefix = "log".equals(level) ? "" : "[" + level + "] ";
		long fullLength = prefix.length() + length;
		long room = this.maxChars - this.chars;
		if (fullLength <= room && text.length() <= length) {
			this.lines.add(prefix + text);
			this.chars += fullLength;
		}
		else if (room > 0 && this.droppedLines == 0) {
			String line = (prefix + text);
			this.lines.add(line.substring(0, (int) Math.min(room, line.length())));
			this.chars = this.maxChars;
			this.droppedChars += fullLength - room;
			this.droppedLines++;
		}
		else {
			this.droppedLines++;
			this.droppedChars += fullLength;
		}
	}

	/**
	 * The runtime's call: (level, text, length of the whole line). The sizes are cut
	 * here, on the host: whatever the guest hands over, only the cap is kept.
	 */
	@Nullable Object write(Value... arguments) {
		String level = arguments[0].isString() ? arguments[0].asString() : "log";
		String text = arguments[1].isString() ? arguments[1].asString() : "[unprintable]";
		long length = (arguments[2].isNumber() && arguments[2].fitsInLong()) ? arguments[2].asLong() : 0;
		write(level, text, Math.max(length, text.length()));
		return null;
	}

	void note(String line) {
		this.lines.add(line);
	}

	boolean truncated() {
		return this.droppedLines > 0;
	}

	List<String> lines() {
		if (this.droppedLines == 0) {
			return this.lines;
		}
		List<String> result = new ArrayList<>(this.lines);
		result.add(
				"[codemode] console output truncated: " + this.droppedChars + " more characters in " + this.droppedLines
						+ " line(s) not shown; the limit is " + this.maxChars + " characters (max-console-chars)");
		return result;
	}

}
