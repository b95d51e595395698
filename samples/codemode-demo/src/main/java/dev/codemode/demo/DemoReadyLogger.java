package dev.codemode.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells where the page is once the application is ready (the last line of a successful
 * start).
 */
@Component
class DemoReadyLogger {

	private static final Logger logger = LoggerFactory.getLogger(DemoReadyLogger.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		// Set by the embedded web server once it listens; absent when no server runs
		// (--codemode.demo.run).
		String port = environment.getProperty("local.server.port");
		if (port != null) {
			String contextPath = environment.getProperty("server.servlet.context-path", "");
			logger.info("codemode demo ready at http://localhost:{}{}/", port, contextPath);
		}
	}

}
