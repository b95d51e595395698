package dev.codemode.executor.graaljs;

import org.graalvm.polyglot.HostAccess;

/**
 * The corpus's {@code pojo}: a Java object with exported members (public, so that host
 * access can reach them).
 */
public final class ExportedPojo {

	@HostAccess.Export
	public String name = "pojo";

	@HostAccess.Export
	public String hello() {
		return "hello " + this.name;
	}

	@HostAccess.Export
	public ExportedPojo self() {
		return this;
	}

}
