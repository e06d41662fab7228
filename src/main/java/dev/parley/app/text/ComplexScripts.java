package dev.parley.app.text;

/**
 * Which characters JavaFX lays out through its "complex text" path: on Linux that is Pango, whose
 * re-shaping of a split run is what breaks wrapped right-to-left text (see {@link WrapSafeSpans}).
 *
 * <p>The ranges mirror OpenJFX 26's {@code com.sun.javafx.text.ScriptMapper.isComplexCharCode};
 * right-to-left letters are added because JavaFX treats every run at an odd bidi level as complex,
 * whatever its script (Syriac, Thaana, N'Ko are not in ScriptMapper's list but are laid out
 * right to left). Erring towards "complex" only costs a few more text nodes.
 */
public final class ComplexScripts {
    private ComplexScripts() {
    }

    /** Whether JavaFX would shape {@code cp} with its complex-text engine. */
    public static boolean isComplex(int cp) {
        if (cp < 0x0300) {
            return false;
        }
        byte dir = Character.getDirectionality(cp);
        if (dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
            return true;
        }
        return cp <= 0x036f                       // combining diacritical marks
                || (cp >= 0x0590 && cp <= 0x06ff)  // Hebrew, Arabic
                || (cp >= 0x0900 && cp <= 0x0e7f)  // Indic scripts, Sinhala, Thai
                || (cp >= 0x0f00 && cp <= 0x109f)  // Tibetan, Myanmar
                || (cp >= 0x1100 && cp <= 0x11ff)  // Hangul Jamo
                || (cp >= 0x13a0 && cp <= 0x13ff)  // Cherokee
                || (cp >= 0x1780 && cp <= 0x17ff)  // Khmer
                || (cp >= 0x1c50 && cp <= 0x1c7f)  // Ol Chiki
                || cp == 0x200c || cp == 0x200d    // ZWNJ, ZWJ
                || (cp >= 0x202a && cp <= 0x202e)  // bidi embeddings and overrides
                || (cp >= 0x206a && cp <= 0x206f)  // deprecated format controls
                || (cp >= 0xab70 && cp <= 0xabff)  // Cherokee supplement, Meetei Mayek
                || (cp >= 0x11080 && cp <= 0x110cf) // Kaithi
                || (cp >= 0x12000 && cp <= 0x1254f); // Cuneiform
    }

    /** Whether any character of {@code text} takes the complex path. */
    public static boolean containsComplex(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (isComplex(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
