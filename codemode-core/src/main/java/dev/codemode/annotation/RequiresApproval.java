package dev.codemode.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.codemode.approval.ToolApprovalHandler;

/**
 * Marks a {@code @Tool} method (or every {@code @Tool} method of a class) as requiring
 * approval before a program may call it: sending email, deleting data. Each call is put
 * to the application's {@link ToolApprovalHandler}; without one, the call is refused and
 * the result lists it, so the application can ask and run the program again.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresApproval {

	/**
	 * @return why the tool needs approval, shown with the request
	 */
	String value() default "";

}
