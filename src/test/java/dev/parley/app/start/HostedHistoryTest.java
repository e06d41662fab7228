package dev.parley.app.start;

import dev.parley.app.AppHarness;
import dev.parley.app.Connectors;
import dev.parley.app.HostedRooms;
import dev.parley.app.ScriptedConnectors;
import dev.parley.server.LogUnavailableException;
import dev.parley.tls.DataFolder;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static dev.parley.app.FxTest.fx;
import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop host's history: a room whose history another Parley on this computer already uses
 * is refused with a sentence on the start screen, and hosting keeps the room's history in the data
 * folder, so hosting it again continues it.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class HostedHistoryTest {
    @TempDir
    static Path data;

    private final AppHarness app = new AppHarness();
    private final ScriptedConnectors connectors = new ScriptedConnectors();

    @Start
    void start(Stage stage) {
        app.settings.name("Carol");
        app.connectors = connectors;
        app.open(stage);
    }

    @AfterEach
    void tearDown() {
        onFx(app::close);
    }

    private String failure(FxRobot robot) {
        return fx(() -> robot.lookup("#failureLabel").queryAs(Label.class).getText());
    }

    @Test
    void aRoomWhoseHistoryIsInUseIsRefusedWithASentence(FxRobot robot) {
        connectors.failHost = new LogUnavailableException("Another Parley is already using the history of room "
                + "carol-s-room in /somewhere. Close it first, or give this one its own data folder.", true, null);
        robot.clickOn("#startButton");
        waitUntil(() -> !failure(robot).isEmpty());
        assertThat(failure(robot)).isEqualTo(java.util.ResourceBundle.getBundle("dev.parley.app.messages",
                java.util.Locale.ENGLISH).getString("start.error.historyInUse"));
    }

    @Test
    void hostingKeepsTheRoomsHistoryInTheDataFolder() throws Exception {
        var real = Connectors.network(new HostedRooms(hook -> { }), new dev.parley.app.TlsState(new DataFolder(data)));
        var server = real.host(dev.parley.server.ServerConfig.defaults().withBind("127.0.0.1").withPort(0)
                .withRoom("Carol's room", null));
        try {
            assertThat(server.historyFile()).isEqualTo(data.resolve("history").resolve("carol-s-room.db"));
            // A second host of the same room on the same folder: refused, with the reason kept.
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> real.host(dev.parley.server.ServerConfig
                    .defaults().withBind("127.0.0.1").withPort(0).withRoom("Carol's room", null))))
                    .isInstanceOfSatisfying(LogUnavailableException.class, e -> assertThat(e.inUse()).isTrue());
        } finally {
            server.close();
        }
    }
}
