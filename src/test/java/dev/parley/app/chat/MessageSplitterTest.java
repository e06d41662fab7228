package dev.parley.app.chat;

import dev.parley.protocol.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long texts cut into messages that fit, at the places a person would cut them. */
@Timeout(10)
class MessageSplitterTest {

    private static List<String> split(int limit, String text) {
        List<String> parts = new MessageSplitter(limit, Locale.ENGLISH).split(text);
        for (String p : parts) {
            assertTrue(p.codePointCount(0, p.length()) <= limit, "a part is over the limit: " + p);
            assertTrue(!p.isBlank(), "no blank part");
        }
        return parts;
    }

    /** The text without whitespace: what a split must keep, in order. */
    private static String ink(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void aTextThatFitsStaysOneMessage() {
        assertEquals(List.of("short and sweet"), split(40, "short and sweet"));
    }

    @Test
    void paragraphsAreKeptTogetherWhenTheyFit() {
        String text = "First paragraph, fairly long.\n\nSecond one, also long.";
        assertEquals(List.of("First paragraph, fairly long.", "Second one, also long."), split(40, text));
    }

    @Test
    void withoutAParagraphBreakItCutsAtTheEndOfASentence() {
        String text = "One sentence here. Another sentence follows it.";
        assertEquals(List.of("One sentence here.", "Another sentence follows it."), split(30, text));
    }

    @Test
    void withoutSentencesItCutsBetweenWords() {
        String text = "alpha beta gamma delta epsilon zeta eta theta";
        List<String> parts = split(20, text);
        for (String p : parts) {
            assertTrue(text.contains(p) && !p.startsWith(" ") && !p.endsWith(" "), "whole words: " + p);
        }
        assertEquals(ink(text), ink(String.join("", parts)));
    }

    @Test
    void aLongWordIsCutBetweenGraphemesNeverInsideOne() {
        String family = "👨‍👩‍👧";
        String accented = "e\u0301";
        String flag = "🇳🇴";
        String text = (family + accented + flag + "👍🏽").repeat(12);
        List<String> parts = split(17, text);
        assertEquals(text, String.join("", parts), "nothing lost or added");
        for (String p : parts) {
            BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ENGLISH);
            clusters.setText(text);
            int at = text.indexOf(p) + p.length();
            // Each part ends where a cluster ends in the whole text.
            assertTrue(at == text.length() || clusters.isBoundary(at), "cut inside a cluster after: " + p);
            assertTrue(!p.startsWith("\u0301") && !p.startsWith("\u200d") && !p.startsWith("🏽"),
                    "no part starts with half a character: " + p);
        }
    }

    @Test
    void aPastedTenThousandCharacterTextBecomesThreeMessagesThatKeepEveryWord() {
        String sentence = "The quick brown fox jumps over the lazy dog near the riverbank today. ";
        StringBuilder text = new StringBuilder();
        while (text.length() < 10_000) {
            text.append(sentence);
            if (text.length() % 7 == 0) {
                text.append("\n\n");
            }
        }
        List<String> parts = split(Limits.MAX_TEXT, text.toString());
        assertEquals(3, parts.size());
        assertEquals(ink(text.toString()), ink(String.join("", parts)));
        for (String p : parts.subList(0, parts.size() - 1)) {
            assertTrue(p.endsWith("."), "cut at the end of a sentence: …" + p.substring(p.length() - 20));
        }
    }
}
