package dev.parley.server;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's setting: a real host on loopback where two honest members, alice and bob, chat from
 * 127.0.0.1 throughout, while the test attacks from another address, 127.0.0.2, where per-address
 * limits apply. After each test both must still be connected and must have seen every message
 * they said exactly once, in the same order.
 *
 * <p>The host's abuse limits run on a {@link TestClock}, so a ban, a password delay or a refilled
 * budget happens when the test moves the clock, never by waiting.
 */
abstract class HonestRoomFixture {
    static final InetAddress HONEST = address("127.0.0.1");
    static final InetAddress ATTACKER = address("127.0.0.2");

    final TestClock clock = new TestClock();
    RoomServer server;
    RawPeer alice;
    RawPeer bob;
    private final List<RawPeer> peers = new ArrayList<>();
    private final List<String> said = new ArrayList<>();

    /** The protocol's defaults on a free port of 127.0.0.1, with a fine timer so held answers go out promptly. */
    static ServerConfig config() {
        return RoomFixture.config();
    }

    /** Starts the host and lets alice and bob in (with the room's password, if it has one). */
    void open(ServerConfig config) {
        try {
            server = new RoomServer(config, Clock.systemUTC(), Network.plain(), MemoryRoomLog.factory(config), clock)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object[] password = config.password() == null ? new Object[0] : new Object[] {"password", config.password()};
        alice = honest();
        alice.join("alice", password);
        bob = honest();
        bob.join("bob", password);
        alice.awaitFrame(f -> f.path("type").asString().equals("joined") && f.path("nick").asString().equals("bob"));
        chat("before");
    }

    /** A new connection from the honest address. */
    RawPeer honest() {
        return track(RawPeer.connectFrom(HONEST, server.port()));
    }

    /** A new connection from the attacker's address. */
    RawPeer attacker() {
        return track(RawPeer.connectFrom(ATTACKER, server.port()));
    }

    RawPeer track(RawPeer peer) {
        peers.add(peer);
        return peer;
    }

    /** alice and bob each say one line; their echoes are checked after the test. */
    void chat(String when) {
        String a = "a" + said.size();
        alice.send(json("type", "send", "id", a, "text", "alice " + when));
        said.add(a);
        String b = "b" + said.size();
        bob.send(json("type", "send", "id", b, "text", "bob " + when));
        said.add(b);
    }

    /**
     * A barrier through the host: alice says something and bob receives it, so the host has been
     * round its loop at least once since whatever the test sent before.
     */
    void roundTrip(String when) {
        String id = "r" + said.size();
        alice.send(json("type", "send", "id", id, "text", "alice " + when));
        said.add(id);
        bob.awaitFrame(f -> RawPeer.isMsg(f, id));
        alice.awaitFrame(f -> RawPeer.isMsg(f, id));
    }

    /**
     * A barrier for connections opened before it: a new connection is opened after them and must
     * be answered (its ping before hello gets {@code hello_required}). The host accepts in order
     * and answers what it read in one turn together, so whatever it would have answered on the
     * earlier connections has been answered by then. A round trip between alice and bob follows.
     */
    void barrier(String when) {
        RawPeer probe = honest();
        probe.send(json("type", "ping", "n", 1));
        assertEquals("hello_required", probe.next().path("code").asString());
        probe.close();
        roundTrip(when);
    }

    @AfterEach
    void bothSawEveryMessageOnceInTheSameOrder() {
        try {
            if (alice != null && bob != null) {
                chat("after");
                List<String> aliceIds = messagesUntilAll(alice);
                List<String> bobIds = messagesUntilAll(bob);
                assertEquals(new LinkedHashSet<>(said).size(), said.size());
                assertEquals(new HashSet<>(said), new HashSet<>(aliceIds), "alice saw exactly what alice and bob said");
                assertEquals(aliceIds.size(), new HashSet<>(aliceIds).size(), () -> "alice saw a message twice: " + aliceIds);
                assertEquals(aliceIds, bobIds, "alice and bob saw the same messages in the same order");
            }
        } finally {
            peers.forEach(RawPeer::close);
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Reads until every honest message has arrived and then to a pong (so a doubled echo would
     * show), and returns the ids of the honest messages in the order this peer read them, the
     * ones the tests' barriers read included.
     */
    private List<String> messagesUntilAll(RawPeer peer) {
        Set<String> wanted = new HashSet<>(said);
        if (!peer.messagesRead().containsAll(wanted)) {
            peer.readUntil(f -> peer.messagesRead().containsAll(wanted));
        }
        peer.sync();
        return peer.messagesRead().stream().filter(wanted::contains).toList();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertRefusedWith(RawPeer peer, String code) {
        JsonNode error = peer.next();
        assertEquals("error", error.path("type").asString(), () -> "expected error " + code + ", got " + error);
        assertEquals(code, error.path("code").asString(), () -> "unexpected error " + error);
        assertTrue(error.path("message").asString().endsWith("."), () -> "a sentence, got " + error);
        peer.assertClosed();
    }
}
