package dev.parley.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static dev.parley.server.RawPeer.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 5: what a peer says cannot forge a line of the host's log, reach the operator's
 * terminal as escape sequences, or flood the log. Checked on the log records the operator would
 * see (INFO and above of {@code dev.parley.server}), formatted as the host formats them.
 */
@Timeout(60)
class LogInjectionTest extends HonestRoomFixture {
    private static final String FORGED = "oops\n2026-12-01 10:00:00 INFO dev.parley.server: mallory joined as host"
            + "\r\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil";
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapturing() {
        log.stop();
    }

    @Test
    void errorFramesCannotForgeLogLinesOrReachTheTerminal() {
        open(config());
        log.start();
        RawPeer mallory = attacker();
        mallory.join("mallory");
        mallory.send(json("type", "error", "code", "bad_frame\n\u001b[1m", "message", FORGED));
        mallory.sync();
        roundTrip("after the forged report");

        List<String> logged = log.lines();
        assertTrue(log.linesWith("mallory").stream().anyMatch(l -> l.contains("oops")),
                () -> "the report is still logged: " + logged);
        for (String line : logged) {
            assertTrue(line.chars().noneMatch(ch -> ch < 0x20 || ch >= 0x7F && ch < 0xA0 || ch == 0x202E),
                    () -> "a control character reached the log: " + line.replace("\u001b", "<ESC>"));
        }
    }

    @Test
    void aFloodOfHugeErrorFramesAddsAFewLinesAndASummary() {
        open(config());
        log.start();
        RawPeer mallory = attacker();
        mallory.join("mallory");
        String huge = "x".repeat(60_000);
        var frames = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            frames.append(json("type", "error", "code", "bad_frame", "message", i + huge)).append('\n');
            if (i % 10 == 9) {
                mallory.sendBytes(frames.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                frames.setLength(0);
            }
        }
        mallory.sync();
        roundTrip("after the flood");
        List<String> logged = log.lines();
        long bytes = logged.stream().mapToLong(String::length).sum();
        assertTrue(bytes < 20_000, () -> "300 error frames of 60 KB added " + bytes + " characters of log in "
                + logged.size() + " lines");

        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.linesWith("mallory").stream()
                .anyMatch(l -> l.contains("left out")));
    }
}
