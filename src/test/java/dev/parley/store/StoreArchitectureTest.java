package dev.parley.store;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The store is core: a headless host uses it without a display, and the server plugs it in behind
 * its room-log seam, so it must not know the server, the client or the window.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreArchitectureTest {
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
    void theStoreNeverDependsOnJavaFxTheServerTheClientOrTheApp() {
        noClasses().that().resideInAPackage("dev.parley.store..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.parley.server..",
                        "dev.parley.client..", "dev.parley.app..")
                .because("the store is core, and the server reaches it through its room-log seam")
                .check(production);
    }
}
