package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LogText}: what a peer sent cannot forge log lines, drive a terminal or flood the log (issue 15, item 5). */
@Timeout(30)
class LogTextTest {
    @Test
    void aForgedLogLineStaysOnTheSameLine() {
        String forged = "oops\n2026-12-06 00:00:00 INFO dev.parley.server: mallory joined as host\r\n";
        String safe = LogText.safe(forged);
        assertEquals("oops\\n2026-12-06 00:00:00 INFO dev.parley.server: mallory joined as host\\r\\n", safe);
        assertTrue(safe.lines().count() == 1);
    }

    @Test
    void terminalEscapeSequencesLoseTheirEscape() {
        assertEquals("\\e[2J\\e]0;pwned\\u0007 \\u009B31m", LogText.safe("\u001B[2J\u001B]0;pwned\u0007 \u009B31m"));
        assertFalse(LogText.safe("\u001B[31m").contains("\u001B"));
    }

    @Test
    void everyControlCharacterIsEscaped() {
        for (int c = 0; c < 0xA0; c++) {
            int cp = c;
            boolean control = cp < 0x20 || cp >= 0x7F;
            String safe = LogText.safe(Character.toString(cp));
            if (control) {
                assertTrue(safe.startsWith("\\") && safe.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F),
                        () -> "U+" + Integer.toHexString(cp) + " became " + safe);
            } else if (cp != '\\') {
                assertEquals(Character.toString(cp), safe);
            }
        }
    }

    @Test
    void lineSeparatorsBidiControlsAndInvisiblesAreShownAsEscapes() {
        assertEquals("a\\u2028b\\u2029c\\u0085d", LogText.safe("a\u2028b\u2029c\u0085d"));
        assertEquals("invoice_\\u202Egpj.exe", LogText.safe("invoice_\u202Egpj.exe"));
        assertEquals("\\u2066x\\u2069\\u200E\\u200F\\u061C", LogText.safe("\u2066x\u2069\u200E\u200F\u061C"));
        assertEquals("al\\u200Bice\\uFEFF\\u3164", LogText.safe("al\u200Bice\uFEFF\u3164"));
        assertEquals("ok\\u{E0041}\\uFE0F", LogText.safe("ok\uDB40\uDC41\uFE0F"));
    }

    @Test
    void backslashesAndLoneSurrogatesCannotImitateAnEscape() {
        assertEquals("C:\\\\n", LogText.safe("C:\\n"));
        assertEquals("a\\uD800b", LogText.safe("a\uD800b"));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertEquals("José 山田 😀 e\u0301 - ok.", LogText.safe("José 山田 😀 e\u0301 - ok."));
        assertEquals("null", LogText.safe(null));
        assertEquals("", LogText.safe(""));
    }

    @Test
    void longValuesAreCutWithTheCountLeftOut() {
        String sixtyK = "x".repeat(60_000);
        assertEquals("x".repeat(200) + "… (59800 more)", LogText.safe(sixtyK));
        assertEquals("x".repeat(200), LogText.safe("x".repeat(200)));
        assertEquals("😀😀… (3 more)", LogText.safe("😀".repeat(5), 2), "counts code points and never splits a pair");
        assertEquals("\\n\\n… (1 more)", LogText.safe("\n\n\n", 2));
        assertThrows(IllegalArgumentException.class, () -> LogText.safe("x", -1));
    }
}
