package dev.parley.protocol;

/**
 * What a code point looks like on screen, as far as the name, text and log rules need to know.
 * Pure functions over Unicode properties; thread-safe.
 *
 * <p>Java has no API for {@code Default_Ignorable_Code_Point}, so its ranges are written out here
 * (DerivedCoreProperties.txt; the set has not changed from Unicode 16 to 18). A test compares
 * them with ICU4J over every code point.
 */
public final class CodePoints {
    /** Braille pattern blank: a symbol by category, but it draws as an empty cell. */
    static final int BRAILLE_BLANK = 0x2800;

    // Pairs of first and last code point, in order.
    private static final int[] DEFAULT_IGNORABLE = {
        0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5,
        0x180B, 0x180F, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F, 0x3164, 0x3164,
        0xFE00, 0xFE0F, 0xFEFF, 0xFEFF, 0xFFA0, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3,
        0x1D173, 0x1D17A, 0xE0000, 0xE0FFF,
    };

    private CodePoints() {
    }

    /**
     * Whether {@code cp} is a default-ignorable code point: drawn as nothing unless a font says
     * otherwise. Covers zero-width spaces and joiners, bidi controls, variation selectors, the
     * combining grapheme joiner, Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the byte order
     * mark, tag characters and the soft hyphen.
     */
    public static boolean isDefaultIgnorable(int cp) {
        for (int i = 0; i < DEFAULT_IGNORABLE.length; i += 2) {
            if (cp < DEFAULT_IGNORABLE[i]) {
                return false;
            }
            if (cp <= DEFAULT_IGNORABLE[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code cp} is one of the explicit bidi formatting characters (Bidi_Control). */
    public static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Whether {@code cp} is a combining mark (general category Mn, Mc or Me). */
    public static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * Whether {@code cp} on its own puts ink on the screen. Not visible: white space of every
     * kind (no-break spaces included), controls, format characters, surrogates, default
     * ignorables, combining marks (they only decorate a base character) and the braille blank.
     * Unassigned code points count as visible: a newer peer may know them.
     */
    public static boolean isVisible(int cp) {
        if (cp == BRAILLE_BLANK || isDefaultIgnorable(cp) || isMark(cp)) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.CONTROL, Character.FORMAT, Character.SURROGATE -> false;
            default -> true;
        };
    }

    /** The index of the first {@code char} that is half of a surrogate pair without its other half, or -1. */
    public static int loneSurrogateAt(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
