package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Set;

import static dev.parley.server.RawPeer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, items 1 and 13, from a stranger on 127.0.0.2 while carol and dave chat: a member who
 * drops keeps her name for her session, nobody else gets her messages back, and her session token
 * changes on every resume so that a token seen once is useless later.
 */
@Timeout(60)
class NameHoldTest extends RoomFixture {

    private static boolean isLeft(JsonNode f, String nick) {
        return f.path("type").asString().equals("left") && f.path("nick").asString().equals(nick);
    }

    @Test
    void aStrangerCannotTakeTheNameOfAMemberWhoDroppedAndSheComesBackWithHerToken() {
        start();
        HonestPair honest = HonestPair.join(this);
        honest.chat(3);
        RawPeer alice = connect();
        String token = alice.join("alice").path("session").asString();
        long seen = alice.say("a1", "hello everyone").path("seq").asLong();
        // Her next message is on its way when her connection breaks: she never sees its echo.
        alice.send(json("type", "send", "id", "a2", "text", "the secret plan"));
        alice.reset();
        honest.carol.await(f -> isLeft(f, "alice"));
        honest.chat(3);

        RawPeer stranger = connectFrom("127.0.0.2");
        stranger.send(json("type", "hello", "v", 1, "nick", "alice"));
        stranger.expectError("nick_taken");
        stranger.assertClosed();
        RawPeer lookalike = connectFrom("127.0.0.2");
        lookalike.send(json("type", "hello", "v", 1, "nick", "ALICE", "session", "not-her-token-at-all-xx"));
        lookalike.expectError("nick_taken");

        RawPeer back = connect();
        JsonNode welcome = back.hello("alice", "session", token, "since", seen);
        assertThat(welcome.path("session").asString()).as("a new token on every resume").isNotEqualTo(token);
        back.replay(welcome);
        // Her resend is either the original (if it arrived before the cut) or delivered now: once either way.
        JsonNode a2 = back.say("a2", "the secret plan");
        assertThat(a2.path("text").asString()).isEqualTo("the secret plan");
        honest.chat(3);
        honest.assertEverythingSeenOnceInOrder(Set.of("alice/a1", "alice/a2"));
    }

    @Test
    void afterTheHoldTheNameIsFreeButHerUnconfirmedMessageIsNeverHandedToTheNewcomer() {
        var c = config();
        start(c.withLog(c.log().withNameHold(Duration.ofMillis(200), 1_000)));
        HonestPair honest = HonestPair.join(this);
        RawPeer alice = connect();
        alice.join("alice");
        alice.say("a1", "hello");
        alice.say("a2", "my private words");
        alice.reset();
        honest.carol.await(f -> isLeft(f, "alice"));

        var welcomed = new java.util.concurrent.atomic.AtomicReference<RawPeer>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> welcomed(welcomed, "alice"));
        RawPeer newcomer = welcomed.get();
        newcomer.send(json("type", "send", "id", "a2", "text", "someone else's text"));
        JsonNode answer = newcomer.awaitFrame(f -> RawPeer.isMsg(f, "a2"));
        assertThat(answer.path("text").asString()).as("a new message of the newcomer, not alice's")
                .isEqualTo("someone else's text");
        newcomer.close();
        honest.assertEverythingSeenOnceInOrder(Set.of("alice/a1", "alice/a2"));
    }

    @Test
    void aTokenStopsWorkingOnceTheNextOneArrivedAndAWelcomeLostToACutDoesNotLockTheOwnerOut() {
        start();
        HonestPair honest = HonestPair.join(this);
        RawPeer first = connect();
        String t1 = first.join("alice").path("session").asString();
        first.sync(); // a frame after the welcome: she has t1

        RawPeer second = connect();
        JsonNode w2 = second.hello("alice", "session", t1);
        String t2 = w2.path("session").asString();
        assertThat(t2).isNotEqualTo(t1);
        first.assertClosed();
        second.replay(w2);
        second.sync(); // she has t2: t1 is retired

        RawPeer stranger = connectFrom("127.0.0.2");
        stranger.send(json("type", "hello", "v", 1, "nick", "alice", "session", t1));
        stranger.expectError("nick_taken");
        honest.chat(2);

        // A resume whose welcome (with t3) is lost to a cut: t2 still brings her back, once more.
        RawPeer third = connect();
        third.hello("alice", "session", t2); // read, but nothing sent after it: the host cannot know it arrived
        third.reset();
        honest.carol.await(f -> isLeft(f, "alice"));
        RawPeer fourth = connect();
        JsonNode w4 = fourth.hello("alice", "session", t2);
        fourth.replay(w4);
        fourth.sync();
        RawPeer late = connectFrom("127.0.0.2");
        late.send(json("type", "hello", "v", 1, "nick", "alice", "session", t2));
        late.expectError("nick_taken");
        honest.chat(2);
        honest.assertEverythingSeenOnceInOrder(Set.of());
    }

    @Test
    void saidByeEndsTheSessionSoTheNameIsFreeAtOnce() {
        start();
        RawPeer alice = connect();
        String token = alice.join("alice").path("session").asString();
        alice.send(json("type", "bye"));
        alice.assertClosed();
        RawPeer next = connectFrom("127.0.0.2");
        JsonNode welcome = next.hello("alice");
        assertThat(welcome.path("session").asString()).isNotEqualTo(token);
        RawPeer old = connect();
        old.send(json("type", "hello", "v", 1, "nick", "alice", "session", token));
        old.expectError("nick_taken");
    }

    /** Asks for the name from 127.0.0.2; true (and the peer kept) once welcomed, after its replay. */
    private boolean welcomed(java.util.concurrent.atomic.AtomicReference<RawPeer> into, String nick) {
        RawPeer peer = connectFrom("127.0.0.2");
        peer.send(json("type", "hello", "v", 1, "nick", nick));
        JsonNode answer = peer.next();
        if (!answer.path("type").asString().equals("welcome")) {
            assertThat(answer.path("code").asString()).isEqualTo("nick_taken");
            return false;
        }
        peer.replay(answer);
        into.set(peer);
        return true;
    }
}
