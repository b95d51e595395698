package dev.codemode;

import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's packages depend downwards only: what parses programs and writes types knows
 * nothing of who runs them, and the executor's SPI knows nothing of GraalJS or of the
 * Spring AI callback.
 */
class PackageDependenciesTests {

	private static final List<String> PACKAGES = List.of("dev.codemode.annotation..", "dev.codemode.approval..",
			"dev.codemode.discovery..", "dev.codemode.executor..", "dev.codemode.internal..", "dev.codemode.mcp..",
			"dev.codemode.program..", "dev.codemode.tool..", "dev.codemode.typescript..");

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.codemode");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.codemode.(*)..").should().beFreeOfCycles().check(CORE);
	}

	@Test
	void programsAreParsedWithoutKnowingWhoRunsThem() {
		dependsOnlyOn("dev.codemode.program..", "dev.codemode.internal..");
	}

	@Test
	void typesAreWrittenWithoutKnowingWhoCallsTheTools() {
		dependsOnlyOn("dev.codemode.typescript..");
	}

	@Test
	void theInternalHelpersDependOnNothingOfTheirs() {
		dependsOnlyOn("dev.codemode.internal..");
	}

	@Test
	void theExecutorSpiKnowsNoImplementation() {
		noClasses().that()
			.resideInAPackage("dev.codemode.executor")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.codemode.executor.graaljs..", "dev.codemode.program..", "dev.codemode.tool..",
					"dev.codemode.mcp..", "org.graalvm..", "org.springframework..")
			.check(CORE);
	}

	@Test
	void theGraalJsExecutorKnowsNothingOfSpringAi() {
		noClasses().that()
			.resideInAPackage("dev.codemode.executor.graaljs..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.codemode.tool..", "dev.codemode.mcp..", "org.springframework.ai..")
			.check(CORE);
	}

	@Test
	void theWorkerProcessKnowsNothingOfSpringAi() {
		noClasses().that()
			.resideInAPackage("dev.codemode.executor.process..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.codemode.tool..", "dev.codemode.mcp..", "org.springframework..")
			.check(CORE);
	}

	private static void dependsOnlyOn(String own, String... allowed) {
		String[] others = PACKAGES.stream()
			.filter((name) -> !name.equals(own) && !Arrays.asList(allowed).contains(name))
			.toArray(String[]::new);
		noClasses().that().resideInAPackage(own).should().dependOnClassesThat().resideInAnyPackage(others).check(CORE);
	}

}
