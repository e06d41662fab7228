package dev.parley.app.chat;

import dev.parley.app.AppHarness;
import dev.parley.testing.TestTls;
import dev.parley.app.start.ConnectRequest;
import dev.parley.app.start.HostAddress;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.List;

import static dev.parley.app.FxTest.onFx;
import static dev.parley.app.FxTest.waitUntil;

/**
 * Runs {@link RtlScenario} in a JVM of its own, with whatever glass platform it was started with
 * (under Xvfb: {@code -Dglass.platform=gtk}). Prints {@code RTL OK} and exits 0, or prints each
 * problem and exits 1. Started by {@code RealGlassRtlIT}.
 */
public final class RealGlassRtlProbe {
    private RealGlassRtlProbe() {
    }

    public static void main(String[] args) throws Exception {
        AppHarness app = new AppHarness();
        Platform.startup(() -> app.open(new Stage()));
        int status = 1;
        try (var server = new RoomServer(TestTls.secure(ServerConfig.defaults().withPort(0).withRoom("Test room", null))).start()) {
            onFx(() -> app.shell.startViewModel().start(
                    ConnectRequest.join(new HostAddress("127.0.0.1", server.port()), "Bob", null)));
            waitUntil(() -> app.chat() != null && "Test room".equals(app.chat().roomProperty().get()));
            RtlScenario scenario = new RtlScenario(app);
            scenario.watchFxThread();
            scenario.run(server.port());
            List<String> problems = scenario.problems();
            problems.forEach(p -> System.out.println("PROBLEM " + p));
            if (problems.isEmpty()) {
                System.out.println("RTL OK on glass platform " + System.getProperty("glass.platform"));
                status = 0;
            }
        } catch (Throwable t) {
            System.out.println("PROBLEM the scenario stopped: " + t);
            t.printStackTrace(System.out);
        } finally {
            onFx(app::close);
            Platform.exit();
        }
        System.exit(status);
    }
}
