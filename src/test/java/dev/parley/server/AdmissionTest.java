package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.parley.server.RawPeer.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 2: one address cannot keep everyone else out. Connections that have not joined
 * yet are capped per address and in total, separately from the people in the room; an address
 * that connects too often is banned for a while; a member coming back with its session (and the
 * host's own window) gets into a room a stranger filled.
 */
@Timeout(60)
class AdmissionTest extends HonestRoomFixture {
    private final List<SocketChannel> silent = new ArrayList<>();

    @Test
    void silentConnectionsFromOneAddressDoNotKeepNewcomersOut() {
        // A room of 50 keeps the attack small; the host held 1,000 the same way.
        var c = config();
        open(c.withLimits(50, c.ratePerSecond(), c.rateBurst(), c.historySize(), c.outboxLimit()));
        for (int i = 0; i < 150; i++) {
            silent.add(openSilently(ATTACKER));
        }
        chat("during the flood");

        int heldOpen = stillOpen(silent);
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            RawPeer newcomer = honest();
            newcomer.send(json("type", "hello", "v", 1, "nick", "guest" + i));
            JsonNode answer = newcomer.next();
            if (answer.path("type").asString().equals("error")) {
                refused++;
            }
            chat("after newcomer " + i);
        }
        silent.forEach(AdmissionTest::closeQuietly);
        assertEquals(0, refused, refused + " of 12 newcomers were refused while one address held " + heldOpen
                + " silent connections");
        assertTrue(heldOpen <= 5, () -> "one address still holds " + heldOpen + " connections that never said hello");
    }

    @Test
    void anAddressThatConnectsTooOftenIsBannedForAWhileAndOnlyIt() {
        open(config());
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            if (knockLetIn()) {
                accepted++;
            }
        }
        chat("during the ban");
        assertEquals(30, accepted, "connections from one address let in before it was banned, of 40");
        assertTrue(!knockLetIn(), "still banned");
        assertEquals("carol", honest().join("carol").path("you").asString(), "other addresses get in meanwhile");

        clock.advance(Duration.ofMinutes(5));
        assertEquals("mallory", attacker().join("mallory").path("you").asString(), "the ban ends");
    }

    @Test
    void memberComingBackWithItsSessionGetsIntoARoomAStrangerFilled() {
        var c = config();
        open(c.withLimits(3, c.ratePerSecond(), c.rateBurst(), c.historySize(), c.outboxLimit()));
        RawPeer carol = honest();
        JsonNode welcome = carol.join("carol");
        carol.sync(); // heard after its welcome: it has its token, so its name is held when it drops
        carol.close();
        alice.awaitFrame(f -> f.path("type").asString().equals("left") && f.path("nick").asString().equals("carol"));

        attacker().join("mallory");
        RawPeer dave = honest();
        dave.send(json("type", "hello", "v", 1, "nick", "dave"));
        assertRefusedWith(dave, "server_full");
        chat("while the room is full");

        RawPeer back = honest();
        JsonNode again = back.hello("carol", "session", welcome.path("session").asString(), "since", 1);
        assertEquals("carol", again.path("you").asString(), "carol is back in the full room");
        JsonNode window = honest().hello("erin", "hostKey", server.hostKey());
        assertEquals("erin", window.path("you").asString(), "the host's own window is never refused for the room's size");
    }

    @Test
    void whenTooManyConnectionsWaitTheOneWaitingLongestMakesRoom() {
        var c = config();
        open(c.withAbuse(c.abuse().withPending(8, 5)));
        List<RawPeer> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(attacker());
        }
        InetAddress third = address("127.0.0.3");
        for (int i = 0; i < 3; i++) {
            waiting.add(track(RawPeer.connectFrom(third, server.port())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 2 + 8);
        clock.advance(Duration.ofSeconds(2));

        assertEquals("carol", honest().join("carol").path("you").asString(), "a newcomer gets in");
        assertRefusedWith(waiting.getFirst(), "server_full");
        chat("after");
    }

    private SocketChannel openSilently(InetAddress from) {
        try {
            var channel = SocketChannel.open();
            channel.bind(new InetSocketAddress(from, 0));
            channel.connect(new InetSocketAddress(HONEST, server.port()));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many of the channels the host still keeps open once it has closed what it is going to close. */
    private static int stillOpen(List<SocketChannel> channels) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> countOpen(channels) <= 5);
        } catch (ConditionTimeoutException e) {
            // The figure below tells how many.
        }
        return countOpen(channels);
    }

    private static int countOpen(List<SocketChannel> channels) {
        var buffer = ByteBuffer.allocate(4096);
        int open = 0;
        for (SocketChannel ch : channels) {
            if (ch.isOpen() && !endedByHost(ch, buffer)) {
                open++;
            }
        }
        return open;
    }

    /** Reads what the host sent; closes our end and says so once the host has ended the connection. */
    private static boolean endedByHost(SocketChannel ch, ByteBuffer buffer) {
        try {
            while (true) {
                buffer.clear();
                int n = ch.read(buffer);
                if (n < 0) {
                    ch.close();
                    return true;
                }
                if (n == 0) {
                    return false;
                }
            }
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing is all we wanted.
            }
            return true;
        }
    }

    /** A connection from the attacker that sends a ping: whether the host let it in (it answers). */
    private boolean knockLetIn() {
        RawPeer knock = attacker();
        try {
            knock.send(json("type", "ping", "n", 1));
        } catch (UncheckedIOException e) {
            return false; // closed before the ping could even go
        }
        // Let in, a connection is told hello comes first; banned, it is closed without a word.
        boolean letIn = !knock.readUntilClosed().isEmpty();
        knock.close();
        return letIn;
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
