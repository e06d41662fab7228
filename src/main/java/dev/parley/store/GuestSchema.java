package dev.parley.store;

import java.util.List;

/** A guest's copy: the rooms it has been in and the latest events of each. */
final class GuestSchema {
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "rooms and the events seen in them", List.of(
                    """
                    CREATE TABLE rooms (
                        id       INTEGER PRIMARY KEY,
                        room_key TEXT NOT NULL UNIQUE,
                        name     TEXT NOT NULL,
                        last_seq INTEGER NOT NULL,
                        updated  INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE events (
                        id       INTEGER PRIMARY KEY,
                        room_key TEXT NOT NULL,
                        seq      INTEGER NOT NULL,
                        frame    BLOB NOT NULL,
                        UNIQUE (room_key, seq)
                    )""")),
            new Migration(2, "the room's lasting id, to tell a restarted host's room from a new one", List.of(
                    "ALTER TABLE rooms ADD COLUMN room_id TEXT")));

    static final Schema SCHEMA = new Schema("guest history", MIGRATIONS, List.of("rooms", "events"));

    private GuestSchema() {
    }
}
