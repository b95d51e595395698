package dev.codemode.executor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs every test of the class once per {@link Isolation}, named {@code [in-process]} and
 * {@code [process]}. The class (or its superclass) has a field
 * {@code @Parameter Isolation isolation} that says which one runs; a test that only makes
 * sense in this JVM is marked {@link InProcessOnly}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ParameterizedClass(name = "[{0}]")
@ArgumentsSource(Isolations.class)
@ExtendWith(IsolationExtension.class)
public @interface BothIsolations {

}
