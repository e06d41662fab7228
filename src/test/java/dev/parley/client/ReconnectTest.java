package dev.parley.client;

import dev.parley.protocol.Frame;
import dev.parley.server.RoomServer;
import dev.parley.testing.LoopbackProxy;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lost connections: the client comes back, resumes, and neither loses nor doubles a message. */
@Timeout(60)
class ReconnectTest {
    private RoomServer server;
    private LoopbackProxy proxy;
    private Participant alice;
    private Participant bob;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start();
        proxy = new LoopbackProxy(server.port());
        alice = Participant.join(proxy.port(), "alice");
        bob = Participant.join(server.port(), "bob");
        alice.awaitEvent(ChatEvent.Joined.class);
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        proxy.close();
        server.close();
    }

    @Test
    void resumeWithSinceLosesNothingSentWhileAway() throws Exception {
        bob.client().send("one");
        alice.awaitText("one");
        proxy.cutAll();
        alice.awaitEvent(ChatEvent.Disconnected.class);
        for (int i = 2; i <= 5; i++) {
            bob.client().send("while away " + i);
        }
        bob.awaitText("while away 5");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alice.events(ChatEvent.Connected.class).size() == 2);
        alice.awaitText("while away 5");
        assertEquals(bob.texts(), alice.texts());
        List<Long> seqs = alice.messages().stream().map(Frame.Msg::seq).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        var reconnected = alice.events(ChatEvent.Connected.class).getLast();
        assertTrue(reconnected.resumed());
        assertFalse(reconnected.gap());
        assertFalse(reconnected.restarted());
    }

    @Test
    void messageWhoseEchoWasLostIsNotDoubledAfterReconnect() throws Exception {
        proxy.dropFromServer(true);
        String id = alice.client().send("did this arrive?");
        bob.awaitText("did this arrive?");
        assertTrue(alice.client().isPending(id), "no echo reached alice, so it is still pending");
        proxy.dropFromServer(false);
        proxy.cutAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> !alice.client().isPending(id));
        alice.client().send("after");
        bob.awaitText("after");
        alice.awaitText("after");
        assertEquals(List.of("did this arrive?", "after"), bob.texts());
        assertEquals(List.of("did this arrive?", "after"), alice.texts());
        assertTrue(alice.events(ChatEvent.Message.class).getFirst().own());
    }

    @Test
    void messageTypedWhileDisconnectedIsDeliveredOnceAfterReconnect() throws Exception {
        proxy.cutAll();
        alice.awaitEvent(ChatEvent.Disconnected.class);
        String id = alice.client().send("typed offline");
        assertTrue(alice.client().isPending(id));
        bob.awaitText("typed offline");
        alice.awaitText("typed offline");
        assertEquals(List.of("typed offline"), bob.texts());
        assertEquals(List.of("typed offline"), alice.texts());
    }

    @Test
    void reconnectWithSessionTakesOverHalfOpenConnectionSilently() throws Exception {
        int eventsBefore = bob.events().size();
        proxy.cutClientSides();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alice.events(ChatEvent.Connected.class).size() == 2);
        alice.client().send("still me");
        bob.awaitText("still me");
        List<ChatEvent> sinceCut = bob.events().subList(eventsBefore, bob.events().size());
        assertThat(sinceCut).noneMatch(e -> e instanceof ChatEvent.Left || e instanceof ChatEvent.Joined);
        assertThat(server.users()).extracting(Frame.User::nick).containsExactly("alice", "bob");
    }

    @Test
    void reconnectNowSkipsTheBackoff() throws Exception {
        var slow = Participant.join(Participant.FAST.apply(
                ClientConfig.of("127.0.0.1", proxy.port(), "carol"))
                .withTimings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofMinutes(5)));
        try {
            proxy.cutAll();
            var lost = slow.awaitEvent(ChatEvent.Disconnected.class);
            assertThat(lost.retryAt()).isAfter(java.time.Instant.now().plusSeconds(60));
            slow.client().reconnectNow();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> slow.events(ChatEvent.Connected.class).size() == 2);
        } finally {
            slow.close();
        }
    }
}
