package dev.parley.app.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class WrapSafeSpansTest {

    private static List<String> spans(String text) {
        BitSet cuts = WrapSafeSpans.cuts(text, s -> s.length() * 8.0);
        List<String> spans = new ArrayList<>();
        int from = 0;
        for (int c = cuts.nextSetBit(1); c != -1; c = cuts.nextSetBit(c + 1)) {
            spans.add(text.substring(from, c));
            from = c;
        }
        spans.add(text.substring(from));
        return spans;
    }

    @Test
    void textWithNothingComplexStaysOneNode() {
        assertEquals(List.of("Hello there, see you at 10:30 — 日本語 too"), spans("Hello there, see you at 10:30 — 日本語 too"));
    }

    @Test
    void rightToLeftTextStartsANodeAtEveryLineBreakOpportunityAndAtPunctuation() {
        assertEquals(List.of("مرحبا", " ", "بالعالم", "، ", "كيف", " ", "حالك"), spans("مرحبا بالعالم، كيف حالك"));
    }

    @Test
    void marksAndJoinersStayWithTheirLetters() {
        assertEquals(List.of("שָׁלוֹם", " ", "می\u200Cخواهم"), spans("שָׁלוֹם می\u200Cخواهم"));
    }

    @Test
    void aLongButRealArabicWordStaysWhole() {
        assertEquals(List.of("والمستشفيات", " ", "ok"), spans("والمستشفيات ok"));
    }

    @Test
    void aComplexWordLongerThanALineGetsANodePerGraphemeCluster() {
        List<String> spans = spans("ب".repeat(30) + " ok");
        assertEquals(30 + 2, spans.size());
        assertTrue(spans.subList(0, 30).stream().allMatch("ب"::equals));
    }

    @Test
    void theNodesTogetherAreExactlyTheText() {
        String text = "Meeting at 10:30 في المكتب الرئيسي، please — שלום לכולם ٣٤ (x)  \n  " + "बहुतलंबाशब्दहैयहाँ";
        assertEquals(text, String.join("", spans(text)));
    }
}
