package dev.codemode.executor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of a {@link BothIsolations} class that runs in {@link Isolation#IN_PROCESS}
 * only, because what it checks exists in this JVM only (an executor built with other
 * limits, its threads, a context it hands out); the reason is shown for the skipped
 * {@code [process]} run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InProcessOnly {

	/**
	 * @return why the test does not run in process mode
	 */
	String value();

}
