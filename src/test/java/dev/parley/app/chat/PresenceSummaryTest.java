package dev.parley.app.chat;

import dev.parley.app.chat.PresenceSummary.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one sentence a run of joins and leaves becomes. */
@Timeout(10)
class PresenceSummaryTest {
    private final PresenceSummary summary =
            new PresenceSummary(ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH));

    private static Change in(String nick) {
        return new Change(nick, true, nick + " joined");
    }

    private static Change out(String nick) {
        return new Change(nick, false, nick + " left — stopped answering");
    }

    @Test
    void oneChangeKeepsItsOwnSentenceWithTheReason() {
        assertEquals("Ann left — stopped answering", summary.sentence(List.of(out("Ann"))));
    }

    @Test
    void peopleWhoDidTheSameAreNamedTogetherAndManyBecomeOthers() {
        assertEquals("Ann and Bob joined", summary.sentence(List.of(in("Ann"), in("Bob"))));
        assertEquals("Ann, Bob and Cy joined", summary.sentence(List.of(in("Ann"), in("Bob"), in("Cy"))));
        assertEquals("Ann, Bob and 3 others joined",
                summary.sentence(List.of(in("Ann"), in("Bob"), in("Cy"), in("Di"), in("Ed"))));
    }

    @Test
    void eachPersonCountsOnceByWhatTheyDidFirstAndLast() {
        assertEquals("Ann joined and left", summary.sentence(List.of(in("Ann"), out("ann"))));
        assertEquals("Ann left and came back", summary.sentence(List.of(out("Ann"), in("Ann"))));
        assertEquals("Ann joined", summary.sentence(List.of(in("Ann"), out("Ann"), in("Ann"))));
        assertEquals("Ann joined · Bob left", summary.sentence(List.of(in("Ann"), out("Bob"))));
    }
}
