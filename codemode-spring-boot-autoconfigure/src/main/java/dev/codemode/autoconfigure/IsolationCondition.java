package dev.codemode.autoconfigure;

import dev.codemode.autoconfigure.CodeModeProperties.Isolation;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code codemode.executor.isolation} is a given one. The property is bound
 * as {@link CodeModeProperties} binds it, so "in-process", "IN_PROCESS" and "inProcess"
 * all mean the same, and a value that is none fails the startup as a binding error.
 */
abstract class IsolationCondition extends SpringBootCondition {

	static final String PROPERTY = CodeModeProperties.PREFIX + ".executor.isolation";

	private final Isolation isolation;

	IsolationCondition(Isolation isolation) {
		this.isolation = isolation;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Isolation configured = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Isolation.class)
			.orElse(Isolation.IN_PROCESS);
		ConditionMessage.Builder message = ConditionMessage.forCondition("Code mode isolation", this.isolation);
		return (configured == this.isolation) ? ConditionOutcome.match(message.because(PROPERTY + " is " + configured))
				: ConditionOutcome.noMatch(message.because(PROPERTY + " is " + configured));
	}

	/** Programs run in the application's JVM (the default). */
	static final class InProcess extends IsolationCondition {

		InProcess() {
			super(Isolation.IN_PROCESS);
		}

	}

	/** Programs run in worker JVMs. */
	static final class Process extends IsolationCondition {

		Process() {
			super(Isolation.PROCESS);
		}

	}

}
