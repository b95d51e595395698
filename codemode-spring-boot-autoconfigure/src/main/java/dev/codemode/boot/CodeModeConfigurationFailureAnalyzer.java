package dev.codemode.boot;

import dev.codemode.tool.CodeModeConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed on a code mode configuration the user can fix (an
 * invalid or reserved namespace, two tools or MCP connections that would have one name in
 * programs): what is wrong and what to do, instead of a stack trace.
 */
class CodeModeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CodeModeConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CodeModeConfigurationException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
