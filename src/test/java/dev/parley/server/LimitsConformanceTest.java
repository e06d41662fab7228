package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.parley.server.RawPeer.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits that protect the room: rate, connection count, slow readers, output bound. */
@Timeout(60)
class LimitsConformanceTest extends RoomFixture {
    private static final int MIN_OUTBOX = 65_536;
    private static final String BIG_TEXT = "😀".repeat(4_000);

    @Test
    void sendsBeyondTheRateAreRateLimitedWithRefAndNotDelivered() {
        start();
        RawPeer alice = join("alice");
        RawPeer bob = join("bob");
        alice.awaitType("joined");
        int count = 70;
        var burst = new StringBuilder();
        for (int i = 0; i < count; i++) {
            burst.append(json("type", "send", "id", "r" + i, "text", "flood " + i)).append('\n');
        }
        alice.sendBytes(burst.toString().getBytes(StandardCharsets.UTF_8));

        Set<String> delivered = new HashSet<>();
        Set<String> refused = new HashSet<>();
        while (delivered.size() + refused.size() < count) {
            JsonNode answer = alice.next();
            if (answer.path("type").asString().equals("msg")) {
                delivered.add(answer.path("id").asString());
            } else {
                assertEquals("rate_limited", answer.path("code").asString(), answer::toString);
                refused.add(answer.path("ref").asString());
            }
        }
        assertTrue(delivered.size() >= 40, "a burst of 40 passes, got " + delivered.size());
        assertFalse(refused.isEmpty(), "70 sends at once exceed 20 a second with bursts of 40");

        bob.send(json("type", "send", "id", "bob-done", "text", "sentinel"));
        Set<String> bobGot = new HashSet<>();
        bob.readUntil(f -> RawPeer.isMsg(f, "bob-done")).stream()
                .filter(f -> f.path("from").asString().equals("alice"))
                .forEach(f -> bobGot.add(f.path("id").asString()));
        assertEquals(delivered, bobGot, "others get exactly the sends that were not refused");
    }

    @Test
    void helloBeyondTheMaximumGetsServerFullAndIsClosed() {
        var c = config();
        start(c.withLimits(2, c.ratePerSecond(), c.rateBurst(), c.historySize(), c.outboxLimit()));
        RawPeer alice = join("alice");
        join("bob");

        RawPeer third = connect();
        // The room's size is checked at hello: silent sockets do not count (docs/protocol.md, Limits).
        third.send(json("type", "hello", "v", 1, "nick", "carol"));
        third.expectError("server_full");
        third.assertClosed();

        alice.send(json("type", "bye"));
        alice.readUntilClosed();
        alice.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() < 2);
        assertEquals("carol", connect().hello("carol").path("you").asString(), "a freed place can be taken");
    }

    @Test
    void participantThatCannotKeepUpIsDroppedAsSlowWithoutHoldingUpOthers() {
        var c = config();
        start(c.withLimits(c.maxClients(), 0, 1, c.historySize(), MIN_OUTBOX));
        RawPeer slow = connectNotReading();
        slow.hello("slow");
        RawPeer alice = join("alice");

        JsonNode left = null;
        int sent = 0;
        while (left == null && sent < 2_000) {
            String id = "big" + sent++;
            alice.send(json("type", "send", "id", id, "text", BIG_TEXT));
            left = alice.readUntil(f -> RawPeer.isMsg(f, id)).stream()
                    .filter(f -> f.path("type").asString().equals("left")).findFirst().orElse(null);
        }
        assertTrue(left != null, "the slow reader was still in after " + sent + " messages of 16 kB");
        assertEquals("slow", left.path("nick").asString());
        assertEquals("slow", left.path("reason").asString());
        assertEquals("alice", alice.say("after", "alice goes on").path("from").asString());
        slow.readUntilClosed();
    }

    @Test
    void replayAfterWelcomeDoesNotCountAgainstTheOutputBound() {
        var c = config();
        start(c.withLimits(c.maxClients(), 0, 1, c.historySize(), MIN_OUTBOX));
        RawPeer alice = join("alice");
        for (int i = 0; i < 400; i++) {
            alice.say("old" + i, BIG_TEXT);
        }

        RawPeer bob = connectNotReading();
        bob.send(json("type", "hello", "v", 1, "nick", "bob", "since", 0));
        JsonNode joined = alice.awaitType("joined");
        assertEquals("bob", joined.path("nick").asString());
        alice.send(json("type", "send", "id", "live", "text", "welcome, bob"));
        List<JsonNode> aliceSaw = alice.readUntil(f -> RawPeer.isMsg(f, "live"));
        aliceSaw.addAll(alice.sync());
        assertTrue(aliceSaw.stream().noneMatch(f -> f.path("type").asString().equals("left")),
                () -> "bob is not slow for the 6 MB of replay he has yet to read: " + aliceSaw);

        JsonNode welcome = bob.next();
        assertEquals(401, welcome.path("history").asInt());
        List<JsonNode> replay = bob.replay(welcome);
        assertEquals("old399", replay.getLast().path("id").asString());
        assertEquals(joined, bob.next());
        assertEquals("live", bob.next().path("id").asString());
    }

    @Test
    void pingFloodFromAPeerThatDoesNotReadIsCutOffInsteadOfBuffered() {
        var c = config();
        start(c.withLimits(c.maxClients(), c.ratePerSecond(), c.rateBurst(), c.historySize(), MIN_OUTBOX));
        RawPeer bob = join("bob");
        RawPeer flooder = connectNotReading();
        flooder.hello("flooder");

        var pings = new StringBuilder();
        for (int i = 0; pings.length() < 64 * 1024; i++) {
            pings.append(json("type", "ping", "n", i)).append('\n');
        }
        byte[] batch = pings.toString().getBytes(StandardCharsets.UTF_8);
        long written = 0;
        boolean cutOff = false;
        while (!cutOff && written < 64L * 1024 * 1024) {
            try {
                flooder.sendBytes(batch);
                written += batch.length;
            } catch (UncheckedIOException e) {
                cutOff = true;
            }
        }
        assertTrue(cutOff, "the server still took pings after " + written / (1024 * 1024) + " MB it never answered");
        List<JsonNode> events = new ArrayList<>(bob.readUntil(f -> f.path("type").asString().equals("left")));
        assertEquals("flooder", events.getLast().path("nick").asString());
        assertEquals("slow", events.getLast().path("reason").asString());
    }
}
