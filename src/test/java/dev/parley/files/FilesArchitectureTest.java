package dev.parley.files;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Files is core: no JavaFX (a headless host stores files and makes previews), and it knows neither
 * the server nor the client nor the window, which all call it, so each can be wired to it without
 * the others.
 */
@Timeout(60)
class FilesArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.parley");
    }

    @AfterAll
    static void restoreArchUnitDefaults() {
        ArchConfiguration.get().reset();
    }

    @Test
    void filesNeverDependsOnJavaFx() {
        noClasses().that().resideInAPackage("dev.parley.files..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the host stores files and makes previews without a display")
                .check(production);
    }

    @Test
    void filesKnowsNeitherServerNorClientNorWindow() {
        noClasses().that().resideInAPackage("dev.parley.files..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.client..",
                        "dev.parley.app..")
                .because("the server, the client and the window call files, never the other way round")
                .check(production);
    }
}
