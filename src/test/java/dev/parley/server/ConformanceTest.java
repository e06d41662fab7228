package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session part of {@code PROTOCOL.md} (hello, its refusals and the welcome), checked by a
 * peer that speaks raw JSON lines to a real server. Other areas live in the other
 * {@code *ConformanceTest} classes.
 */
@Timeout(60)
class ConformanceTest extends RoomFixture {

    @Test
    void welcomeDescribesTheRoomAndListsEveryoneIncludingTheNewcomer() {
        start();
        join("carol");
        JsonNode welcome = connect().hello("alice", "client", "RawPeer/1");

        assertTrue(welcome.path("v").isInt(), welcome::toString);
        assertEquals(1, welcome.path("v").asInt());
        assertEquals(ROOM, welcome.path("room").asString());
        assertEquals("alice", welcome.path("you").asString());
        assertEquals(Set.of("carol:guest", "alice:guest"), users(welcome));
        assertEquals(1, welcome.path("history").asInt(), "carol's joined is the one earlier event");
        assertTrue(welcome.path("gap").isBoolean() && !welcome.path("gap").asBoolean(), welcome::toString);
        assertEquals(4000, welcome.path("limits").path("maxText").asInt());
        assertEquals(65536, welcome.path("limits").path("maxFrame").asInt());
    }

    @Test
    void sessionTokensHoldAtLeast128BitsAndDifferPerParticipant() {
        start();
        Set<String> tokens = new HashSet<>();
        for (String nick : List.of("ann", "ben", "cy", "dee")) {
            String token = connect().join(nick).path("session").asString();
            assertTrue(bitsIn(token) >= 128, () -> "token " + token + " carries fewer than 128 bits");
            tokens.add(token);
        }
        assertEquals(4, tokens.size(), "every participant gets its own token");
    }

    @Test
    void replayFollowsWelcomeInSeqOrderAndOwnJoinedComesAfterIt() {
        start();
        RawPeer alice = join("alice");
        List<JsonNode> aliceSaw = chat(alice, "a", 3);

        RawPeer bob = connect();
        JsonNode welcome = bob.hello("bob");
        assertEquals(4, welcome.path("history").asInt(), "alice's joined and her three messages");
        List<JsonNode> replay = bob.replay(welcome);
        assertEquals(List.of("joined", "msg", "msg", "msg"), replay.stream().map(f -> f.path("type").asString()).toList());
        assertEquals(aliceSaw, replay.subList(1, 4), "replayed events are the very frames the room saw live");
        assertStrictlyIncreasing(replay);

        JsonNode ownJoined = bob.next();
        assertEquals("joined", ownJoined.path("type").asString(), ownJoined::toString);
        assertEquals("bob", ownJoined.path("nick").asString());
        assertEquals("guest", ownJoined.path("role").asString());
        assertTrue(ownJoined.path("seq").asLong() > replay.getLast().path("seq").asLong());
        assertEquals(ownJoined, alice.awaitType("joined"), "alice sees the same joined event");
    }

    @Test
    void replayWithoutSinceIsTheLatestHundredEvents() {
        start(withRate(config(), 0, 1));
        RawPeer alice = join("alice");
        long last = chat(alice, "m", 120).getLast().path("seq").asLong();

        RawPeer bob = connect();
        JsonNode welcome = bob.hello("bob");
        assertEquals(100, welcome.path("history").asInt());
        List<JsonNode> replay = bob.replay(welcome);
        assertEquals(last - 99, replay.getFirst().path("seq").asLong());
        assertEquals(last, replay.getLast().path("seq").asLong());
        assertStrictlyIncreasing(replay);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"send\",\"id\":\"x1\",\"text\":\"hi\"}",
        "{\"type\":\"ping\",\"n\":1}",
        "{\"type\":\"typing\",\"active\":true}",
        "{\"type\":\"bye\"}",
        "{\"type\":\"dance\"}"})
    void anyFrameBeforeHelloIsHelloRequiredAndCloses(String first) {
        start();
        RawPeer peer = connect();
        peer.send(first);
        peer.expectError("hello_required");
        peer.assertClosed();
    }

    @Test
    void connectionWithoutHelloInTimeGetsHelloTimeout() {
        var c = config();
        start(c.withTimeouts(Duration.ofMillis(300), c.pingAfter(), c.idleTimeout(), c.tick()));
        RawPeer peer = connect();
        peer.expectError("hello_timeout");
        peer.assertClosed();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 0, 99})
    void unsupportedVersionNamesTheSupportedOnesAndCloses(int version) {
        start();
        RawPeer peer = connect();
        peer.send(json("type", "hello", "v", version, "nick", "alice"));
        JsonNode error = peer.expectError("unsupported_version");
        assertEquals(List.of(1), StreamSupport.stream(error.path("supported").spliterator(), false)
                .map(JsonNode::asInt).toList(), error::toString);
        peer.assertClosed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "  bob  ", "Zoë", "Ana María", "x", "under_score", "dot.and-dash", "R2D2",
        "abcdefghijklmnopqrstuvwxyz012345", "   padded to thirty-two chars 01   "})
    void nicksOfOneToThirtyTwoAllowedCharactersAreAcceptedTrimmed(String nick) {
        start();
        assertEquals(nick.strip(), connect().hello(nick).path("you").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abcdefghijklmnopqrstuvwxyz0123456", "bob!", "a/b", "tab\there", "new\nline",
        "smile😀", "<script>", "at@home", "quote\""})
    void nicksOutsideTheRulesAreNickInvalidAndClose(String nick) {
        start();
        RawPeer peer = connect();
        peer.send(json("type", "hello", "v", 1, "nick", nick));
        JsonNode error = peer.expectError("nick_invalid");
        assertFalse(error.path("message").asString().isBlank(), "the error says what is wrong");
        peer.assertClosed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ALICE", "Alice", " alice "})
    void nickInUseIsNickTakenWhateverItsCase(String nick) {
        start();
        join("alice");
        RawPeer second = connect();
        second.send(json("type", "hello", "v", 1, "nick", nick));
        second.expectError("nick_taken");
        second.assertClosed();
    }

    @Test
    void nickIsFreeAgainOnceItsHolderLeft() {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "bye"));
        alice.assertClosed();
        assertEquals("Alice", connect().hello("Alice").path("you").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "wrong", "Secret", "secret "})
    void roomWithPasswordRefusesMissingOrWrongOnesWithBadPassword(String given) {
        start(config().withRoom(ROOM, "secret"));
        RawPeer peer = connect();
        peer.send(given.isEmpty() ? json("type", "hello", "v", 1, "nick", "alice")
                : json("type", "hello", "v", 1, "nick", "alice", "password", given));
        peer.expectError("bad_password");
        peer.assertClosed();
    }

    @Test
    void roomWithPasswordWelcomesTheRightOne() {
        start(config().withRoom(ROOM, "secret"));
        assertEquals("alice", connect().hello("alice", "password", "secret").path("you").asString());
    }

    @Test
    void roomWithoutPasswordIgnoresOne() {
        start();
        assertEquals("alice", connect().hello("alice", "password", "anything").path("you").asString());
    }

    static Set<String> users(JsonNode welcome) {
        return StreamSupport.stream(welcome.path("users").spliterator(), false)
                .map(u -> u.path("nick").asString() + ":" + u.path("role").asString())
                .collect(Collectors.toSet());
    }

    static void assertStrictlyIncreasing(List<JsonNode> events) {
        for (int i = 1; i < events.size(); i++) {
            long before = events.get(i - 1).path("seq").asLong();
            long after = events.get(i).path("seq").asLong();
            assertTrue(after > before, "seq " + after + " follows " + before);
        }
    }

    /** Bits a token can carry: hex digits hold 4 each, base64 (either alphabet) 6, anything else at most 8. */
    private static int bitsIn(String token) {
        String bare = token.replace("=", "");
        int perChar = bare.matches("[0-9a-fA-F]+") ? 4 : bare.matches("[A-Za-z0-9+/_-]+") ? 6 : 8;
        return bare.length() * perChar;
    }
}
