package dev.parley.store;

import java.util.List;

/** One message that matched, with where in its text the words matched, for highlighting. */
public record SearchHit(StoredEvent event, List<TextRange> matches) {
    public SearchHit {
        matches = List.copyOf(matches);
    }
}
