package dev.codemode.tool;

import java.util.Objects;
import java.util.function.UnaryOperator;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.core.task.TaskDecorator;

/**
 * How the {@code codemode} tool carries its caller's context to the tools that a program
 * calls.
 * <p>
 * When Spring AI calls a tool directly, the tool runs on the calling thread and sees that
 * thread's context: the Spring Security login, the MDC, the locale, the request
 * attributes, the current observation. A program's tools run on other threads. So the
 * {@code codemode} tool captures the context when it is called, on the calling thread,
 * with Micrometer's context-propagation (a {@link ContextSnapshotFactory} over a
 * {@link ContextRegistry}, the global one by default, so every
 * {@code ThreadLocalAccessor} registered there takes part), and restores it around each
 * tool call, around the approval handler and around the listeners' tool-call callbacks,
 * on whichever thread runs them. Restoring also clears every registered thread-local that
 * the caller did not have ({@code clearMissing}), whatever the thread held before, and
 * puts the thread's own values back afterwards: nothing of one caller reaches another's
 * tools.
 * <p>
 * When the call comes from a Reactor stream, Spring AI hands the stream's Reactor
 * {@link ContextView} to the tools it calls in {@link ToolCallReactiveContextHolder} (its
 * chat models and {@code ChatClient} do so when they run tools on a stream). The values
 * of that context are captured as well, after the thread's own, so that for the same key
 * the Reactor context wins; and the context itself is handed on to each tool in
 * {@link ToolCallReactiveContextHolder}, as Spring AI would (MCP tools, for example,
 * write it into their requests). A {@linkplain Builder#reactorContextAdapter reactor
 * context adapter} may first turn a value that exists only reactively into one that a
 * thread-local accessor restores.
 * <p>
 * An application's {@link TaskDecorator}, when given, wraps each tool call; it runs on
 * the tool's thread while the caller's context is restored there, so what it captures is
 * the caller's context.
 */
public final class CallerContextPropagation {

	private final ContextSnapshotFactory snapshots;

	private final UnaryOperator<ContextView> reactorContextAdapter;

	private final @Nullable TaskDecorator taskDecorator;

	private CallerContextPropagation(Builder builder) {
		this.snapshots = ContextSnapshotFactory.builder()
			.contextRegistry(builder.contextRegistry)
			.clearMissing(true)
			.build();
		this.reactorContextAdapter = builder.reactorContextAdapter;
		this.taskDecorator = builder.taskDecorator;
	}

	/**
	 * @return propagation over the global {@link ContextRegistry}, without adapter or
	 * task decorator
	 */
	public static CallerContextPropagation defaults() {
		return builder().build();
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Captures the context of the current thread (and of its Reactor stream, if any):
	 * call it on the caller.
	 */
	CallerContext capture() {
		ContextView reactor = ToolCallReactiveContextHolder.getContext();
		if (reactor == null || reactor.isEmpty()) {
			return new CallerContext(this.snapshots.captureAll(), Context.empty(), this.taskDecorator);
		}
		ContextSnapshot snapshot = this.snapshots.captureAll(this.reactorContextAdapter.apply(reactor));
		return new CallerContext(snapshot, reactor, this.taskDecorator);
	}

	/** Builds a {@link CallerContextPropagation}. */
	public static final class Builder {

		private ContextRegistry contextRegistry = ContextRegistry.getInstance();

		private UnaryOperator<ContextView> reactorContextAdapter = UnaryOperator.identity();

		private @Nullable TaskDecorator taskDecorator;

		private Builder() {
		}

		/**
		 * @param contextRegistry the accessors of what is propagated (default: the global
		 * {@link ContextRegistry#getInstance()})
		 * @return this
		 */
		public Builder contextRegistry(ContextRegistry contextRegistry) {
			this.contextRegistry = Objects.requireNonNull(contextRegistry, "contextRegistry");
			return this;
		}

		/**
		 * @param adapter turns the Reactor context of a caller on a reactive stream into
		 * the context whose values are captured, e.g. to add the value that a
		 * thread-local accessor expects; called on the calling thread
		 * @return this
		 */
		public Builder reactorContextAdapter(UnaryOperator<ContextView> adapter) {
			this.reactorContextAdapter = Objects.requireNonNull(adapter, "adapter");
			return this;
		}

		/**
		 * @param taskDecorator wraps each tool call, applied on the tool's thread while
		 * the caller's context is restored; {@code null} for none
		 * @return this
		 */
		public Builder taskDecorator(@Nullable TaskDecorator taskDecorator) {
			this.taskDecorator = taskDecorator;
			return this;
		}

		/**
		 * @return the propagation
		 */
		public CallerContextPropagation build() {
			return new CallerContextPropagation(this);
		}

	}

}
