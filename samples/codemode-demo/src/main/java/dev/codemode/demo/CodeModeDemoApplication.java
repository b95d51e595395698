package dev.codemode.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import dev.codemode.demo.cli.ProgramFileRunner;

/**
 * The codemode demo: a small shop (customers, products, orders, an outbox) whose
 * {@code @Tool} beans the {@code codemode} starter turns into one tool, a playground page
 * and an HTTP API to run programs against them, and a chat with a model when one is
 * configured.
 * <p>
 * Started with {@code --codemode.demo.run=<file>}, it runs that one program instead,
 * prints the tool's JSON and exits: no web server, so it can run beside the web
 * application.
 */
@SpringBootApplication
public class CodeModeDemoApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = start(args);
		if (isProgramRun(args)) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Starts the application, as a web application or, with {@code --codemode.demo.run},
	 * as a one-shot runner.
	 * @param args the command line
	 * @return the started context
	 */
	public static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(CodeModeDemoApplication.class);
		if (isProgramRun(args)) {
			application.setWebApplicationType(WebApplicationType.NONE);
			// Only the tool's JSON goes to standard output; see application-run.yml.
			application.setAdditionalProfiles(ProgramFileRunner.PROFILE);
		}
		return application.run(args);
	}

	private static boolean isProgramRun(String[] args) {
		return new SimpleCommandLinePropertySource(args).containsProperty(ProgramFileRunner.PROPERTY);
	}

}
