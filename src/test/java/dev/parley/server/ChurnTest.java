package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 4 (admission): one address cannot churn through joins. Each join and leave is a
 * room event everyone receives, so joins are a token bucket per address (20 a minute, bursts of
 * 20); past it a join is refused with {@code server_full} and a sentence saying when to come back.
 */
@Timeout(60)
class ChurnTest extends HonestRoomFixture {

    @Test
    void oneAddressCannotChurnThroughJoinsAndLeaves() {
        // Bans off, so that only the join rate stands in the way.
        var c = config();
        open(c.withAbuse(c.abuse().withConnectBan(0, c.abuse().banFor())));
        int joined = 0;
        JsonNode refusal = null;
        for (int i = 0; i < 200; i++) {
            RawPeer churner = attacker();
            churner.send(json("type", "hello", "v", 1, "nick", "churn" + i));
            JsonNode answer = churner.next();
            if (answer.path("type").asString().equals("welcome")) {
                joined++;
                churner.send(json("type", "bye"));
            } else {
                refusal = answer;
            }
            churner.readUntilClosed();
            churner.close();
            if (i % 20 == 0) {
                chat("churn " + i);
            }
        }
        assertEquals(20, joined, "joins from one address let in, of 200 join+bye cycles");
        JsonNode lastRefusal = refusal;
        assertEquals("server_full", lastRefusal.path("code").asString());
        assertTrue(lastRefusal.path("message").asString().matches(".*try again in \\d+ s\\."),
                () -> "a sentence that says when: " + lastRefusal);

        roundTrip("after the churn");
        long presence = alice.countRead(f -> f.path("nick").asString().startsWith("churn"));
        assertTrue(presence <= 40, () -> "alice received " + presence + " joined/left events from the churner");

        clock.advance(Duration.ofSeconds(3));
        assertEquals("churn-again", attacker().join("churn-again").path("you").asString(),
                "one more join three seconds later");
    }
}
