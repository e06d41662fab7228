package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

import static dev.parley.server.ConformanceTest.assertStrictlyIncreasing;
import static dev.parley.server.ConformanceTest.users;
import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coming back: {@code since}, {@code gap} and the {@code session} token of {@code PROTOCOL.md}. */
@Timeout(60)
class ResumeConformanceTest extends RoomFixture {

    @Test
    void helloWithSinceReplaysEveryLaterEventWithoutGap() {
        start();
        RawPeer alice = join("alice");
        List<JsonNode> echoes = chat(alice, "m", 6);
        long since = echoes.get(2).path("seq").asLong();

        JsonNode welcome = connect().hello("bob", "since", since);
        assertEquals(3, welcome.path("history").asInt(), "the three messages after since");
        assertFalse(welcome.path("gap").asBoolean());
    }

    @Test
    void replayAfterSinceIsExactlyTheMissedEventsInOrder() {
        start();
        RawPeer alice = join("alice");
        List<JsonNode> echoes = chat(alice, "m", 6);
        long since = echoes.get(2).path("seq").asLong();

        RawPeer bob = connect();
        List<JsonNode> replay = bob.replay(bob.hello("bob", "since", since));
        assertEquals(echoes.subList(3, 6), replay);
        assertStrictlyIncreasing(replay);
    }

    @Test
    void sinceAtTheLatestEventReplaysNothing() {
        start();
        long last = chat(join("alice"), "m", 3).getLast().path("seq").asLong();

        JsonNode welcome = connect().hello("bob", "since", last);
        assertEquals(0, welcome.path("history").asInt());
        assertFalse(welcome.path("gap").asBoolean());
    }

    @Test
    void sinceOlderThanTheHeldHistoryReportsGapAndReplaysWhatIsLeft() {
        var c = config();
        start(c.withLimits(c.maxClients(), 0, 1, 10, c.outboxLimit()));
        long last = chat(join("alice"), "m", 20).getLast().path("seq").asLong();

        RawPeer bob = connect();
        JsonNode welcome = bob.hello("bob", "since", 2);
        assertTrue(welcome.path("gap").asBoolean(), "events 3.." + (last - 10) + " are gone");
        List<JsonNode> replay = bob.replay(welcome);
        assertEquals(10, replay.size());
        assertEquals(last, replay.getLast().path("seq").asLong());
        assertStrictlyIncreasing(replay);
    }

    @Test
    void serverHoldsAtLeastTheLatestThousandEvents() {
        start(withRate(config(), 0, 1));
        long last = chat(join("alice"), "m", 1_050).getLast().path("seq").asLong();

        RawPeer bob = connect();
        JsonNode welcome = bob.hello("bob", "since", last - 1_000);
        assertEquals(1_000, welcome.path("history").asInt());
        assertFalse(welcome.path("gap").asBoolean());
        List<JsonNode> replay = bob.replay(welcome);
        assertEquals(last - 999, replay.getFirst().path("seq").asLong());
        assertEquals(last, replay.getLast().path("seq").asLong());
    }

    @Test
    void reconnectWithSessionReplacesTheHalfOpenConnectionWithoutLeftOrJoined() {
        start();
        RawPeer carol = join("carol");
        RawPeer alice = connect();
        JsonNode first = alice.join("alice");
        String token = first.path("session").asString();
        long seen = alice.say("before", "before the drop").path("seq").asLong();
        carol.awaitFrame(f -> RawPeer.isMsg(f, "before"));

        RawPeer again = connect();
        JsonNode welcome = again.hello("alice", "session", token, "since", seen);
        assertEquals("alice", welcome.path("you").asString());
        assertNotEquals(token, welcome.path("session").asString(), "the session lives on under a new token");
        assertEquals(Set.of("carol:guest", "alice:guest"), users(welcome));
        assertEquals(2, welcome.path("users").size(), "alice is listed once");
        assertEquals(0, welcome.path("history").asInt());
        alice.assertClosed();

        again.say("after", "after the reconnect");
        List<JsonNode> carolSaw = carol.readUntil(f -> RawPeer.isMsg(f, "after"));
        assertTrue(carolSaw.stream().noneMatch(f -> Set.of("left", "joined").contains(f.path("type").asString())),
                () -> "carol should notice nothing but the message, got " + carolSaw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-the-token", "AAAAAAAAAAAAAAAAAAAAAAAA"})
    void wrongOrMissingSessionForNickInUseIsNickTaken(String token) {
        start();
        RawPeer alice = join("alice");
        RawPeer intruder = connect();
        intruder.send(token.isEmpty() ? json("type", "hello", "v", 1, "nick", "alice")
                : json("type", "hello", "v", 1, "nick", "alice", "session", token));
        intruder.expectError("nick_taken");
        intruder.assertClosed();
        assertTrue(alice.sync().isEmpty(), "the holder of the nick is not disturbed");
    }

    @Test
    void sessionOfOneNickDoesNotOpenAnother() {
        start();
        String bobsToken = connect().join("bob").path("session").asString();
        join("alice");
        RawPeer intruder = connect();
        intruder.send(json("type", "hello", "v", 1, "nick", "alice", "session", bobsToken));
        intruder.expectError("nick_taken");
    }

    @Test
    void sessionTokenOfAMemberWhoSaidByeOpensNothing() {
        // Parley rotates tokens and ends a session with bye (issue 15, item 13): docs/protocol.md, Session.
        start();
        RawPeer alice = connect();
        String token = alice.join("alice").path("session").asString();
        alice.send(json("type", "bye"));
        alice.readUntilClosed();

        RawPeer back = connect();
        back.join("alice");
        RawPeer again = connect();
        again.send(json("type", "hello", "v", 1, "nick", "alice", "session", token));
        again.expectError("nick_taken");
        assertTrue(back.sync().isEmpty(), "the one holding the name is not disturbed");
    }
}
