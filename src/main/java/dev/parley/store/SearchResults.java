package dev.parley.store;

import java.util.List;

/**
 * What a search found, newest first.
 *
 * @param hits at most the limit asked for
 * @param more whether older matches exist: ask again with the last hit's seq as {@code beforeSeq}
 */
public record SearchResults(List<SearchHit> hits, boolean more) {
    public static final SearchResults NONE = new SearchResults(List.of(), false);

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
