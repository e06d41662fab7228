package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.parley.server.ConformanceTest.assertStrictlyIncreasing;
import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Room events, sending and typing as {@code PROTOCOL.md} describes them. */
@Timeout(60)
class RoomEventsConformanceTest extends RoomFixture {

    @Test
    void messageIsBroadcastToEveryoneAndEchoedToItsSender() {
        start();
        RawPeer alice = join("alice");
        RawPeer bob = join("bob");
        alice.awaitType("joined");

        alice.send(json("type", "send", "id", "c0a8-1", "text", "hi bob"));
        JsonNode echo = alice.awaitType("msg");
        assertEquals(echo, bob.awaitType("msg"), "everyone gets the same frame");
        assertEquals("c0a8-1", echo.path("id").asString());
        assertEquals("alice", echo.path("from").asString());
        assertEquals("guest", echo.path("role").asString());
        assertEquals("hi bob", echo.path("text").asString());
        assertTrue(echo.path("seq").isIntegralNumber(), echo::toString);
    }

    @Test
    void timestampsAreUtcIsoWithMilliseconds() {
        start();
        RawPeer alice = join("alice");
        JsonNode msg = alice.say("t1", "what time is it");
        RawPeer bob = connect();
        List<JsonNode> replay = bob.replay(bob.hello("bob"));
        List<JsonNode> events = new ArrayList<>(replay);
        events.add(msg);
        events.add(bob.awaitType("joined"));
        for (JsonNode event : events) {
            String ts = event.path("ts").asString();
            assertTrue(ts.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), () -> "ts " + ts + " in " + event);
            Instant at = Instant.parse(ts);
            assertTrue(Duration.between(at, Instant.now()).abs().toHours() < 24, () -> ts + " is not today");
        }
    }

    @Test
    void seqStartsAtOneAndStrictlyIncreases() {
        start();
        RawPeer alice = connect();
        JsonNode welcome = alice.hello("alice");
        assertEquals(0, welcome.path("history").asInt(), "a new room has no history");
        JsonNode joined = alice.next();
        assertEquals(1, joined.path("seq").asLong(), "the first room event: " + joined);
        assertStrictlyIncreasing(chat(alice, "m", 20));
    }

    @Test
    void everyParticipantSeesEveryEventInTheSameOrder() throws Exception {
        start(withRate(config(), 0, 1));
        List<RawPeer> peers = List.of(join("ann"), join("ben"), join("cy"));
        int each = 40;
        var sending = new ArrayList<CompletableFuture<Void>>();
        for (RawPeer peer : peers) {
            String prefix = peers.indexOf(peer) + "-";
            sending.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    peer.send(json("type", "send", "id", prefix + i, "text", "number " + i));
                }
            }));
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get();

        List<List<JsonNode>> seen = new ArrayList<>();
        for (RawPeer peer : peers) {
            List<JsonNode> messages = new ArrayList<>();
            while (messages.size() < each * peers.size()) {
                JsonNode frame = peer.next();
                if (frame.path("type").asString().equals("msg")) {
                    messages.add(frame);
                }
            }
            seen.add(messages);
        }
        assertStrictlyIncreasing(seen.getFirst());
        assertEquals(seen.get(0), seen.get(1));
        assertEquals(seen.get(0), seen.get(2));
    }

    @Test
    void presenceInterleavedWithMessagesArrivesInSeqOrderWithoutGaps() throws Exception {
        // joined and left may wait a little to be written in batches, msg is written at once:
        // neither may overtake the other on a connection.
        start(withRate(config(), 0, 1));
        RawPeer watcher = join("watcher");
        RawPeer talker = join("talker");
        watcher.awaitFrame(f -> f.path("type").asString().equals("joined")
                && f.path("nick").asString().equals("talker"));
        var talking = CompletableFuture.runAsync(() -> chat(talker, "t", 60));
        for (int i = 0; i < 15; i++) {
            RawPeer visitor = join("visitor" + i);
            visitor.send(json("type", "bye"));
        }
        talking.get();
        RawPeer last = join("last");
        List<JsonNode> events = watcher.readUntil(f -> f.path("type").asString().equals("joined")
                && f.path("nick").asString().equals("last")).stream().filter(RawPeer::isRoomEvent).toList();
        long first = events.getFirst().path("seq").asLong();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(first + i, events.get(i).path("seq").asLong(), "event " + i + " of " + events);
        }
        assertEquals(60, events.stream().filter(f -> f.path("type").asString().equals("msg")).count());
        assertEquals(15, events.stream().filter(f -> f.path("type").asString().equals("left")).count());
        last.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t  \u3000"})
    void blankTextIsTextInvalidWithRefAndNotDelivered(String text) {
        start();
        RawPeer alice = join("alice");
        RawPeer bob = join("bob");
        alice.awaitType("joined");
        alice.send(json("type", "send", "id", "blank-1", "text", text));
        JsonNode error = alice.expectError("text_invalid");
        assertEquals("blank-1", error.path("ref").asString());

        alice.say("real", "now something");
        assertEquals("real", bob.awaitType("msg").path("id").asString(), "bob never got the blank one");
    }

    @Test
    void textOfMoreThan4000CodePointsIsTextInvalidAndTheConnectionStays() {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "send", "id", "long-1", "text", "a".repeat(4_001)));
        assertEquals("long-1", alice.expectError("text_invalid").path("ref").asString());
        alice.send(json("type", "send", "id", "long-2", "text", "😀".repeat(4_001)));
        assertEquals("long-2", alice.expectError("text_invalid").path("ref").asString());
        assertTrue(alice.sync().isEmpty(), "text_invalid does not close");
    }

    @Test
    void textOf4000AstralCodePointsIsDeliveredIntact() {
        start();
        RawPeer alice = join("alice");
        String text = "😀".repeat(4_000);
        assertEquals(8_000, text.length(), "4,000 code points but 8,000 UTF-16 units");
        assertEquals(text, alice.say("emoji", text).path("text").asString());
        assertEquals("a".repeat(4_000), alice.say("plain", "a".repeat(4_000)).path("text").asString());
    }

    @Test
    void resentIdGetsTheOriginalToTheSenderAloneAndIsNotBroadcastAgain() {
        start();
        RawPeer alice = join("alice");
        RawPeer bob = join("bob");
        JsonNode original = alice.say("same-id", "first words");
        bob.awaitFrame(f -> RawPeer.isMsg(f, "same-id"));

        alice.send(json("type", "send", "id", "same-id", "text", "first words, resent"));
        assertEquals(original, alice.next(), "the original msg with its old seq");

        alice.say("next", "something new");
        assertEquals("next", bob.awaitType("msg").path("id").asString(), "bob saw the message once");
    }

    @Test
    void resentIdAfterReconnectIsNotDoubled() {
        start();
        RawPeer bob = join("bob");
        RawPeer alice = connect();
        String token = alice.join("alice").path("session").asString();
        JsonNode original = alice.say("unconfirmed", "did this arrive?");
        alice.close();
        bob.awaitType("left");

        // As the spec's client does after a lost connection: hello with its session (Parley keeps
        // resend memory per session, and holds the name for it: docs/protocol.md, Sessions).
        RawPeer back = join("alice", "session", token);
        back.send(json("type", "send", "id", "unconfirmed", "text", "did this arrive?"));
        assertEquals(original, back.awaitType("msg"));
        back.say("fresh", "yes it did");
        List<JsonNode> bobSaw = bob.readUntil(f -> RawPeer.isMsg(f, "fresh"));
        assertTrue(bobSaw.stream().noneMatch(f -> RawPeer.isMsg(f, "unconfirmed")), bobSaw::toString);
    }

    @Test
    void typingIsRelayedToOthersWithNickAndWithoutSeq() {
        start();
        RawPeer alice = join("alice");
        RawPeer bob = join("bob");
        alice.send(json("type", "typing", "active", true));
        JsonNode typing = bob.awaitType("typing");
        assertEquals("alice", typing.path("nick").asString());
        assertTrue(typing.path("active").asBoolean());
        assertFalse(typing.has("seq"), "typing is not a room event");

        alice.send(json("type", "typing", "active", false));
        assertFalse(bob.awaitType("typing").path("active").asBoolean(true));
        assertTrue(alice.sync().stream().noneMatch(f -> f.path("type").asString().equals("typing")),
                "the typist does not get its own typing back");
    }

    @Test
    void typingIsNotKeptInHistory() {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "typing", "active", true));
        alice.sync();
        JsonNode welcome = connect().hello("bob");
        assertEquals(1, welcome.path("history").asInt(), "only alice's joined");
    }

    @Test
    void characterSplitAcrossWritesArrivesWhole() {
        start();
        RawPeer alice = join("alice");
        byte[] frame = (json("type", "send", "id", "split", "text", "é€😀") + "\n").getBytes(StandardCharsets.UTF_8);
        int at = new String(frame, StandardCharsets.UTF_8).indexOf('€');
        int cut = new String(frame, StandardCharsets.UTF_8).substring(0, at).getBytes(StandardCharsets.UTF_8).length + 1;
        alice.sendBytes(java.util.Arrays.copyOfRange(frame, 0, cut));
        alice.sendBytes(java.util.Arrays.copyOfRange(frame, cut, cut + 3));
        alice.sendBytes(java.util.Arrays.copyOfRange(frame, cut + 3, frame.length));
        assertEquals("é€😀", alice.awaitType("msg").path("text").asString());
    }
}
