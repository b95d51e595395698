package dev.codemode.program;

import org.jspecify.annotations.Nullable;

/**
 * A {@code throw} statement of the program, found on its syntax tree. A thrown value that
 * is not an {@code Error} ({@code throw "no rows"}) carries no stack, so this is how an
 * error can still point at the model's line.
 *
 * @param line the 1-based line in the code as the model submitted it
 * @param column the 1-based column of the {@code throw} keyword
 * @param literal the thrown literal in canonical form (see {@link #literal(Object)}), or
 * {@code null} when the statement throws anything but a string, number, boolean or
 * {@code null} literal
 */
public record ThrowSite(int line, int column, @Nullable String literal) {

	/**
	 * The canonical form of a primitive value, as both the syntax tree and the engine can
	 * give it.
	 * @param value a {@link String}, a {@link Number}, a {@link Boolean} or {@code null}
	 * @return its canonical form, e.g. {@code s:no rows}, {@code n:42}, {@code b:true},
	 * {@code null}
	 */
	public static String literal(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String text) {
			return "s:" + text;
		}
		if (value instanceof Boolean bool) {
			return "b:" + bool;
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			return (d == Math.rint(d) && Math.abs(d) < 1e15) ? "n:" + (long) d : "n:" + d;
		}
		throw new IllegalArgumentException("not a primitive: " + value.getClass().getSimpleName());
	}

}
