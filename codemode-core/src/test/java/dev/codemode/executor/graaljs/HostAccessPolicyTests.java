package dev.codemode.executor.graaljs;

import java.time.Duration;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.codemode.executor.SandboxExecutors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Attack corpus rows A12 and A13: a Java object with exported members, bound into a
 * context built with the executor's own context options. The project never hands Java
 * objects to programs; these rows pin the {@code HostAccess} configuration, the last line
 * of defence if one ever slips through.
 * <p>
 * In-process only: the context is the in-process executor's, and a Java object cannot
 * cross to a worker JVM (only JSON does), where the same options hold.
 */
class HostAccessPolicyTests extends SandboxTestSupport {

	private Value eval(String code) {
		try (Context context = SandboxExecutors.inProcess().newContext()) {
			context.getBindings("js").putMember("pojo", new ExportedPojo());
			Value value = context.eval("js", code);
			// Copy out before the context closes.
			return Value.asValue(value.isString() ? value.asString() : value.toString());
		}
	}

	private PolyglotException failure(String code) {
		long start = System.nanoTime();
		PolyglotException failure = catchThrowableOfType(PolyglotException.class, () -> eval(code));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("returned at once").isLessThan(ONE_SECOND);
		return failure;
	}

	@Test
	void exportedMembersWork() {
		// Without this, the "undefined" below could come from a binding that never
		// arrived.
		assertThat(eval("pojo.hello() + '/' + pojo.self().name").asString()).isEqualTo("hello pojo/pojo");
	}

	@Test
	void javaObjectExposesNoClass() {
		String result = eval("String(pojo.class) + String(pojo.constructor)").asString();
		assertThat(result).startsWith("undefined");
		JavaFree.assertJavaFree(result);
		assertThat(result).doesNotContain("ExportedPojo", "class ");
		assertThat(eval("typeof pojo.getClass + '/' + typeof Java").asString()).isEqualTo("undefined/undefined");
		assertHealthy(executor());
	}

	@ParameterizedTest(name = "A13: pojo.{0}()")
	@ValueSource(strings = { "hashCode", "wait", "notify", "getClass" })
	void javaObjectMethodsAreUnreachable(String method) {
		PolyglotException failure = failure("pojo." + method + "()");
		assertThat(failure).isNotNull();
		assertThat(failure.isGuestException()).isTrue();
		assertThat(failure.isHostException()).isFalse();
		assertThat(failure.getMessage()).startsWith("TypeError");
		assertThat(eval("typeof pojo." + method).asString()).isEqualTo("undefined");
		assertHealthy(executor());
	}

}
