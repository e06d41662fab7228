package dev.parley.server;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Role;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Participants chatting through a real room server over loopback. */
@Timeout(60)
class RoomChatTest {
    private RoomServer server;
    private final List<Participant> participants = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = TestServers.start(TestServers.config().withLimits(100, 0, 40, 1_000, 4 * 1024 * 1024));
    }

    @AfterEach
    void stop() {
        participants.forEach(Participant::close);
        server.close();
    }

    private Participant join(String nick) throws Exception {
        var p = Participant.join(server.port(), nick);
        participants.add(p);
        return p;
    }

    @Test
    void threeParticipantsSeeIdenticalOrderUnderConcurrentSenders() throws Exception {
        var alice = join("alice");
        var bob = join("bob");
        var carol = join("carol");
        int each = 200;
        var start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (Participant p : List.of(alice, bob, carol)) {
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    p.client().send(p.client().config().nick() + " " + i);
                }
            }));
        }
        start.countDown();
        for (Thread t : senders) {
            t.join();
        }
        for (Participant p : List.of(alice, bob, carol)) {
            p.awaitTexts(3 * each);
        }
        List<Long> order = alice.messages().stream().map(Frame.Msg::seq).toList();
        assertThat(order).isSorted().doesNotHaveDuplicates().hasSize(3 * each);
        assertEquals(order, bob.messages().stream().map(Frame.Msg::seq).toList());
        assertEquals(order, carol.messages().stream().map(Frame.Msg::seq).toList());
        assertEquals(alice.texts(), carol.texts());
        // Each sender's own messages arrive in the order it sent them.
        assertEquals(IntStream.range(0, each).mapToObj(i -> "bob " + i).toList(),
                alice.texts().stream().filter(t -> t.startsWith("bob ")).toList());
    }

    @Test
    void ownMessagesAreMarkedOwnAndOthersCarrySenderAndRole() throws Exception {
        var alice = join("alice");
        var bob = join("bob");
        String id = alice.client().send("hello bob");
        bob.awaitText("hello bob");
        alice.awaitText("hello bob");
        var mine = alice.events(ChatEvent.Message.class).getFirst();
        assertTrue(mine.own());
        assertEquals(id, mine.msg().id());
        var theirs = bob.events(ChatEvent.Message.class).getFirst();
        assertEquals("alice", theirs.msg().from());
        assertEquals(Role.GUEST, theirs.msg().role());
        assertThat(theirs.own()).isFalse();
    }

    @Test
    void hostKeyJoinsWithRoleHost() throws Exception {
        var host = Participant.join(Participant.FAST.apply(
                ClientConfig.of("127.0.0.1", server.port(), "carol").withHostKey(server.hostKey())));
        participants.add(host);
        var bob = join("bob");
        var connected = bob.awaitEvent(ChatEvent.Connected.class);
        assertThat(connected.users()).contains(new Frame.User("carol", Role.HOST), new Frame.User("bob", Role.GUEST));
    }

    @Test
    void lateJoinerGetsHistoryBeforeItsOwnJoin() throws Exception {
        var alice = join("alice");
        for (int i = 0; i < 5; i++) {
            alice.client().send("before " + i);
        }
        alice.awaitTexts(5);
        var dave = join("dave");
        dave.awaitTexts(5);
        assertEquals(alice.texts(), dave.texts());
        List<ChatEvent> events = dave.events();
        int lastHistory = events.indexOf(dave.events(ChatEvent.Message.class).getLast());
        int ownJoin = events.indexOf(dave.events(ChatEvent.Joined.class).stream()
                .filter(j -> j.event().nick().equals("dave")).findFirst().orElseThrow());
        assertTrue(ownJoin > lastHistory, "own joined comes after the replay");
    }

    @Test
    void takenNickIsRefusedWithASentence() throws Exception {
        join("alice");
        var twin = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "ALICE"));
        var e = assertThrows(ChatException.class, twin::connect);
        assertEquals(ErrorCode.NICK_TAKEN, e.code());
        assertEquals("The name ALICE is taken in this room.", e.getMessage());
    }

    @Test
    void invalidNickIsRefusedWithASentence() {
        var bad = new ChatClient(ClientConfig.of("127.0.0.1", server.port(), "<script>"));
        var e = assertThrows(ChatException.class, bad::connect);
        assertEquals(ErrorCode.NICK_INVALID, e.code());
        assertThat(e.getMessage()).contains("letters, digits");
    }

    @Test
    void nobodyHostingGivesASentence() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var e = assertThrows(ChatException.class, new ChatClient(ClientConfig.of("127.0.0.1", port, "bob"))::connect);
        assertEquals("Nobody is hosting at 127.0.0.1:" + port + " — check the address and that the host is running.",
                e.getMessage());
    }

    @Test
    void joinedAndLeftReachTheOthers() throws Exception {
        var alice = join("alice");
        var bob = join("bob");
        alice.awaitEvent(ChatEvent.Joined.class);
        bob.close();
        participants.remove(bob);
        var left = alice.awaitEvent(ChatEvent.Left.class);
        assertEquals("bob", left.event().nick());
        assertEquals(LeaveReason.QUIT, left.event().reason());
    }

    @Test
    void typingIsRelayedToOthersOnly() throws Exception {
        var alice = join("alice");
        var bob = join("bob");
        bob.awaitEvent(ChatEvent.Joined.class);
        alice.client().typing(true);
        var typing = bob.awaitEvent(ChatEvent.Typing.class);
        assertEquals(new ChatEvent.Typing("alice", true), typing);
        alice.client().send("done typing");
        alice.awaitText("done typing");
        assertThat(alice.events(ChatEvent.Typing.class)).isEmpty();
    }
}
