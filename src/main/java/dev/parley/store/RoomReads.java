package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The queries that read events back. Each runs on whichever thread owns the connection it is given. */
final class RoomReads {
    static final String COLUMNS = "seq, type, time, frame, sender_key, client_id, text";

    private RoomReads() {
    }

    /** The row under the cursor, whose first seven columns are {@link #COLUMNS}. */
    static StoredEvent event(ResultSet r) throws SQLException {
        return new StoredEvent(r.getLong(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getBytes(4),
                r.getString(5), r.getString(6), r.getString(7));
    }

    /** Events with a seq above {@code seq}, oldest first: a resume. */
    static HistoryPage after(Connection c, long seq, int limit) throws SQLException {
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                seq, limit + 1);
        boolean moreAfter = trim(events, limit);
        long first = events.isEmpty() ? seq + 1 : events.getFirst().seq();
        return new HistoryPage(events, exists(c, "SELECT 1 FROM events WHERE seq < ? LIMIT 1", first), moreAfter);
    }

    /** Events with a seq below {@code seq}, oldest first: the page above what a person scrolled to. */
    static HistoryPage before(Connection c, long seq, int limit) throws SQLException {
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                seq, limit + 1);
        boolean moreBefore = trim(events, limit);
        Collections.reverse(events);
        long last = events.isEmpty() ? seq - 1 : events.getLast().seq();
        return new HistoryPage(events, moreBefore, exists(c, "SELECT 1 FROM events WHERE seq > ? LIMIT 1", last));
    }

    /** Up to {@code count} events centred on {@code seq} (a search hit shown in context), oldest first. */
    static HistoryPage around(Connection c, long seq, int count) throws SQLException {
        int older = count / 2;
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                seq, older + 1);
        boolean moreBefore = trim(events, older);
        Collections.reverse(events);
        List<StoredEvent> newer = list(c, "SELECT " + COLUMNS + " FROM events WHERE seq >= ? ORDER BY seq LIMIT ?",
                seq, count - older + 1);
        boolean moreAfter = trim(newer, count - older);
        events.addAll(newer);
        return new HistoryPage(events, moreBefore, moreAfter);
    }

    /** The newest message {@code senderKey} sent with {@code clientId}, if it is still kept. */
    static Optional<StoredEvent> byClientId(Connection c, String senderKey, String clientId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM events "
                + "WHERE sender_key = ? AND client_id = ? ORDER BY seq DESC LIMIT 1")) {
            s.setString(1, senderKey);
            s.setString(2, clientId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(event(r)) : Optional.empty();
            }
        }
    }

    /** The latest {@code n} events, oldest first. */
    static List<StoredEvent> latest(Connection c, int n) throws SQLException {
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events ORDER BY seq DESC LIMIT ?", n);
        Collections.reverse(events);
        return events;
    }

    /** The latest {@code n} events that are not presence, oldest first. */
    static List<StoredEvent> latestMessages(Connection c, int n) throws SQLException {
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events WHERE type NOT IN ('joined', 'left') "
                + "ORDER BY seq DESC LIMIT ?", n);
        Collections.reverse(events);
        return events;
    }

    /** The latest {@code n} joins and leaves, oldest first (through the partial index on presence). */
    static List<StoredEvent> latestPresence(Connection c, int n) throws SQLException {
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events WHERE type IN ('joined', 'left') "
                + "ORDER BY seq DESC LIMIT ?", n);
        Collections.reverse(events);
        return events;
    }

    /** Whether an event that is not presence is stored below {@code seq}. */
    static boolean messagesBefore(Connection c, long seq) throws SQLException {
        return exists(c, "SELECT 1 FROM events WHERE seq < ? AND type NOT IN ('joined', 'left') LIMIT 1", seq);
    }

    /** Every session kept. */
    static List<StoredSession> sessions(Connection c) throws SQLException {
        List<StoredSession> sessions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, nick_key, nick, token_hash, previous_hash, last_seen FROM sessions");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                sessions.add(new StoredSession(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4),
                        r.getBytes(5), r.getLong(6)));
            }
        }
        return sessions;
    }

    /** The latest {@code n} events that carry a client id, oldest first. */
    static List<StoredEvent> latestWithClientId(Connection c, int n) throws SQLException {
        List<StoredEvent> events = list(c, "SELECT " + COLUMNS + " FROM events WHERE client_id IS NOT NULL "
                + "ORDER BY seq DESC LIMIT ?", n);
        Collections.reverse(events);
        return events;
    }

    /** The highest seq stored, 0 when none is. */
    static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM events");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<StoredEvent> list(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setLong(i + 1, args[i]);
            }
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(event(r));
                }
            }
            return events;
        }
    }

    /** Drops the one extra row asked for to learn whether there is more; says whether there was. */
    private static boolean trim(List<StoredEvent> events, int limit) {
        if (events.size() > limit) {
            events.subList(limit, events.size()).clear();
            return true;
        }
        return false;
    }

    private static boolean exists(Connection c, String sql, long arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, arg);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
