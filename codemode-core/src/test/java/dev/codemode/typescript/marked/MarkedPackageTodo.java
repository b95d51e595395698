package dev.codemode.typescript.marked;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A result type of a {@code @NullMarked} package.
 *
 * @param title never null
 * @param due null when no date was set
 */
public record MarkedPackageTodo(String title, @Nullable LocalDate due) {

	/**
	 * @return a getter's value, never null in this package
	 */
	public String getOwner() {
		return "ann";
	}

}
