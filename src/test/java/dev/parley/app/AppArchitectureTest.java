package dev.parley.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The app's layering: view models hold state and logic, views and controllers own the scene graph. */
@Timeout(60)
class AppArchitectureTest {
    private final JavaClasses app = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley.app");

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleName("ChatLog").or().haveSimpleName("People").or().haveSimpleName("UnreadTracker")
                .or().haveSimpleName("RoomColours").or().haveSimpleName("PresenceSummary")
                .or().haveSimpleName("MessageSplitter").or().haveSimpleName("DraftLength")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(app);
    }

    @Test
    void viewModelsDoNotReachForStaticServicesOrSettingsStores() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("PreferencesStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
                .check(app);
    }
}
