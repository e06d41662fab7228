package dev.parley;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The core ({@code protocol}, {@code server}, {@code client}) is a plain Java library: it never
 * reaches for JavaFX or the desktop app, so a headless host and other front ends can use it, and
 * the protocol is shared by both ends without knowing either.
 */
@Timeout(60)
class ArchitectureTest {
    private static final String[] CORE = {"dev.parley.protocol..", "dev.parley.server..", "dev.parley.client..",
            "dev.parley.discovery.."};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // Rules look at package names only; resolving JavaFX and Jackson classes themselves costs seconds.
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

    private static ArchRule noJavaFxIn(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the core must run without a display and without JavaFX on the module path");
    }

    @Test
    void coreNeverDependsOnJavaFx() {
        noJavaFxIn(CORE).check(production);
    }

    @Test
    void coreNeverDependsOnTheDesktopApp() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.app..")
                .because("the app is built on the client library, never the other way round")
                .check(production);
    }

    @Test
    void protocolDependsOnNeitherServerNorClient() {
        noClasses().that().resideInAPackage("dev.parley.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.client..")
                .because("both ends share the protocol, which knows neither")
                .check(production);
    }

    @Test
    void serverAndClientDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.parley.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.client..")
                .because("a headless host carries no client, and the client talks to any host over the wire")
                .check(production);
        noClasses().that().resideInAPackage("dev.parley.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..")
                .because("the client knows the host only through the protocol")
                .check(production);
    }

    @Test
    void coreHasNoDependencyOnTheRootPackage() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAPackage("dev.parley")
                .because("the root package holds the command line, which uses the core: the other way is a cycle")
                .check(production);
    }

    @Test
    void javaFxRuleCatchesAPackageThatUsesJavaFx() {
        assertThrows(AssertionError.class, () -> noJavaFxIn("dev.parley.app..").check(production),
                "the rule would not notice JavaFX in the core");
    }
}
