package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static dev.parley.server.RawPeer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, item 9, from 127.0.0.2 while carol and dave chat: resends are recognised per member
 * session, so 12,000 messages from someone else cannot flush a member's ids and make her resend
 * go out twice.
 */
@Timeout(120)
class PerSessionResendTest extends RoomFixture {

    @Test
    void aFloodFromAnotherMemberDoesNotFlushAMembersResendMemory() {
        start(withRate(config(), 0, 1));
        HonestPair honest = HonestPair.join(this);
        RawPeer alice = connect();
        String token = alice.join("alice").path("session").asString();
        JsonNode original = alice.say("mine", "said once");

        RawPeer flooder = connectFrom("127.0.0.2");
        flooder.join("flooder");
        // 12,000 messages in chunks, each chunk's last echo awaited so the flooder keeps reading.
        var flood = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            flood.append(json("type", "send", "id", "f" + i, "text", "noise " + i)).append('\n');
            if (i % 500 == 499) {
                flooder.sendBytes(flood.toString().getBytes(StandardCharsets.UTF_8));
                flood.setLength(0);
                String last = "f" + i;
                flooder.awaitFrame(f -> RawPeer.isMsg(f, last));
            }
        }
        honest.chat(2);

        // alice's connection broke before she saw her echo; she comes back and resends.
        alice.reset();
        honest.carol.await(f -> f.path("type").asString().equals("left") && f.path("nick").asString().equals("alice"));
        RawPeer back = connect();
        back.replay(back.hello("alice", "session", token, "since", original.path("seq").asLong()));
        back.send(json("type", "send", "id", "mine", "text", "said once"));
        JsonNode answer = back.awaitFrame(f -> RawPeer.isMsg(f, "mine"));
        assertThat(answer.path("seq").asLong()).as("the original, not a new message").isEqualTo(original.path("seq").asLong());
        honest.chat(2);
        honest.assertEverythingSeenOnceInOrder(Set.of("alice/mine"));
    }
}
