package dev.parley.app.chat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class ChatFormatsTest {
    private final ResourceBundle bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:42:00Z"), ZoneOffset.UTC);
    private final ChatFormats formats = new ChatFormats(bundle, clock, Locale.ENGLISH);

    @Test
    void daySeparatorsSayTodayYesterdayThenTheDate() {
        assertEquals("Today", formats.day(LocalDate.of(2026, 11, 24)));
        assertEquals("Yesterday", formats.day(LocalDate.of(2026, 11, 23)));
        assertEquals("Friday, 20 November", formats.day(LocalDate.of(2026, 11, 20)));
        assertEquals("3 March 2025", formats.day(LocalDate.of(2025, 3, 3)));
    }

    @Test
    void screenReadersHearNameTimeAndText() {
        var m = new ChatItem.Message("1", "Alice", false, "hello", clock.instant(), false, null,
                ChatItem.Delivery.DELIVERED, null, true, true, 0, null);
        assertEquals("Alice, 10:42: hello", formats.spoken(m, "You"));
        assertEquals("10:42", formats.time(clock.instant()));
    }

    @Test
    void initialsTakeTheFirstLetterOfUpToTwoWords() {
        assertEquals("AL", Avatars.initials("Ada Lovelace"));
        assertEquals("B", Avatars.initials("bob"));
        assertEquals("JS", Avatars.initials("john_smith_jr"));
        assertEquals("Ж", Avatars.initials("жанна"));
    }

    @Test
    void aPersonKeepsTheirColourWhateverTheCase() {
        assertEquals(Avatars.colourIndex("Alice"), Avatars.colourIndex("alice"));
    }

    @Test
    void linksAreFoundAndTrailingPunctuationIsLeftOut() {
        var parts = Links.split("see https://openjfx.io/docs. or www.example.org!");
        assertEquals(java.util.List.of(
                new Links.Part("see ", null),
                new Links.Part("https://openjfx.io/docs", "https://openjfx.io/docs"),
                new Links.Part(". or ", null),
                new Links.Part("www.example.org", "https://www.example.org"),
                new Links.Part("!", null)), parts);
    }
}
