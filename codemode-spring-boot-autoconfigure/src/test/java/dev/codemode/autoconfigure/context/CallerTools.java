package dev.codemode.autoconfigure.context;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Tools that tell what context they run in, as an application's tools would read it: the
 * Spring Security login, method security, the MDC, the locale, and a log line.
 */
public class CallerTools {

	static final Logger logger = LoggerFactory.getLogger(CallerTools.class);

	/** A program that asks every tool at once. */
	static final String ALL_AT_ONCE = """
			async () => {
			  const [user, admin, trace, locale] = await Promise.all([
			    codemode.whoami({}),
			    codemode.adminOnly({}).catch((e) => "denied: " + e.message),
			    codemode.mdc({}),
			    codemode.locale({}),
			  ]);
			  return { user, admin, trace, locale };
			}""";

	@Tool(description = "The name of the user the tool runs as")
	public String whoami() {
		return currentUser();
	}

	@Tool(description = "Something only administrators may do")
	@PreAuthorize("hasRole('ADMIN')")
	public String adminOnly() {
		return "admin-ok";
	}

	@Tool(description = "The trace id in the MDC")
	public String mdc() {
		String traceId = MDC.get("traceId");
		return (traceId != null) ? traceId : "none";
	}

	@Tool(description = "The locale of the request")
	public String locale() {
		return LocaleContextHolder.getLocale().toLanguageTag();
	}

	@Tool(description = "What the application's task decorator put in the MDC")
	public String decoratedFor() {
		String decoratedFor = MDC.get("decoratedFor");
		return (decoratedFor != null) ? decoratedFor : "none";
	}

	@Tool(description = "Whether the tool runs on a virtual thread")
	public boolean onVirtualThread() throws ReflectiveOperationException {
		// Thread.isVirtual() is JDK 21 API; the code is compiled for 17.
		return (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
	}

	@Tool(description = "Writes a line to the log")
	public String logSomething() {
		logger.info("a tool of {} ran", currentUser());
		return "logged";
	}

	static String currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getName() : "none";
	}

}
