package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 12: a takeover in another letter case keeps the name the room knows; a
 * {@code since} the room cannot vouch for (its token was never issued here) gets the newcomer's
 * replay with {@code gap:true}; a guest's {@code welcome} is ignored when well-formed and
 * {@code bad_frame} when not, as docs/protocol.md says.
 */
@Timeout(60)
class ResumeEdgesTest extends HonestRoomFixture {

    @Test
    void takeoverWithTheTokenInAnotherCaseKeepsTheNameTheRoomKnows() {
        open(config());
        RawPeer carol = honest();
        String token = carol.join("carol").path("session").asString();
        alice.awaitFrame(f -> f.path("type").asString().equals("joined") && f.path("nick").asString().equals("carol"));

        RawPeer again = honest();
        JsonNode welcome = again.hello("CAROL", "session", token);
        assertEquals("carol", welcome.path("you").asString(), "the resumed member keeps the room's spelling");
        again.replay(welcome);
        assertEquals("carol", again.say("c1", "still me").path("from").asString());
        chat("after the takeover");
        roundTrip("barrier");
        assertEquals(0, alice.countRead(f -> f.path("nick").asString().equalsIgnoreCase("carol")
                && !f.path("nick").asString().equals("carol")), "nobody saw another spelling");
        assertEquals(1, alice.countRead(f -> f.path("type").asString().equals("joined")
                && f.path("nick").asString().equals("carol")), "carol joined once, and no rename");
    }

    @Test
    void sinceWithATokenThisRoomNeverIssuedGetsTheNewcomersReplayWithGap() throws IOException {
        open(config());
        for (int i = 0; i < 3; i++) {
            chat("filling " + i);
        }
        roundTrip("filled");
        String elsewhere;
        try (var other = new RoomServer(config()).start()) {
            var peer = RawPeer.connect(other.port());
            elsewhere = peer.join("dave").path("session").asString();
            peer.close();
        }

        for (String token : List.of(elsewhere, "never-issued-token")) {
            RawPeer dave = honest();
            JsonNode welcome = dave.hello("dave", "session", token, "since", 4);
            assertTrue(welcome.path("gap").asBoolean(), () -> "gap for a since the room cannot vouch for: " + welcome);
            List<JsonNode> replay = dave.replay(welcome);
            assertEquals(1L, replay.getFirst().path("seq").asLong(), "the newcomer's replay, from the start here");
            dave.send(json("type", "bye"));
            dave.readUntilClosed();
            chat("after dave with " + token.length());
        }
    }

    @Test
    void aWellFormedWelcomeFromAGuestIsIgnoredAndAMalformedOneIsBadFrame() {
        open(config());
        RawPeer mallory = attacker();
        mallory.join("mallory");
        mallory.send(json("type", "welcome", "v", 1, "room", "fake", "you", "x", "history", 0, "gap", false));
        assertTrue(mallory.sync().isEmpty(), "ignored without an answer");
        chat("between");
        mallory.send(json("type", "welcome", "room", "fake"));
        JsonNode error = mallory.awaitType("error");
        assertEquals("bad_frame", error.path("code").asString(), () -> "a malformed welcome: " + error);
        mallory.readUntilClosed();
        chat("after");
    }

    @Test
    void sinceWithItsOwnValidTokenStillResumesWithoutGap() {
        open(config());
        RawPeer carol = honest();
        String token = carol.join("carol").path("session").asString();
        carol.sync(); // heard after its welcome: it has its token, so its name is held when it drops
        chat("while carol is here");
        roundTrip("barrier");
        carol.close();
        alice.awaitFrame(f -> f.path("type").asString().equals("left") && f.path("nick").asString().equals("carol"));
        JsonNode welcome = honest().hello("carol", "session", token, "since", 5);
        assertFalse(welcome.path("gap").asBoolean(), () -> "a since the room vouches for: " + welcome);
        chat("after");
    }
}
