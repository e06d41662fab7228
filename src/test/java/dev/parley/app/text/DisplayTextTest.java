package dev.parley.app.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DisplayTextTest {

    private static List<Inline> drawn(String text) {
        List<Inline> out = new ArrayList<>();
        DisplayText.append(text, null, out);
        return out;
    }

    private static Inline.Chars chars(String text) {
        return new Inline.Chars(text, null);
    }

    private static Inline.Hidden hidden(String label, int cp) {
        return new Inline.Hidden(label, cp, null);
    }

    @Test
    void aRightToLeftOverrideIsShownAndDoesNotReverseTheFileName() {
        assertEquals(List.of(chars("invoice_"), hidden("RLO", 0x202e), chars("gpj.exe")), drawn("invoice_\u202Egpj.exe"));
        assertFalse(DisplayText.isClean("invoice_\u202Egpj.exe"));
    }

    @Test
    void escapeSequencesAndControlCharactersBecomeVisibleBoxes() {
        assertEquals(List.of(hidden("ESC", 0x1b), chars("[31mred"), hidden("ESC", 0x1b), chars("]0;title"),
                hidden("BEL", 7)), drawn("\u001B[31mred\u001B]0;title\u0007"));
        assertEquals(List.of(chars("a"), hidden("9B", 0x9b), chars("b"), hidden("DEL", 0x7f)), drawn("a\u009Bb\u007F"));
    }

    @Test
    void tagAndInvisibleFormatCharactersAreShown() {
        assertEquals(List.of(chars("a"), hidden("TAG", 0xe0041), chars("b"), hidden("ZWSP", 0x200b)),
                drawn("a\uDB40\uDC41b\u200B"));
    }

    @Test
    void zalgoKeepsFiveMarksPerLetterAndCountsTheRest() {
        List<Inline> out = drawn("Z" + "\u0301".repeat(4000) + "!");
        assertEquals(List.of(chars("Z" + "\u0301".repeat(5)), hidden("+3995", 0x301), chars("!")), out);
    }

    @Test
    void ordinaryTextNewlinesJoinersAndTabsStayAsTheyAre() {
        String text = "שָׁלוֹם\tmی\u200Cخواهم\nline two";
        assertEquals(List.of(chars(text)), drawn(text));
        assertTrue(DisplayText.isClean(text));
        assertEquals(List.of(chars("a\nb\nc")), drawn("a\r\nb\u2028c"));
    }

    @Test
    void theBubbleDirectionFollowsTheFirstStrongLetter() {
        assertTrue(DisplayText.isRightToLeft("123, مرحبا hello"));
        assertFalse(DisplayText.isRightToLeft("hello مرحبا"));
        assertFalse(DisplayText.isRightToLeft("😀 123"));
    }
}
