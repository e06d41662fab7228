package dev.parley;

import dev.parley.client.ChatEvent;
import dev.parley.testing.Participant;
import dev.parley.testing.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desktop app from the packaged module path, started as the README says (on the headless glass
 * platform, so no display is needed): its console stays quiet, and SIGTERM (what Ctrl+C amounts to)
 * ends the hosted chat for its guests and exits 0.
 */
@Timeout(120)
class DesktopLaunchIT {

    @Test
    void theAppStartsWithoutConsoleWarningsAndACtrlCEndsTheChatCleanly() throws Exception {
        Path modules = Path.of(System.getProperty("parley.modules", "target/modules"));
        assertTrue(Files.isDirectory(modules), "package the project first: " + modules);
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path err = Files.createTempFile("parley-desktop", ".err");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The README's command, plus the headless platform and a settings-free name.
        // A home of its own: settings, and (through XDG_DATA_HOME below) the host key, the hosted room's
        // history and the guest copy in a data folder of the test's own, never the person's.
        Path home = Files.createTempDirectory("parley-desktop-home");
        var builder = new ProcessBuilder(List.of(javaBin, "--enable-native-access=javafx.graphics,org.xerial.sqlitejdbc",
                "-Duser.home=" + home, "-Dglass.platform=Headless", "-Dprism.order=sw", "-p", modules.toString(),
                "-m", "dev.parley/dev.parley.Parley", "host", "--name", "Carol", "--port", String.valueOf(port)))
                .redirectErrorStream(false).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // Its host key comes from a data folder of the test's own, never the person's.
        builder.environment().put("XDG_DATA_HOME", TestTls.xdgDataHome().toString());
        Process app = builder.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> Files.readString(err, StandardCharsets.UTF_8).contains("listening on"));
            try (var alice = Participant.join(port, "alice", TestTls.key())) {
                alice.awaitEvent(ChatEvent.Connected.class);
                app.destroy();
                assertTrue(app.waitFor(20, TimeUnit.SECONDS), "the app stopped on SIGTERM");
                assertEquals(0, app.exitValue(), "a stop asked for from the terminal is a clean stop");
                assertEquals(ChatEvent.EndReason.HOST_ENDED, alice.awaitEvent(ChatEvent.Ended.class).reason(),
                        "the guest heard that the host ended the chat");
            }
        } finally {
            app.destroyForcibly();
        }
        String console = Files.readString(err, StandardCharsets.UTF_8);
        assertFalse(console.contains("restricted method"), "no native-access warnings:\n" + console);
        assertFalse(console.contains("SLF4J"), "no SLF4J set-up warnings:\n" + console);
        assertFalse(console.contains("Exception"), "no stack traces:\n" + console);
    }

}
