package dev.parley.app.fx;

import dev.parley.app.notify.SystemNotifier;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.Settings;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clicking a desktop notification brings back the window it is about. */
@ExtendWith(ApplicationExtension.class)
@Timeout(30)
class DesktopNotifierTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    /** Records what would go to the system, and the click action it was given. */
    private static final class Recording implements SystemNotifier {
        final List<String> shown = new ArrayList<>();
        Runnable click;

        @Override
        public void show(String title, String text, boolean sound, Runnable clicked) {
            shown.add(title + ": " + text);
            click = clicked;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void clickingTheNotificationRaisesAndRestoresTheWindow() {
        var system = new Recording();
        var notifier = new DesktopNotifier(system, new Settings(new MemoryStore()), Platform::runLater);
        onFx(() -> {
            notifier.forWindow(stage).newMessages("Alice in Team room", "hi");
            stage.setIconified(true);
        });
        waitUntil(stage::isIconified);
        assertEquals(List.of("Alice in Team room: hi"), system.shown);
        // The system calls back on its own thread.
        new Thread(system.click).start();
        waitUntil(() -> !stage.isIconified());
        assertTrue(fx(stage::isShowing));
    }
}
