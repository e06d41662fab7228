package dev.parley.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link CodePoints}: the Unicode properties the name, text and log rules stand on. */
@Timeout(60)
class CodePointsTest {
    @Test
    void defaultIgnorablesAreIcusForEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean expected = UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
            assertEquals(expected, CodePoints.isDefaultIgnorable(cp), "U+" + Integer.toHexString(cp));
        }
    }

    @Test
    void bidiControlsAreIcusForEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean expected = UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL);
            assertEquals(expected, CodePoints.isBidiControl(cp), "U+" + Integer.toHexString(cp));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {' ', 0x00A0, 0x2007, 0x202F, 0x3000, 0x2028, 0x2029, '\t', '\n', 0x0085, 0x200B, 0xFEFF,
        0x3164, 0xFFA0, 0x115F, 0x1160, 0x2800, 0x0301, 0x20DD, 0x0903, 0x034F, 0xFE0F, 0x202E, 0x2066, 0xE0041,
        0x00AD, 0x1D173, 0x0000, 0x007F, 0x009B, 0x0600, 0xDC00})
    void whiteSpaceInvisiblesAndMarksAreNotVisible(int cp) {
        assertFalse(CodePoints.isVisible(cp), () -> "U+" + Integer.toHexString(cp));
    }

    @ParameterizedTest
    @ValueSource(ints = {'a', 'Z', '0', '.', '_', 0x00E9, 0x0430, 0x4E2D, 0x0915, 0x1F600, 0x2801, 0xE000, 0xFFFC})
    void lettersDigitsSymbolsAndEmojiAreVisible(int cp) {
        assertTrue(CodePoints.isVisible(cp), () -> "U+" + Integer.toHexString(cp));
    }

    @Test
    void loneSurrogatesAreFoundWherePairsAreNot() {
        assertEquals(-1, CodePoints.loneSurrogateAt("plain"));
        assertEquals(-1, CodePoints.loneSurrogateAt("a\uD83D\uDE00b"));
        assertEquals(1, CodePoints.loneSurrogateAt("a\uD800b"));
        assertEquals(1, CodePoints.loneSurrogateAt("a\uDC00b"));
        assertEquals(0, CodePoints.loneSurrogateAt("\uDE00\uD83D"));
        assertEquals(3, CodePoints.loneSurrogateAt("\uD83D\uDE00x\uD83D"));
    }
}
