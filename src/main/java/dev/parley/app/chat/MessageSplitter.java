package dev.parley.app.chat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text too long for one message into parts that each fit, at the most natural place within
 * reach: a paragraph break, else the end of a sentence, else a space between words, else between two
 * characters as a person sees them (grapheme clusters: an emoji with its skin tone, a letter with its
 * accents, a family of ZWJ-joined emoji stay whole). Whitespace at a cut is dropped; nothing else is.
 * Lengths count code points, as the protocol's limit does. No JavaFX; any thread.
 */
final class MessageSplitter {
    /** A natural cut is taken only if it leaves a part at least this share of the limit long. */
    private static final double MIN_SHARE = 0.5;

    private final int limit;
    private final Locale locale;

    MessageSplitter(int limit, Locale locale) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.limit = limit;
        this.locale = locale;
    }

    /** The parts, in order; one part (the text stripped) when it already fits. */
    List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.codePointCount(0, rest.length()) > limit) {
            int cut = cut(rest);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Where to end the first part of {@code text}, which is longer than the limit: a char index. */
    private int cut(String text) {
        int reach = text.offsetByCodePoints(0, limit);
        int least = text.offsetByCodePoints(0, (int) (limit * MIN_SHARE));
        int paragraph = text.lastIndexOf("\n\n", reach - 1);
        if (paragraph >= least) {
            return paragraph;
        }
        int line = text.lastIndexOf('\n', reach - 1);
        if (line >= least) {
            return line;
        }
        int sentence = lastBoundary(BreakIterator.getSentenceInstance(locale), text, reach);
        if (sentence >= least) {
            return sentence;
        }
        int word = lastBoundary(BreakIterator.getLineInstance(locale), text, reach);
        if (word >= least) {
            return word;
        }
        int grapheme = lastBoundary(BreakIterator.getCharacterInstance(locale), text, reach);
        // A single cluster longer than the limit (never seen in real text) is cut where it must be.
        return grapheme > 0 ? grapheme : reach;
    }

    /** The last boundary of {@code breaks} at or before {@code reach} (a char index), or -1. */
    private static int lastBoundary(BreakIterator breaks, String text, int reach) {
        breaks.setText(text);
        int at = breaks.preceding(reach + 1);
        return at == BreakIterator.DONE ? -1 : at;
    }
}
