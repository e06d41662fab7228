package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What this server does where {@code PROTOCOL.md} is silent, as recorded under "Choices where the
 * spec is silent" in {@code docs/protocol.md}.
 */
@Timeout(60)
class ImplementationChoicesTest extends RoomFixture {

    @Test
    void secondHelloAfterJoiningIsIgnored() {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "hello", "v", 1, "nick", "mallory"));
        alice.send(json("type", "hello", "v", 7, "nick", "!!"));
        assertTrue(alice.sync().isEmpty(), "no welcome, no error");
        assertEquals("alice", alice.say("same", "still alice").path("from").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"welcome\",\"v\":1,\"room\":\"fake\",\"you\":\"x\",\"users\":[],\"history\":0,\"gap\":false}",
        "{\"type\":\"msg\",\"seq\":99,\"id\":\"forged\",\"from\":\"bob\",\"role\":\"host\",\"text\":\"forged\",\"ts\":\"2026-01-01T00:00:00.000Z\"}",
        "{\"type\":\"joined\",\"seq\":99,\"nick\":\"ghost\",\"role\":\"host\",\"ts\":\"2026-01-01T00:00:00.000Z\"}",
        "{\"type\":\"left\",\"seq\":99,\"nick\":\"bob\",\"reason\":\"quit\",\"ts\":\"2026-01-01T00:00:00.000Z\"}",
        "{\"type\":\"error\",\"code\":\"bad_frame\",\"message\":\"you are wrong\"}"})
    void serverOnlyFramesSentByAClientAreIgnored(String frame) {
        start();
        RawPeer bob = join("bob");
        RawPeer alice = join("alice");
        bob.awaitType("joined");
        alice.send(frame);
        assertTrue(alice.sync().isEmpty(), "no answer");
        alice.say("real", "the real thing");
        assertEquals("real", bob.next().path("id").asString(), "the room saw nothing of it");
    }

    @Test
    void connectionLostWithoutByeIsLeftWithReasonError() {
        start();
        RawPeer bob = join("bob");
        join("alice").close();
        JsonNode left = bob.awaitType("left");
        assertEquals("alice", left.path("nick").asString());
        assertEquals("error", left.path("reason").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "é", "semi;colon", "dot.ted", "slash/", "tab\t"})
    void sendWithAnInvalidIdIsTextInvalidCarryingThatId(String id) {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "send", "id", id, "text", "hi"));
        JsonNode error = alice.expectError("text_invalid");
        assertEquals(id, error.path("ref").asString());
        assertTrue(alice.sync().isEmpty(), "the connection stays");
    }

    @Test
    void idTooLongToBeAnIdIsRefusedWithoutRef() {
        start();
        RawPeer alice = join("alice");
        String invalid64 = "?" + "x".repeat(63);
        alice.send(json("type", "send", "id", invalid64, "text", "hi"));
        assertEquals(invalid64, alice.expectError("text_invalid").path("ref").asString(), "64 characters are still echoed");
        alice.send(json("type", "send", "id", "x".repeat(65), "text", "hi"));
        assertFalse(alice.expectError("text_invalid").has("ref"));
        alice.send(json("type", "send", "text", "no id at all"));
        assertFalse(alice.expectError("text_invalid").has("ref"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\",\"n\":\"7\"}", "{\"type\":\"ping\"}", "{\"type\":\"typing\",\"active\":\"yes\"}",
        "{\"type\":\"send\",\"id\":\"a\",\"text\":5}", "{\"type\":\"send\",\"id\":[\"a\"],\"text\":\"hi\"}"})
    void knownFrameWithAMemberOfTheWrongKindIsBadFrameAndCloses(String frame) {
        start();
        RawPeer alice = join("alice");
        alice.send(frame);
        alice.expectError("bad_frame");
        alice.assertClosed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"hello\",\"nick\":\"alice\"}", "{\"type\":\"hello\",\"v\":null,\"nick\":\"alice\"}"})
    void helloWithoutVersionIsUnsupportedVersion(String hello) {
        start();
        RawPeer peer = connect();
        peer.send(hello);
        assertEquals(1, peer.expectError("unsupported_version").path("supported").path(0).asInt());
        peer.assertClosed();
    }

    @Test
    void helloWithAVersionThatIsNotANumberIsBadFrame() {
        start();
        RawPeer peer = connect();
        peer.send("{\"type\":\"hello\",\"v\":\"1\",\"nick\":\"alice\"}");
        peer.expectError("bad_frame");
        peer.assertClosed();
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 1_000_000, -1})
    void sinceOutsideTheRoomsSeqsCountsAsANewLifeWithGap(long since) {
        start();
        chat(join("alice"), "m", 4);
        RawPeer bob = connect();
        JsonNode welcome = bob.hello("bob", "since", since);
        assertTrue(welcome.path("gap").asBoolean(), "the client cannot trust its baseline");
        List<JsonNode> replay = bob.replay(welcome);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), replay.stream().map(f -> f.path("seq").asLong()).toList(),
                "the same replay as without since: the latest events, here all of them");
    }

    @Test
    void everyWelcomeCarriesANewTokenAndAByeEndsTheSession() {
        start();
        RawPeer bob = join("bob");
        RawPeer first = connect();
        String token = first.join("alice").path("session").asString();
        first.sync();
        first.reset();
        // She dropped without bye: her name is held for her session, and her token brings her back.
        bob.awaitFrame(f -> f.path("type").asString().equals("left") && f.path("nick").asString().equals("alice"));

        RawPeer back = connect();
        String next = back.join("alice", "session", token).path("session").asString();
        assertNotEquals(token, next, "a new token on every resume");
        back.send(json("type", "bye"));
        back.readUntilClosed();

        String other = connect().hello("alice").path("session").asString();
        assertNotEquals(next, other, "after bye the name is free, for a new session");
    }

    @Test
    void typingHasItsOwnSmallBucketAndExcessTypingIsDroppedSilently() {
        start(withRate(config(), 1, 3));
        RawPeer bob = join("bob");
        RawPeer alice = join("alice");
        bob.awaitType("joined");
        String typing = json("type", "typing", "active", true) + "\n";
        var sends = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sends.append(json("type", "send", "id", "s" + i, "text", "hi")).append('\n');
        }
        alice.sendBytes((typing.repeat(12) + sends).getBytes(StandardCharsets.UTF_8));
        List<JsonNode> answers = alice.sync();
        assertTrue(answers.stream().allMatch(f -> f.path("type").asString().equals("msg")),
                () -> "typing never eats the send budget, and is never answered: " + answers);
        assertEquals(3, answers.size(), () -> "three sends fit a burst of three: " + answers);

        bob.send(json("type", "send", "id", "bob-sentinel", "text", "done"));
        long relayed = bob.readUntil(f -> RawPeer.isMsg(f, "bob-sentinel")).stream()
                .filter(f -> f.path("type").asString().equals("typing")).count();
        assertTrue(relayed >= 10 && relayed < 12, "relayed " + relayed + " of 12 typing frames (burst of 10)");
    }

    @Test
    void hostKeyGivesTheHostRoleAndSkipsThePassword() {
        start(config().withRoom(ROOM, "secret"));
        JsonNode welcome = connect().hello("carol", "hostKey", server.hostKey());
        assertEquals(java.util.Set.of("carol:host"), ConformanceTest.users(welcome));

        RawPeer guess = connect();
        guess.send(json("type", "hello", "v", 1, "nick", "mallory", "hostKey", "guess"));
        guess.expectError("bad_password");
        JsonNode guest = connect().hello("dave", "password", "secret", "hostKey", "guess");
        assertTrue(ConformanceTest.users(guest).contains("dave:guest"), "a wrong key is just ignored");
    }

    @Test
    void resendMemoryIsPerSessionAndHoldsItsLatestIds() {
        var c = config();
        start(new ServerConfig(c.bindAddress(), c.port(), c.roomName(), c.password(), c.maxClients(),
                c.ratePerSecond(), c.rateBurst(), c.historySize(), c.replayLimit(), c.outboxLimit(),
                c.helloTimeout(), c.pingAfter(), c.idleTimeout(), c.tick(), c.closeGrace(), 3, c.abuse(), c.tls(),
                c.log(), c.files()));
        RawPeer alice = join("alice");
        List<JsonNode> sent = chat(alice, "id", 4);

        alice.send(json("type", "send", "id", "id3", "text", "again"));
        assertEquals(sent.get(3), alice.next(), "among the latest 3: answered with the original");
        JsonNode forgotten = alice.say("id0", "again");
        assertTrue(forgotten.path("seq").asLong() > sent.get(3).path("seq").asLong(), "pushed out: a new message");
        RawPeer bob = join("bob");
        assertEquals("bob's own", bob.say("id3", "bob's own").path("text").asString(), "ids are remembered per session");
    }

    @Test
    void errorIsDeliveredEvenWhenTheClientKeepsSending() {
        start();
        RawPeer alice = join("alice");
        alice.sendBytes(("not json\n" + (json("type", "ping", "n", 1) + "\n").repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        alice.expectError("bad_frame");
        alice.assertClosed();
    }
}
