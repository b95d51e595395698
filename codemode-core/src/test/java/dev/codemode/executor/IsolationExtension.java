package dev.codemode.executor;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import dev.codemode.executor.process.ProcessCodeExecutor;

/**
 * What {@link BothIsolations} adds to each test: in the {@code [process]} run, a test
 * marked {@link InProcessOnly} is skipped with its reason, and the others find the shared
 * pool of workers started (on the test's own thread: a test may hand its first execution
 * to a thread it interrupts later) and warm.
 */
final class IsolationExtension implements ExecutionCondition, BeforeEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(IsolationExtension.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<InProcessOnly> inProcessOnly = AnnotationSupport.findAnnotation(context.getElement(),
				InProcessOnly.class);
		if (inProcessOnly.isPresent() && isolation(context) == Isolation.PROCESS) {
			return ConditionEvaluationResult.disabled("in-process only: " + inProcessOnly.get().value());
		}
		return ConditionEvaluationResult.enabled("runs in this isolation");
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (isolation(context) == Isolation.PROCESS) {
			ProcessCodeExecutor workers = SandboxExecutors.workers();
			// Once per class: its workers sat idle while the class's in-process run went
			// by, and a worker's first programs after a pause are slow on a loaded
			// machine, while the in-process executor has just run the same tests.
			classContext(context).getStore(NAMESPACE)
				.computeIfAbsent("warm", (key) -> SandboxExecutors.warmUp(workers, 1, 1));
		}
	}

	/** The context of the test class (of this run of it, for a class template). */
	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	/** The value of the test instance's {@code Isolation} field, if there is one yet. */
	private static Isolation isolation(ExtensionContext context) {
		Object testInstance = context.getTestInstance().orElse(null);
		if (testInstance == null) {
			return Isolation.IN_PROCESS;
		}
		List<Field> fields = ReflectionSupport.findFields(testInstance.getClass(),
				(field) -> field.getType() == Isolation.class, HierarchyTraversalMode.TOP_DOWN);
		if (fields.size() != 1) {
			throw new IllegalStateException(
					testInstance.getClass().getName() + " must have exactly one Isolation field, has " + fields);
		}
		Object value = ReflectionSupport.tryToReadFieldValue(fields.get(0), testInstance).toOptional().orElse(null);
		return (value != null) ? (Isolation) value : Isolation.IN_PROCESS;
	}

}
