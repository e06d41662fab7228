package dev.parley.client;

import dev.parley.server.RoomServer;
import dev.parley.testing.Participant;
import dev.parley.testing.ServeProcess;
import dev.parley.testing.TestServers;
import dev.parley.testing.TestTls;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client does when the host goes away: killed, shut down, or silent. */
@Timeout(60)
class HostLifecycleTest {

    @Test
    void killedHostIsRejoinedWhenRestartedAndUnsentMessagesGoOutOnce() throws Exception {
        int port;
        Participant alice;
        Participant bob;
        // The restarted host keeps its data folder, so it proves the same key and the guests go on; its
        // history is in memory only, so it is a new room (ServeRestartTest has the one that goes on).
        String data = TestTls.emptyFolder().toString();
        try (var first = ServeProcess.onClassPath("--port", "0", "--bind", "127.0.0.1", "--data", data,
                "--in-memory")) {
            port = first.port();
            alice = Participant.join(port, "alice", first.hostKey());
            bob = Participant.join(port, "bob", first.hostKey());
            alice.client().send("before the crash");
            bob.awaitText("before the crash");
            first.kill();
        }
        try (alice; bob) {
            alice.awaitEvent(ChatEvent.Disconnected.class);
            bob.awaitEvent(ChatEvent.Disconnected.class);
            alice.client().send("written while the host was down");
            try (var second = ServeProcess.onClassPath("--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--data", data, "--in-memory")) {
                bob.awaitText("written while the host was down");
                alice.awaitText("written while the host was down");
                assertEquals(List.of("before the crash", "written while the host was down"), bob.texts());
                assertEquals(List.of("before the crash", "written while the host was down"), alice.texts());
                var back = alice.events(ChatEvent.Connected.class).getLast();
                assertTrue(back.restarted(), "the new host did not know alice's session");
                assertFalse(back.gap(), "nothing the new room had is missing");
                second.terminate();
            }
        }
    }

    @Test
    void hostShutdownEndsTheChatAndStopsReconnecting() throws Exception {
        RoomServer server = TestServers.start();
        int port = server.port();
        try (var bob = Participant.join(port, "bob")) {
            server.close();
            var ended = bob.awaitEvent(ChatEvent.Ended.class);
            assertEquals(ChatEvent.EndReason.HOST_ENDED, ended.reason());
            assertEquals(null, ended.refusal(), "a host that ends the chat refused nobody");

            RoomServer again = TestServers.start(TestServers.config().withPort(port));
            try {
                // Reconnects come every 100–400 ms with Participant.FAST; none may come at all.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                        .until(() -> again.connectionCount() == 0);
                assertThat(bob.events(ChatEvent.Reconnecting.class)).isEmpty();
            } finally {
                again.close();
            }
        }
    }

    @Test
    void idleClientStaysConnectedBecauseItAnswersPings() throws Exception {
        RoomServer server = TestServers.start(TestServers.config().withTimeouts(Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofMillis(20)));
        try (var quiet = Participant.join(ClientConfig.of("127.0.0.1", server.port(), "quiet")
                .withTimings(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMillis(100), Duration.ofMillis(400)))) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> server.users().size() == 1);
            assertThat(quiet.events(ChatEvent.Disconnected.class)).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void silentHostIsPingedThenTreatedAsLost() throws Exception {
        try (var fake = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var heard = new java.util.concurrent.CopyOnWriteArrayList<String>();
            Thread.ofVirtual().start(() -> {
                try (var s = fake.accept()) {
                    var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    heard.add(in.readLine());
                    OutputStream out = s.getOutputStream();
                    out.write(("{\"type\":\"welcome\",\"v\":1,\"room\":\"r\",\"you\":\"bob\",\"users\":[],"
                            + "\"history\":0,\"gap\":false,\"session\":\"s\",\"limits\":{\"maxText\":4000,"
                            + "\"maxFrame\":65536}}\n").getBytes(StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        heard.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // The client hanging up ends the fake host.
                }
            });
            var config = ClientConfig.of("127.0.0.1", fake.getLocalPort(), "bob")
                    .withTimings(Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofMinutes(1), Duration.ofMinutes(1));
            try (var bob = Participant.join(config)) {
                var lost = bob.awaitEvent(ChatEvent.Disconnected.class);
                assertEquals(new dev.parley.client.Problem.HostSilent(), lost.reason());
                // Its own heartbeat (from 1), not the ping that confirms the welcome at once (n 0).
                assertThat(heard).anyMatch(line -> line.startsWith("{\"type\":\"ping\",\"n\":1"));
            }
        }
    }
}
