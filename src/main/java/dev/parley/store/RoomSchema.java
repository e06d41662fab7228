package dev.parley.store;

import java.util.List;

/**
 * The room database. Migration 1 is the first release's schema; later releases add steps, never
 * edit one.
 *
 * <p>Search uses an FTS5 table with external content ({@code content='events'}): the words are kept
 * once, in {@code events.text}, and triggers keep the index in step. Chosen over a contentless
 * table because {@code highlight()} needs the text (a contentless table cannot return it), because
 * a contentless table's deletes need the original words passed in by the caller, and because an
 * external-content index can be rebuilt from {@code events} alone, which is what a salvage does
 * when it copies the rows of a damaged file.
 */
final class RoomSchema {
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "events, room identity, full-text search", List.of(
                    // A rowid table (not WITHOUT ROWID) so that a salvage can copy it by rowid.
                    "CREATE TABLE meta (key TEXT NOT NULL UNIQUE, value TEXT NOT NULL)",
                    """
                    CREATE TABLE events (
                        seq        INTEGER PRIMARY KEY,
                        type       TEXT NOT NULL,
                        time       INTEGER NOT NULL,
                        frame      BLOB NOT NULL,
                        sender_key TEXT,
                        client_id  TEXT,
                        text       TEXT
                    )""",
                    "CREATE INDEX events_by_client ON events (sender_key, client_id) WHERE client_id IS NOT NULL",
                    """
                    CREATE VIRTUAL TABLE events_fts USING fts5 (
                        text, content = 'events', content_rowid = 'seq',
                        tokenize = 'unicode61 remove_diacritics 2'
                    )""",
                    """
                    CREATE TRIGGER events_fts_insert AFTER INSERT ON events WHEN new.text IS NOT NULL BEGIN
                        INSERT INTO events_fts (rowid, text) VALUES (new.seq, new.text);
                    END""",
                    """
                    CREATE TRIGGER events_fts_delete AFTER DELETE ON events WHEN old.text IS NOT NULL BEGIN
                        INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', old.seq, old.text);
                    END""",
                    """
                    CREATE TRIGGER events_fts_update AFTER UPDATE OF text ON events BEGIN
                        INSERT INTO events_fts (events_fts, rowid, text)
                            SELECT 'delete', old.seq, old.text WHERE old.text IS NOT NULL;
                        INSERT INTO events_fts (rowid, text) SELECT new.seq, new.text WHERE new.text IS NOT NULL;
                    END""")),
            new Migration(2, "sessions kept across restarts; presence found without scanning messages", List.of(
                    // A rowid table (TEXT PRIMARY KEY keeps the rowid) so that a salvage can copy it.
                    """
                    CREATE TABLE sessions (
                        id            TEXT PRIMARY KEY,
                        nick_key      TEXT NOT NULL,
                        nick          TEXT NOT NULL,
                        token_hash    BLOB NOT NULL,
                        previous_hash BLOB,
                        last_seen     INTEGER NOT NULL
                    )""",
                    // The replay window holds presence apart from messages; its tail is read through this.
                    "CREATE INDEX events_presence ON events (seq) WHERE type IN ('joined', 'left')")));

    static final Schema SCHEMA = new Schema("room history", MIGRATIONS, List.of("meta", "events", "sessions"));

    private RoomSchema() {
    }
}
