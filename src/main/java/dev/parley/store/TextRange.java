package dev.parley.store;

/**
 * Where a search matched, as {@link String} indices (UTF-16 units) into the event's original text:
 * {@code text.substring(start, end)} is the matched word.
 */
public record TextRange(int start, int end) {
    public TextRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a range: " + start + ".." + end);
        }
    }
}
