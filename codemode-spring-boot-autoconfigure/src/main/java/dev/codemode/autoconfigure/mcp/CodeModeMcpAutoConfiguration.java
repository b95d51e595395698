package dev.codemode.autoconfigure.mcp;

import java.util.List;

import dev.codemode.autoconfigure.CodeModeAutoConfiguration;
import dev.codemode.autoconfigure.CodeModeProperties;
import dev.codemode.boot.mcp.McpServerExitWatcher;
import dev.codemode.mcp.McpConnection;
import dev.codemode.mcp.McpTools;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;

import org.springframework.ai.mcp.McpToolsChangedEvent;
import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of MCP connections as namespaces: with Spring AI's MCP client, the
 * tools of each connection ({@code spring.ai.mcp.client.<transport>.connections.<name>})
 * are called as {@code <name>.<tool>(input)}, through the connection's client, and Spring
 * AI's own MCP tool callbacks are left out of code mode. When a server's tools change,
 * the next execution sees the new ones; when a stdio server's process ends, its calls
 * fail at once.
 */
@AutoConfiguration(afterName = "org.springframework.ai.mcp.client.common.autoconfigure.McpClientAutoConfiguration",
		before = CodeModeAutoConfiguration.class)
@ConditionalOnClass({ McpSyncClient.class, McpToolsChangedEvent.class })
@ConditionalOnBooleanProperty(name = CodeModeProperties.PREFIX + ".enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = CodeModeProperties.PREFIX + ".mcp.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CodeModeProperties.class)
public final class CodeModeMcpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	McpTools codeModeMcpTools(CodeModeProperties properties, ObjectProvider<List<McpSyncClient>> syncClients,
			ObjectProvider<List<McpAsyncClient>> asyncClients,
			ObjectProvider<ToolContextToMcpMetaConverter> toolContextMeta) {
		McpTools.Builder builder = McpTools.builder()
			.approveDestructive(properties.getMcp().isApproveDestructive())
			.callTimeout(properties.getTimeout());
		syncClients.ifAvailable((clients) -> clients.forEach((client) -> builder.connection(McpConnection.of(client))));
		asyncClients
			.ifAvailable((clients) -> clients.forEach((client) -> builder.connection(McpConnection.of(client))));
		properties.getMcp().getNamespaces().forEach(builder::namespace);
		toolContextMeta.ifAvailable((converter) -> builder.toolContextMeta(converter::convert));
		return builder.build();
	}

	@Bean
	ApplicationListener<McpToolsChangedEvent> codeModeMcpToolsChangedListener(McpTools codeModeMcpTools) {
		return (event) -> codeModeMcpTools.toolsChanged(event.getConnectionName(), event.getTools());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NamedClientMcpTransport.class)
	static class ServerExitConfiguration {

		@Bean
		McpServerExitWatcher codeModeMcpServerExitWatcher(McpTools codeModeMcpTools,
				ObjectProvider<List<NamedClientMcpTransport>> transports) {
			return new McpServerExitWatcher(codeModeMcpTools, transports.stream().flatMap(List::stream).toList());
		}

	}

}
