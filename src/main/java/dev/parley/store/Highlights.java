package dev.parley.store;

import java.util.ArrayList;
import java.util.List;

/** Reads the ranges back out of a text that FTS5's {@code highlight()} marked with two characters. */
final class Highlights {
    private Highlights() {
    }

    /**
     * The marked ranges as indices into the text without the markers. The markers must not occur in
     * the original text; adjacent ranges stay separate.
     */
    static List<TextRange> ranges(String marked, char open, char close) {
        List<TextRange> ranges = new ArrayList<>();
        int removed = 0;
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char ch = marked.charAt(i);
            if (ch == open) {
                start = i - removed;
                removed++;
            } else if (ch == close && start >= 0) {
                ranges.add(new TextRange(start, i - removed));
                removed++;
                start = -1;
            }
        }
        return ranges;
    }

    /** A private-use character from {@code from} on that the text does not contain (a text has at most 4,000). */
    static char unusedPrivateUse(String text, char from) {
        char candidate = from;
        while (text.indexOf(candidate) >= 0) {
            candidate++;
        }
        return candidate;
    }
}
