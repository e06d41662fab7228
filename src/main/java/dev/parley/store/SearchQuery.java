package dev.parley.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error: every word becomes
 * a quoted string (its quotes doubled), so {@code "}, {@code *}, {@code NEAR(}, {@code AND}, {@code :}
 * and the like are only text; the words must all match; the last word also matches as a prefix
 * while the person is still typing it (no space after it yet).
 */
final class SearchQuery {
    /** Longest input searched, in UTF-16 units: a search is words, not a document. */
    static final int MAX_LENGTH = 200;
    /** Most words used; more would only make the query slower, not better. */
    static final int MAX_WORDS = 16;

    private SearchQuery() {
    }

    /**
     * The FTS5 expression, or empty when the words hold nothing searchable (blank, or punctuation only).
     *
     * @throws IllegalArgumentException the input is longer than {@value #MAX_LENGTH}
     */
    static Optional<String> toFts(String words) {
        if (words.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a search is at most " + MAX_LENGTH + " characters");
        }
        // Control characters separate words: FTS5 reads a NUL as the end of the query.
        String cleaned = words.codePoints().map(cp -> Character.isISOControl(cp) ? ' ' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        List<String> kept = new ArrayList<>();
        for (String word : cleaned.strip().split("\\s+")) {
            if (isSearchable(word) && kept.size() < MAX_WORDS) {
                kept.add(word);
            }
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        boolean lastIsPrefix = !cleaned.isEmpty() && !Character.isWhitespace(cleaned.charAt(cleaned.length() - 1));
        StringBuilder fts = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                fts.append(' ');
            }
            fts.append('"').append(kept.get(i).replace("\"", "\"\"")).append('"');
            if (i == kept.size() - 1 && lastIsPrefix) {
                fts.append('*');
            }
        }
        return Optional.of(fts.toString());
    }

    /**
     * Whether the tokenizer (unicode61) finds a token in it: a letter, a digit or a private-use
     * character. A word of punctuation alone would be an empty phrase, which matches nothing.
     */
    private static boolean isSearchable(String word) {
        return word.codePoints().anyMatch(cp -> Character.isLetterOrDigit(cp)
                || Character.getType(cp) == Character.PRIVATE_USE);
    }
}
