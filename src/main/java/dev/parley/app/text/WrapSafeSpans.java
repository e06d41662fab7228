package dev.parley.app.text;

import java.text.BreakIterator;
import java.util.BitSet;
import java.util.function.ToDoubleFunction;

/**
 * Where a wrapped {@code TextFlow} must start a new {@code Text} node so that JavaFX never splits a
 * complex-script run while wrapping. This is the workaround for the right-to-left freeze.
 *
 * <p><b>The bug (OpenJFX 26.0.2 on Linux, and every release since 23).</b> When a line must wrap
 * inside a run, {@code PrismTextLayout.layout()} splits the {@code TextRun} in two and re-shapes the
 * first half through the same {@code PangoGlyphLayout}. That glyph layout caches each run's UTF-8
 * text by run identity ({@code runUtf8}), and {@code TextRun.split} keeps the object for the first
 * half: the re-shape reads the whole run's text again. For a right-to-left run the character
 * indices it computes ({@code run.getLength() - numChars + cluster}) come out negative;
 * {@code computeTrailingSpaceWidth}, added for JDK-8314215 (trailing spaces at soft wraps, JavaFX 23,
 * neighbour of JDK-8330559 for RTL trailing spaces on macOS), indexes the text with them and throws
 * {@code ArrayIndexOutOfBoundsException} on every pulse. Left-to-right complex text (Devanagari)
 * does not throw but draws the first line's words twice. Short text never wraps, so never splits.
 * The headless glass platform uses the same font code and shows the same failure.
 *
 * <p><b>Why the workaround is safe.</b> JavaFX only breaks a line at (a) a {@code BreakIterator}
 * line boundary of the whole flow's text, or (b) when no boundary is left on the line, inside the
 * run that overflows. A run never spans two {@code Text} nodes. So: a node starts at every line
 * boundary, making (a) a run boundary, which needs no split; and a "word" with complex characters
 * that could be wider than a line gets a node per grapheme cluster, so (b) moves a whole
 * one-cluster run to the next line. Non-complex runs (Latin, CJK) are split without re-shaping and
 * stay in one node. Nodes also start where letters meet punctuation, spaces or digits: Pango
 * otherwise shapes an RTL node's trailing ". " as a separate item and places it on the wrong side.
 * The text shown is exactly the text given (no inserted characters); only its division into nodes
 * changes. What is lost: the letters of a single Arabic "word" too long for a narrow bubble
 * ({@link #LONG_WORD_WIDTH}, about 20 letters) are drawn unjoined.
 */
public final class WrapSafeSpans {
    /** A run of this many chars or fewer is never measured: 8 clusters of 14 px text stay well under 160 px. */
    static final int SHORT_WORD = 8;
    /**
     * A complex run measured wider than this (unwrapped, which is safe) may not fit the narrowest
     * wrap ({@link SafeTextFlow#MIN_WRAP}, with room for the font the stylesheet picks instead).
     */
    static final double LONG_WORD_WIDTH = SafeTextFlow.MIN_WRAP * 0.6;

    private WrapSafeSpans() {
    }

    /**
     * The offsets in {@code flowText} (the concatenated text of a flow's nodes, U+FFFC for a node
     * that is not text) where a new text node must begin. Empty when the text has nothing complex.
     *
     * @param width the unwrapped width of a piece of text in the body font (only asked for long words)
     */
    public static BitSet cuts(String flowText, ToDoubleFunction<String> width) {
        BitSet cuts = new BitSet(flowText.length() + 1);
        if (!ComplexScripts.containsComplex(flowText)) {
            return cuts;
        }
        // The same iterator JavaFX uses (PrismTextLayout: BreakIterator.getLineInstance()), so its
        // boundaries are exactly the ones JavaFX may pick.
        BreakIterator lines = BreakIterator.getLineInstance();
        lines.setText(flowText);
        int start = lines.first();
        for (int end = lines.next(); end != BreakIterator.DONE; start = end, end = lines.next()) {
            cuts.set(start);
            cutInside(flowText, start, end, cuts, width);
        }
        cuts.clear(0);
        return cuts;
    }

    private static void cutInside(String text, int start, int end, BitSet cuts, ToDoubleFunction<String> width) {
        int runStart = start;
        int previousKind = -1;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            int kind = kind(cp);
            if (kind != MARK) {
                if (previousKind != -1 && kind != previousKind) {
                    cuts.set(i);
                    cutLongWord(text, runStart, i, cuts, width);
                    runStart = i;
                }
                previousKind = kind;
            }
            i += Character.charCount(cp);
        }
        cutLongWord(text, runStart, end, cuts, width);
    }

    /** A node per grapheme cluster for a complex run of one kind that may not fit the narrowest wrap. */
    private static void cutLongWord(String text, int start, int end, BitSet cuts, ToDoubleFunction<String> width) {
        if (end - start <= SHORT_WORD) {
            return;
        }
        String word = text.substring(start, end);
        if (!ComplexScripts.containsComplex(word) || width.applyAsDouble(word) <= LONG_WORD_WIDTH) {
            return;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(word);
        for (int b = graphemes.next(); b != BreakIterator.DONE; b = graphemes.next()) {
            cuts.set(start + b);
        }
    }

    private static final int MARK = 0;
    private static final int LETTER = 1;
    private static final int DIGIT = 2;
    private static final int OTHER = 3;

    private static int kind(int cp) {
        return switch (Character.getType(cp)) {
            // Format characters (ZWNJ in Persian, ZWJ) stay with the letters they join or part.
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.FORMAT -> MARK;
            case Character.DECIMAL_DIGIT_NUMBER -> DIGIT;
            default -> Character.isLetter(cp) ? LETTER : OTHER;
        };
    }
}
