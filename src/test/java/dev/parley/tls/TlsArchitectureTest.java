package dev.parley.tls;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The TLS package is core: no JavaFX, no app, and both the server and the client may use it. */
@Timeout(60)
class TlsArchitectureTest {
    private static final JavaClasses TLS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.parley.tls");

    @Test
    void tlsNeverTouchesJavaFxOrTheApp() {
        noClasses().that().resideInAPackage("dev.parley.tls..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.parley.app..")
                .because("the headless host and the client library use it without a display")
                .check(TLS);
    }

    @Test
    void tlsDependsOnNeitherServerNorClient() {
        noClasses().that().resideInAPackage("dev.parley.tls..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.client..")
                .because("both ends depend on it, so it can depend on neither")
                .check(TLS);
    }
}
