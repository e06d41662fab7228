package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Full-text search over message text, newest first, with where each hit matched. Runs on a reader
 * thread. The matched ranges come from FTS5's {@code highlight()} with two marker characters,
 * whose positions are then mapped back onto the original text.
 */
final class HistorySearch {
    /** Most hits one search returns; more come by asking again with {@code beforeSeq}. */
    static final int MAX_RESULTS = 50;
    private static final char OPEN = '\u0001';
    private static final char CLOSE = '\u0002';

    private HistorySearch() {
    }

    static SearchResults search(Connection c, String words, long beforeSeq, int limit) throws SQLException {
        Optional<String> fts = SearchQuery.toFts(words);
        if (fts.isEmpty()) {
            return SearchResults.NONE;
        }
        int bounded = Math.clamp(limit, 1, MAX_RESULTS);
        List<SearchHit> hits = new ArrayList<>();
        boolean more = false;
        try (PreparedStatement s = c.prepareStatement("SELECT e.seq, e.type, e.time, e.frame, e.sender_key, "
                + "e.client_id, e.text, highlight(events_fts, 0, ?, ?) FROM events_fts "
                + "JOIN events e ON e.seq = events_fts.rowid "
                + "WHERE events_fts MATCH ? AND events_fts.rowid < ? ORDER BY events_fts.rowid DESC LIMIT ?")) {
            s.setString(1, String.valueOf(OPEN));
            s.setString(2, String.valueOf(CLOSE));
            s.setString(3, fts.get());
            s.setLong(4, beforeSeq);
            s.setInt(5, bounded + 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (hits.size() == bounded) {
                        more = true;
                        break;
                    }
                    StoredEvent event = RoomReads.event(r);
                    String marked = r.getString(8);
                    List<TextRange> ranges = event.text().indexOf(OPEN) >= 0 || event.text().indexOf(CLOSE) >= 0
                            ? rangesWithOtherMarkers(c, fts.get(), event)
                            : Highlights.ranges(marked, OPEN, CLOSE);
                    hits.add(new SearchHit(event, ranges));
                }
            }
        }
        return new SearchResults(hits, more);
    }

    /** The rare text that holds a marker character itself: highlight it again with two it lacks. */
    private static List<TextRange> rangesWithOtherMarkers(Connection c, String fts, StoredEvent event)
            throws SQLException {
        char open = Highlights.unusedPrivateUse(event.text(), '\uE000');
        char close = Highlights.unusedPrivateUse(event.text(), (char) (open + 1));
        try (PreparedStatement s = c.prepareStatement("SELECT highlight(events_fts, 0, ?, ?) FROM events_fts "
                + "WHERE events_fts MATCH ? AND rowid = ?")) {
            s.setString(1, String.valueOf(open));
            s.setString(2, String.valueOf(close));
            s.setString(3, fts);
            s.setLong(4, event.seq());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Highlights.ranges(r.getString(1), open, close) : List.of();
            }
        }
    }
}
