package dev.codemode.autoconfigure;

import java.util.List;
import java.util.Set;

import dev.codemode.approval.ToolApprovalHandler;
import dev.codemode.executor.CodeExecutor;
import dev.codemode.boot.CodeModeStatistics;
import dev.codemode.boot.CompositeCodeModeListener;
import dev.codemode.boot.LazyCodeModeToolCallback;
import dev.codemode.boot.ToolBeanScanner;
import dev.codemode.tool.CallerContextPropagation;
import dev.codemode.tool.CodeModeConfigurationException;
import dev.codemode.tool.CodeModeListener;
import dev.codemode.tool.CodeModeToolCallback;
import dev.codemode.tool.CodeModeToolSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of code mode: the {@code codemode} tool over every tool of the
 * application, and the GraalJS executor that runs its programs.
 * <p>
 * Beans, each replaceable: a {@link CodeExecutor} (GraalJS, configured by
 * {@link CodeModeProperties} and {@link CodeModeExecutorCustomizer} beans; in the
 * application's JVM, or in worker JVMs with {@code codemode.executor.isolation=process}),
 * the {@code codemode} {@code ToolCallback} (a bean of that name), and
 * {@link CodeModeStatistics}. Every {@link CodeModeListener} bean observes the tool, and
 * a {@link ToolApprovalHandler} bean decides on the calls of tools that require approval,
 * and the {@link CallerContextPropagation} bean carries each caller's context to the
 * tools its program calls. The tools of every {@link CodeModeToolSource} bean (such as
 * MCP connections) are callable too.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = CodeModeProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(CodeModeProperties.class)
@Import({ CodeModeExecutorConfigurations.InProcess.class, CodeModeExecutorConfigurations.Process.class })
public final class CodeModeAutoConfiguration {

	/**
	 * The name of the {@code codemode} tool's bean; define a bean of that name to replace
	 * it.
	 */
	public static final String CODEMODE_BEAN_NAME = "codemode";

	private static final String TYPES_PLACEHOLDER = "{{types}}";

	@Bean(CODEMODE_BEAN_NAME)
	@ConditionalOnMissingBean(name = CODEMODE_BEAN_NAME)
	LazyCodeModeToolCallback codemode(CodeModeProperties properties, CodeExecutor executor,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<CodeModeListener> listeners,
			ObjectProvider<ToolApprovalHandler> approvalHandler,
			ObjectProvider<CallerContextPropagation> contextPropagation,
			ObjectProvider<CodeModeToolSource> toolSources) {
		String template = properties.getDescriptionTemplate();
		if (template != null && !template.contains(TYPES_PLACEHOLDER)) {
			throw new CodeModeConfigurationException(
					"codemode.description-template must contain " + TYPES_PLACEHOLDER
							+ ", which marks where the generated TypeScript declarations go.",
					"Add " + TYPES_PLACEHOLDER + " to codemode.description-template, or remove the property to use"
							+ " the built-in description.");
		}
		List<CodeModeToolSource> sources = toolSources.orderedStream().toList();
		ToolBeanScanner scanner = new ToolBeanScanner(beanFactory, selection(properties), Set.of(CODEMODE_BEAN_NAME),
				sources);
		LazyCodeModeToolCallback codemode = new LazyCodeModeToolCallback(properties.getToolName(), () -> {
			CodeModeToolCallback.Builder builder = CodeModeToolCallback.builder()
				.name(properties.getToolName())
				.executor(executor)
				.tools(scanner.discover())
				.logCode(properties.isLogCode())
				.listener(CompositeCodeModeListener.of(listeners.orderedStream().toList()))
				.approvalTimeout(properties.getApproval().getTimeout())
				.discovery(properties.getDiscovery().getMode(), properties.getDiscovery().getMaxDeclarationChars())
				.contextPropagation(contextPropagation.getIfAvailable(CallerContextPropagation::defaults));
			PropertyMapper map = PropertyMapper.get();
			map.from(template).to(builder::descriptionTemplate);
			map.from(approvalHandler.getIfUnique()).to(builder::approvalHandler);
			return builder.build();
		});
		sources.forEach((source) -> source.onChange(codemode::refresh));
		return codemode;
	}

	private static ToolBeanScanner.Selection selection(CodeModeProperties properties) {
		return new ToolBeanScanner.Selection(properties.getNamespaces(), properties.getTools().getInclude(),
				properties.getTools().getExclude(), properties.getApproval().getTools());
	}

	@Bean
	@ConditionalOnMissingBean
	CodeModeStatistics codeModeStatistics() {
		return new CodeModeStatistics();
	}

}
