package dev.parley.app.fx;

import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Locale;
import java.util.ResourceBundle;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's dialogs look like the app, in both themes, and answer the keyboard. */
@ExtendWith(ApplicationExtension.class)
@Timeout(30)
class FxDialogsTest {
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    private final Settings settings = new Settings(new MemoryStore());
    private Stage stage;
    private ThemeService theme;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        settings.theme(Settings.ThemeChoice.LIGHT);
        theme = new ThemeService(settings);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        theme.attach(stage.getScene());
        stage.show();
    }

    private static boolean dark(Alert alert) {
        return alert.getDialogPane().getScene().getRoot().getPseudoClassStates().toString().contains("dark");
    }

    @Test
    void endTheChatIsStyledWithTheAppsSheetAnIkonliIconAndFollowsTheTheme() {
        var dialogs = new FxDialogs(bundle, theme);
        Alert alert = fx(() -> dialogs.confirmEndAlert(stage, 2));
        fx(() -> {
            assertTrue(alert.getDialogPane().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("parley.css")),
                    "the app's stylesheet is on the dialog");
            assertTrue(alert.getDialogPane().getStyleClass().contains("parley-dialog"));
            assertInstanceOf(FontIcon.class, alert.getGraphic(), "an Ikonli icon, not the stock glossy one");
            assertEquals("End the chat for 2 people?", alert.getHeaderText());
            var end = alert.getDialogPane().getButtonTypes().stream()
                    .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow();
            assertTrue(alert.getDialogPane().lookupButton(end).getStyleClass().contains("danger"));
            assertFalse(dark(alert));
            return null;
        });
        onFx(() -> theme.choiceProperty().set(Settings.ThemeChoice.DARK));
        assertTrue(fx(() -> dark(alert)), "switching to dark restyles an open dialog");
        Alert about = fx(() -> dialogs.aboutAlert(stage));
        assertTrue(fx(() -> dark(about)), "a dialog made in dark mode is dark");
    }

    @Test
    void escAnswersKeepChatting(FxRobot robot) {
        var dialogs = new FxDialogs(bundle, theme);
        Alert alert = fx(() -> dialogs.confirmEndAlert(stage, 1));
        onFx(alert::show);
        waitUntil(alert::isShowing);
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> !alert.isShowing());
        ButtonType answer = fx(alert::getResult);
        assertEquals(ButtonBar.ButtonData.CANCEL_CLOSE, answer.getButtonData(), "Esc keeps the chat going");
    }
}
