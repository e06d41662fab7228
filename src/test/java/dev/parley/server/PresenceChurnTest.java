package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.parley.server.RawPeer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, items 4 (the log's part) and 6, from 127.0.0.2 while carol and dave chat: thousands of
 * joins and leaves neither push messages out of the replay a returning member gets, nor leave state
 * behind for every name ever seen. The per-address limits are lifted here, to show what the log does
 * once churn is let in.
 */
@Timeout(180)
class PresenceChurnTest extends RoomFixture {

    /** Churn from one address on purpose: the per-address limits that stop it at the door ({@link ChurnTest}) are lifted. */
    private static ServerConfig unthrottled(ServerConfig c) {
        return c.withAbuse(c.abuse().withConnectBan(0, c.abuse().banFor()).withJoinsPerMinute(0)
                .withPending(c.abuse().maxPending(), 0));
    }

    /** One stranger joining under a new name and leaving again, with bye or by breaking the connection. */
    private void churn(String nick, boolean quit) {
        RawPeer peer = connectFrom("127.0.0.2");
        peer.hello(nick);
        if (quit) {
            peer.send(json("type", "bye"));
            peer.readUntilClosed();
        } else {
            peer.sync(); // heard after its welcome: a session whose name is held after the cut
            peer.reset();
        }
        peer.close();
    }

    @Test
    void joinsAndLeavesDoNotPushMessagesOutOfTheReplayOfAMemberWhoWasAway() {
        start(unthrottled(config()));
        HonestPair honest = HonestPair.join(this);
        RawPeer erin = connect();
        erin.join("erin");
        long seen = erin.say("e1", "back in a minute").path("seq").asLong();
        erin.send(json("type", "bye"));
        erin.assertClosed();

        // Two presence events per cycle: 3,000 of them, three times the 1,000 events held for replay.
        for (int i = 0; i < 1_500; i++) {
            churn("churner " + i, true);
            if (i % 100 == 0) {
                honest.chat(1);
            }
        }
        honest.chat(5);
        honest.dave.await(f -> RawPeer.isMsg(f, "d-15-4"));

        RawPeer back = connect();
        JsonNode welcome = back.hello("erin", "since", seen);
        assertThat(welcome.path("gap").asBoolean()).as("no message after since is gone").isFalse();
        List<JsonNode> replay = back.replay(welcome);
        Set<String> replayed = new HashSet<>();
        replay.stream().filter(f -> f.path("type").asString().equals("msg"))
                .forEach(f -> replayed.add(f.path("from").asString() + "/" + f.path("id").asString()));
        assertThat(replayed).as("every message carol and dave sent while erin was away").hasSize(2 * (15 + 5))
                .contains("carol/c-0-0", "dave/d-15-4");
        honest.assertEverythingSeenOnceInOrder(Set.of("erin/e1"));
    }

    @Test
    void thousandsOfDistinctNamesLeaveNoStateBehind() {
        var c = config();
        start(unthrottled(c).withLog(c.log().withNameHold(java.time.Duration.ofMinutes(5), 100)));
        HonestPair honest = HonestPair.join(this);
        for (int i = 0; i < 1_500; i++) {
            churn("passer-by " + i, true);
            churn("dropper " + i, false);
            if (i % 100 == 0) {
                honest.chat(1);
            }
        }
        honest.chat(2);
        honest.assertEverythingSeenOnceInOrder(Set.of());
        // 3,000 names came and went: kept are carol's and dave's, and at most 100 held for droppers.
        assertThat(server.sessionCount()).isLessThanOrEqualTo(2 + 100);
        assertThat(server.room().heldSessions()).isEqualTo(100);
    }
}
