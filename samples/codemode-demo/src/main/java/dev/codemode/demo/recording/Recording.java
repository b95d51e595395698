package dev.codemode.demo.recording;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.ai.chat.model.ToolContext;

/**
 * The executions of the {@code codemode} tool during one request of the API: one for
 * {@code /api/execute}, as many as the model asked for during a chat turn.
 * <p>
 * It travels in the Spring AI {@link ToolContext} of the call, which the {@code codemode}
 * tool hands to its listeners, so that concurrent requests never see each other's
 * executions.
 */
public final class Recording {

	/** The key of the recording in a {@link ToolContext}. */
	public static final String TOOL_CONTEXT_KEY = Recording.class.getName();

	private final List<RecordedExecution> executions = new CopyOnWriteArrayList<>();

	/**
	 * @return the entries of a tool context that carries this recording, with the
	 * request's other entries
	 */
	public Map<String, Object> asToolContext() {
		return Map.of(TOOL_CONTEXT_KEY, this);
	}

	/**
	 * @param toolContext a tool context, or {@code null}
	 * @return the recording it carries, or {@code null}
	 */
	public static Recording from(ToolContext toolContext) {
		if (toolContext == null) {
			return null;
		}
		return (toolContext.getContext().get(TOOL_CONTEXT_KEY) instanceof Recording recording) ? recording : null;
	}

	RecordedExecution start(String code) {
		RecordedExecution execution = new RecordedExecution(code);
		this.executions.add(execution);
		return execution;
	}

	/**
	 * Keeps the JSON that the {@code codemode} tool answered with the execution it
	 * belongs to: the latest one, since the tool reports an execution's start and end on
	 * the calling thread before it answers, and one request calls the tool once at a
	 * time.
	 * @param output the tool's answer
	 */
	public void output(String output) {
		if (!this.executions.isEmpty()) {
			this.executions.get(this.executions.size() - 1).output(output);
		}
	}

	/**
	 * @return the executions so far, in the order they started
	 */
	public List<RecordedExecution> executions() {
		return List.copyOf(this.executions);
	}

}
