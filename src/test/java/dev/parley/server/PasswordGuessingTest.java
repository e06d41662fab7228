package dev.parley.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.parley.server.RawPeer.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 3: the room password cannot be guessed fast. After a wrong password the next
 * attempt from that address waits (0.25 s, doubling with each wrong one), the right password
 * included; guesses are checked one at a time; a wait longer than a client waits for its welcome
 * is refused at once; the log gets a summary per address, not a line per guess. The host's abuse
 * clock stands still unless the test moves it, so "waits" is seen as an order of events.
 */
@Timeout(60)
class PasswordGuessingTest extends HonestRoomFixture {
    private static final String SECRET = "open sesame";
    private final LogCapture log = new LogCapture();

    private void openRoomWithPassword(AbuseLimits limits) {
        var c = config().withRoom(RoomFixture.ROOM, SECRET);
        open(c.withAbuse(limits));
        log.start();
    }

    @AfterEach
    void stopCapturing() {
        log.stop();
    }

    @Test
    void theRightPasswordStraightAfterAWrongOneWaitsOutTheDelay() {
        openRoomWithPassword(AbuseLimits.defaults());
        RawPeer first = attacker();
        first.send(hello("guess"));
        assertRefusedWith(first, "bad_password");

        RawPeer right = attacker();
        // A frame right behind the hello waits with it and is handled once the hello is let in.
        right.send(hello(SECRET) + "\n" + json("type", "send", "id", "m1", "text", "finally in"));
        barrier("while the right password waits");
        assertTrue(right.nothingToRead(), "the right password was let in straight after a wrong one");

        clock.advance(Duration.ofMillis(250));
        assertEquals("mallory", right.next().path("you").asString(), "let in once the delay is over");
        assertEquals("finally in", right.awaitFrame(f -> RawPeer.isMsg(f, "m1")).path("text").asString());
        chat("after");
    }

    @Test
    void guessesFromOneAddressAreCheckedOneAtATimeEachWaitingTwiceAsLong() {
        openRoomWithPassword(AbuseLimits.defaults());
        RawPeer first = attacker();
        first.send(hello("guess 0"));
        assertRefusedWith(first, "bad_password");

        List<RawPeer> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            RawPeer guess = attacker();
            guess.send(hello("guess " + i));
            waiting.add(guess);
        }
        barrier("while five guesses wait");
        assertEquals(0, answered(waiting), "guesses answered before the delay was over, of 5");

        long delay = 250;
        while (!waiting.isEmpty()) {
            clock.advance(Duration.ofMillis(delay));
            await().atMost(Duration.ofSeconds(10)).until(() -> answered(waiting) >= 1);
            barrier("after a guess was answered");
            assertEquals(1, answered(waiting), "guesses checked after a delay of " + delay + " ms");
            RawPeer done = waiting.stream().filter(p -> !p.nothingToRead()).findFirst().orElseThrow();
            assertRefusedWith(done, "bad_password");
            waiting.remove(done);
            delay *= 2;
            chat("after " + delay);
        }

        // Six wrong ones: the next check is 8 s away, longer than a client waits for its welcome.
        RawPeer late = attacker();
        late.send(hello(SECRET));
        JsonNode refusal = late.next();
        assertEquals("server_full", refusal.path("code").asString(), () -> "refused at once, got " + refusal);
        assertTrue(refusal.path("message").asString().contains("8 s"), () -> "says how long to wait: " + refusal);
        late.assertClosed();
    }

    @Test
    void wrongPasswordsAreLoggedAsASummaryPerAddressNotALinePerGuess() {
        openRoomWithPassword(AbuseLimits.defaults().withPasswordDelay(Duration.ZERO, Duration.ZERO));
        for (int i = 0; i < 25; i++) {
            RawPeer guess = attacker();
            guess.send(hello("guess " + i));
            assertRefusedWith(guess, "bad_password");
            chat("guess " + i);
        }
        roundTrip("after the guesses");
        List<String> about = linesAbout("127.0.0.2");
        assertTrue(about.size() <= 2, () -> about.size() + " log lines for 25 wrong passwords: " + about);

        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> linesAbout("127.0.0.2").stream()
                .anyMatch(line -> line.contains("24") && line.contains("wrong")));
    }

    private List<String> linesAbout(String address) {
        return log.linesWith(address);
    }

    private static String hello(String password) {
        return json("type", "hello", "v", 1, "nick", "mallory", "password", password);
    }

    private static long answered(List<RawPeer> peers) {
        return peers.stream().filter(p -> !p.nothingToRead()).count();
    }
}
