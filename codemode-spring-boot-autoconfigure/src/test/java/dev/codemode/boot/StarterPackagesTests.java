package dev.codemode.boot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The starter's runtime classes ({@code dev.codemode.boot}) stand apart from the
 * auto-configurations that create them ({@code dev.codemode.autoconfigure}), as Spring
 * Boot separates {@code org.springframework.boot.jdbc} from its {@code autoconfigure}
 * package.
 */
class StarterPackagesTests {

	private static final JavaClasses STARTER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.codemode.boot", "dev.codemode.autoconfigure");

	@Test
	void runtimeClassesDoNotDependOnTheAutoConfigurations() {
		noClasses().that()
			.resideInAPackage("dev.codemode.boot..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.codemode.autoconfigure..")
			.check(STARTER);
	}

	@Test
	void autoConfigurationsLiveInTheAutoConfigurePackages() {
		classes().that()
			.areAnnotatedWith(org.springframework.boot.autoconfigure.AutoConfiguration.class)
			.should()
			.resideInAPackage("dev.codemode.autoconfigure..")
			.check(STARTER);
	}

}
