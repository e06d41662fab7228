package dev.parley.app.start;

import dev.parley.app.AppHarness;
import dev.parley.app.ScriptedConnectors;
import dev.parley.app.settings.MemoryStore;
import dev.parley.app.settings.SnapshotStore;
import dev.parley.client.Problem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two Parley windows on one account, each its own app instance over the one preferences store:
 * what one saves does not change the other's form while it runs; the next start reads it.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class TwoInstancesTest {
    private final MemoryStore account = new MemoryStore();
    private AppHarness ann;
    private AppHarness bob;
    private AppHarness third;

    @Start
    void start(Stage stage) {
        account.put("name", "Bob");
        ann = harness();
        bob = harness();
        ann.open(stage);
        var second = new Stage();
        bob.open(second);
        second.setX(stage.getX() + stage.getWidth() + 40);
    }

    private AppHarness harness() {
        var h = new AppHarness(new SnapshotStore(account));
        var connectors = new ScriptedConnectors();
        connectors.refuseJoin = new Problem.NobodyHosting("127.0.0.1:7770");
        h.connectors = connectors;
        return h;
    }

    @AfterEach
    void tearDown() {
        onFx(() -> {
            ann.close();
            bob.close();
            if (third != null) {
                third.close();
            }
        });
    }

    private static String nameIn(AppHarness h) {
        return fx(() -> ((TextField) h.shell.stage().getScene().lookup("#hostNameField")).getText());
    }

    @Test
    void whatOneWindowSavesDoesNotChangeTheOthersForm() {
        // Two windows on one screen: the robot's clicks would land on whichever is on top, so this
        // test works the controls of Ann's window directly.
        onFx(() -> {
            var scene = ann.shell.stage().getScene();
            ((TextField) scene.lookup("#hostNameField")).setText("Ann");
            ((javafx.scene.control.ToggleButton) scene.lookup("#joinCard")).fire();
            ((javafx.scene.control.ComboBox<?>) scene.lookup("#addressField")).getEditor().setText("127.0.0.1:7770");
            ((javafx.scene.control.Button) scene.lookup("#startButton")).fire();
        });
        waitUntil(() -> "Ann".equals(account.get("name", null)));

        assertEquals("Bob", nameIn(bob), "the other window keeps the name it started with");
        onFx(() -> {
            var scene = bob.shell.stage().getScene();
            ((javafx.scene.control.ToggleButton) scene.lookup("#joinCard")).fire();
            ((javafx.scene.control.ComboBox<?>) scene.lookup("#addressField")).getEditor().setText("127.0.0.1:7771");
            ((javafx.scene.control.Button) scene.lookup("#startButton")).fire();
        });
        waitUntil(() -> ((ScriptedConnectors) bob.connectors).joined.size() == 1);
        assertEquals("Ann", account.get("name", null), "joining with the name it started with overwrites nothing");
        onFx(() -> {
            third = harness();
            third.open(new Stage());
        });
        assertEquals("Ann", nameIn(third), "a window started now reads what was saved last");
    }
}
