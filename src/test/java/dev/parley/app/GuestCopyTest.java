package dev.parley.app;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.server.RoomServer;
import dev.parley.store.GuestHistory;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import dev.parley.tls.DataFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a guest's app keeps of a room: joining again shows what it had seen, resumes with
 * {@code since} from there (nothing replayed twice), and forgets the old room once the address
 * hosts another one.
 */
@Timeout(60)
class GuestCopyTest {
    @TempDir
    Path data;

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private GuestCopy copy;

    @AfterEach
    void close() {
        if (copy != null) {
            copy.close();
        }
        background.shutdownNow();
    }

    private GuestHistory recall(String address) throws Exception {
        return copy.recall(address).get(10, TimeUnit.SECONDS);
    }

    @Test
    void joiningAgainShowsWhatWasSeenAndResumesAfterIt() throws Exception {
        copy = GuestCopy.in(new DataFolder(data), background);
        RoomServer server = TestServers.start();
        String address = "127.0.0.1:" + server.port();
        try (var alice = Participant.join(server.port(), "alice")) {
            try (var dave = Participant.join(server.port(), "dave")) {
                alice.client().send("one");
                alice.client().send("two");
                dave.awaitText("two");
                copy.recorder(address).accept(List.copyOf(dave.events()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> recall(address).lastSeq() > 0);
            alice.client().send("three, while dave was away");
            alice.awaitText("three, while dave was away");

            GuestHistory kept = recall(address);
            assertThat(copy.frames(kept)).filteredOn(Frame.Msg.class::isInstance)
                    .extracting(e -> ((Frame.Msg) e).text()).containsExactly("one", "two");
            assertThat(kept.roomId()).isEqualTo(server.roomId());
            assertThat(kept.roomName()).isEqualTo(server.config().roomName());

            var client = new dev.parley.client.ChatClient(Participant.FAST.apply(
                    dev.parley.client.ClientConfig.of("127.0.0.1", server.port(), "dave")));
            client.resumeFrom(kept.roomId(), kept.lastSeq());
            client.connect();
            try {
                List<ChatEvent> events = new ArrayList<>();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    client.drainEvents(events, 100);
                    return events.stream().anyMatch(e -> e instanceof ChatEvent.Message m
                            && m.msg().text().startsWith("three"));
                });
                var connected = (ChatEvent.Connected) events.getFirst();
                assertThat(connected.restarted()).isFalse();
                assertThat(events).filteredOn(ChatEvent.Message.class::isInstance)
                        .extracting(e -> ((ChatEvent.Message) e).msg().text())
                        .as("only what came after the copy").containsExactly("three, while dave was away");
            } finally {
                client.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void anotherRoomAtTheSameAddressReplacesWhatWasKept() throws Exception {
        copy = GuestCopy.in(new DataFolder(data), background);
        RoomServer first = TestServers.start();
        int port = first.port();
        String address = "127.0.0.1:" + port;
        try (var dave = Participant.join(port, "dave")) {
            dave.client().send("in the first room");
            dave.awaitText("in the first room");
            copy.recorder(address).accept(List.copyOf(dave.events()));
        } finally {
            first.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> recall(address).lastSeq() > 0);
        GuestHistory kept = recall(address);

        RoomServer second = TestServers.start(TestServers.config().withPort(port));
        try {
            var client = new dev.parley.client.ChatClient(Participant.FAST.apply(
                    dev.parley.client.ClientConfig.of("127.0.0.1", port, "dave")));
            client.resumeFrom(kept.roomId(), kept.lastSeq());
            client.connect();
            client.send("in the second room");
            List<ChatEvent> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                client.drainEvents(events, 100);
                return events.stream().anyMatch(e -> e instanceof ChatEvent.Message m && m.own());
            });
            assertThat(((ChatEvent.Connected) events.getFirst()).restarted()).as("another room by its id").isTrue();
            copy.recorder(address).accept(events);
            client.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.roomId().equals(recall(address).roomId()));
            assertThat(copy.frames(recall(address))).filteredOn(Frame.Msg.class::isInstance)
                    .extracting(e -> ((Frame.Msg) e).text()).containsExactly("in the second room");
        } finally {
            second.close();
        }
    }
}
