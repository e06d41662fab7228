package dev.parley.app.chat;

import dev.parley.app.AppHarness;
import dev.parley.testing.TestTls;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Long right-to-left and mixed text in the real chat window (cells and composer) at 640 to 1920 px,
 * on the headless platform. The same scenario runs under Xvfb with the real glass in {@code RealGlassRtlIT}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RightToLeftTextTest {
    private final AppHarness app = new AppHarness();
    private RoomServer server;

    @Start
    void start(Stage stage) {
        app.open(stage);
    }

    @AfterEach
    void tearDown() {
        onFx(app::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void longRightToLeftAndMixedTextRendersInEveryRowAndTheComposerAtEveryWidth() throws Exception {
        server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom("Test room", null))).start();
        onFx(() -> app.shell.startViewModel().start(
                ConnectRequest.join(new HostAddress("127.0.0.1", server.port()), "Bob", null)));
        waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));

        RtlScenario scenario = new RtlScenario(app);
        scenario.watchFxThread();
        scenario.run(server.port());

        assertEquals(List.of(), scenario.problems());
    }

    @Test
    void aLateJoinerGetsTheSameTextFromTheHistoryWithoutFreezing() throws Exception {
        server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom("Test room", null))).start();
        try (var alice = RtlScenario.sendAll(server.port())) {
            RtlScenario scenario = new RtlScenario(app);
            scenario.watchFxThread();
            onFx(() -> app.shell.startViewModel().start(
                    ConnectRequest.join(new HostAddress("127.0.0.1", server.port()), "Bob", null)));
            scenario.checkReplay();

            assertEquals(List.of(), scenario.problems());
        }
    }
}
