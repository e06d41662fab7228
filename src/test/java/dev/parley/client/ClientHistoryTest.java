package dev.parley.client;

import dev.parley.protocol.Frame;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's side of the room id, token rotation and the history and search extensions, against
 * the real host in memory and on disk.
 */
@Timeout(60)
class ClientHistoryTest {
    @TempDir
    Path data;

    private ServerConfig onDisk(int port) {
        var c = TestServers.config().withPort(port).withLimits(1_000, 0, 1, 1_000, 4 * 1024 * 1024);
        return c.withLog(c.log().inFolder(data));
    }

    @Test
    void aHostRestartedOnItsHistoryIsTheSameRoomSoNothingIsShownAsRestarted() throws Exception {
        RoomServer first = TestServers.start(onDisk(0));
        int port = first.port();
        try (var alice = Participant.join(port, "alice")) {
            alice.client().send("before");
            alice.awaitText("before");
            String roomId = alice.awaitEvent(dev.parley.client.ChatEvent.Connected.class).roomId();
            first.closeForRestart();
            alice.awaitEvent(ChatEvent.Disconnected.class);
            RoomServer second = TestServers.start(onDisk(port));
            try {
                alice.client().send("after");
                alice.awaitText("after");
                var back = alice.events(ChatEvent.Connected.class).getLast();
                assertThat(back.roomId()).isEqualTo(roomId);
                assertThat(back.restarted()).isFalse();
                assertThat(back.resumed()).isTrue();
                assertThat(alice.texts()).containsExactly("before", "after");
                assertThat(alice.events(ChatEvent.Disconnected.class).getFirst().reason())
                        .isEqualTo(new Problem.HostRestarting());
            } finally {
                second.close();
            }
        }
    }

    @Test
    void historyAndSearchAnswerThroughTheClient() throws Exception {
        RoomServer server = TestServers.start(onDisk(0));
        try (var alice = Participant.join(server.port(), "alice")) {
            for (int i = 0; i < 150; i++) {
                alice.client().send(i == 7 ? "the otter is back" : "message " + i);
            }
            alice.awaitText("message 149");
            assertThat(alice.client().granted("history")).isTrue();
            long last = alice.messages().getLast().seq();
            Frame.Page page = alice.client().history(last + 1, null, null, 100).get(10, TimeUnit.SECONDS);
            assertThat(page.events()).hasSize(100);
            assertThat(page.moreBefore()).isTrue();
            assertThat(page.events().getLast().seq()).isEqualTo(last);

            Frame.Found found = alice.client().search("otter", null, 10).get(10, TimeUnit.SECONDS);
            assertThat(found.hits()).singleElement().satisfies(hit -> {
                assertThat(((Frame.Msg) hit.event()).text()).isEqualTo("the otter is back");
                assertThat(hit.match()).containsExactly(new Frame.Range(4, 9));
            });
            Frame.Page around = alice.client().history(null, null, found.hits().getFirst().event().seq(), 11)
                    .get(10, TimeUnit.SECONDS);
            assertThat(around.events()).extracting(Frame.RoomEvent::seq).contains(found.hits().getFirst().event().seq());
        } finally {
            server.close();
        }
    }

    @Test
    void aVersionOneHostIsNeverSentARequestAndTheClientSaysItIsUnavailable() throws Exception {
        try (var fake = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            var heard = new java.util.concurrent.CopyOnWriteArrayList<String>();
            Thread.ofVirtual().start(() -> {
                try (var s = fake.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    heard.add(in.readLine());
                    s.getOutputStream().write(("{\"type\":\"welcome\",\"v\":1,\"room\":\"r\",\"you\":\"bob\","
                            + "\"users\":[],\"history\":0,\"gap\":false,\"session\":\"s\"}\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        heard.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // The client hanging up ends the fake host.
                }
            });
            try (var bob = Participant.join(fake.getLocalPort(), "bob")) {
                var connected = bob.awaitEvent(ChatEvent.Connected.class);
                assertThat(connected.roomId()).isNull();
                assertThat(connected.ext()).isEmpty();
                assertThatThrownBy(() -> bob.client().history(5L, null, null, 10).get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(RequestFailed.class);
                bob.client().send("sentinel");
                org.awaitility.Awaitility.await().until(() -> heard.stream().anyMatch(l -> l.contains("sentinel")));
                assertThat(heard.getFirst()).contains("\"ext\":{");
                assertThat(heard).noneMatch(l -> l.contains("\"type\":\"history\""));
            }
        }
    }

    @Test
    void aRestartedMemoryHostIsANewRoomByItsId() throws Exception {
        RoomServer first = TestServers.start();
        int port = first.port();
        try (var alice = Participant.join(port, "alice")) {
            alice.client().send("hello");
            alice.awaitText("hello");
            first.close();
            alice.awaitEvent(ChatEvent.Ended.class);
        }
        RoomServer second = TestServers.start(TestServers.config().withPort(port));
        try (var bob = Participant.join(port, "bob")) {
            assertThat(bob.awaitEvent(ChatEvent.Connected.class).roomId()).isNotEqualTo(first.roomId());
        } finally {
            second.close();
        }
        assertThat(List.of(first.roomId(), second.roomId())).doesNotHaveDuplicates();
    }
}
