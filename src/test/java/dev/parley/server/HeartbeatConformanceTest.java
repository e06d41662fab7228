package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeat, idle timeout and the ways of leaving in {@code PROTOCOL.md}. */
@Timeout(60)
class HeartbeatConformanceTest extends RoomFixture {

    private static ServerConfig quickHeartbeat(Duration pingAfter, Duration idle) {
        var c = config();
        return c.withTimeouts(c.helloTimeout(), pingAfter, idle, c.tick());
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 0, -3, 9_007_199_254_740_993L, Long.MAX_VALUE})
    void pingIsAnsweredWithPongOfTheSameN(long n) {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "ping", "n", n));
        JsonNode pong = alice.next();
        assertEquals("pong", pong.path("type").asString(), pong::toString);
        assertEquals(n, pong.path("n").asLong());
    }

    @Test
    void serverPingsAConnectionThatHasBeenSilent() {
        start(quickHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(60)));
        RawPeer alice = join("alice");
        JsonNode ping = alice.next();
        assertEquals("ping", ping.path("type").asString(), ping::toString);
        assertTrue(ping.path("n").isIntegralNumber(), ping::toString);

        alice.send(json("type", "pong", "n", ping.path("n").asLong()));
        assertEquals("alice", alice.say("still-here", "still here").path("from").asString());
    }

    @Test
    void silentParticipantIsDroppedAndOthersSeeLeftWithReasonTimeout() {
        start(quickHeartbeat(Duration.ofMillis(150), Duration.ofMillis(1500)));
        RawPeer bob = join("bob");
        RawPeer alice = join("alice");

        JsonNode left = null;
        while (left == null) {
            JsonNode frame = bob.next();
            switch (frame.path("type").asString()) {
                case "ping" -> bob.send(json("type", "pong", "n", frame.path("n").asLong()));
                case "left" -> left = frame;
                default -> { }
            }
        }
        assertEquals("alice", left.path("nick").asString());
        assertEquals("timeout", left.path("reason").asString());
        List<JsonNode> aliceGot = alice.readUntilClosed();
        assertTrue(aliceGot.stream().allMatch(f -> f.path("type").asString().equals("ping")),
                () -> "alice was only pinged before being dropped: " + aliceGot);
        assertEquals("bob", bob.say("alive", "bob answered his pings").path("from").asString(),
                "answering pings keeps a connection open");
    }

    @Test
    void byeTellsOthersLeftWithReasonQuitAndEndsTheConnection() {
        start();
        RawPeer bob = join("bob");
        RawPeer alice = join("alice");
        bob.awaitType("joined");

        alice.send(json("type", "bye"));
        alice.assertClosed();
        JsonNode left = bob.next();
        assertEquals("left", left.path("type").asString(), left::toString);
        assertEquals("alice", left.path("nick").asString());
        assertEquals("quit", left.path("reason").asString());
        assertTrue(left.path("seq").isIntegralNumber(), left::toString);
    }

    @Test
    void shutdownSaysByeWithReasonShutdownToEveryoneAndCloses() throws Exception {
        start();
        RawPeer alice = join("alice");
        RawPeer bob = join("bob");
        alice.awaitType("joined");

        var closing = CompletableFuture.runAsync(server::close);
        for (RawPeer peer : List.of(alice, bob)) {
            assertEquals(RawPeer.JSON.readTree(json("type", "bye", "reason", "shutdown")), peer.next());
            peer.assertClosed();
            peer.close();
        }
        closing.get();
    }
}
