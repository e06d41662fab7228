package dev.parley.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The room's identity and counters in the {@code meta} table, read and bumped once per open. */
final class RoomMeta {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomMeta() {
    }

    /** Reads the identity (making one for a new room) and counts this open as a new epoch; commits. */
    static RoomIdentity openEpoch(Connection c, Instant now) throws SQLException {
        Map<String, String> meta = read(c);
        String roomId = meta.get("room_id");
        if (roomId == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            roomId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            put(c, "room_id", roomId);
            put(c, "created", Long.toString(now.toEpochMilli()));
            if (meta.containsKey("epoch")) {
                // The meta rows were lost (a salvage could not read them): say so in the log, go on as a new room.
                System.getLogger("dev.parley.store").log(System.Logger.Level.WARNING,
                        "The room's identity was lost; guests will see it as a new room");
            }
        }
        long created = Long.parseLong(meta.getOrDefault("created", Long.toString(now.toEpochMilli())));
        long epoch = Long.parseLong(meta.getOrDefault("epoch", "0")) + 1;
        put(c, "epoch", Long.toString(epoch));
        c.commit();
        return new RoomIdentity(roomId, Instant.ofEpochMilli(created), epoch);
    }

    /** The next seq as the last batch recorded it (retention may have removed the events themselves). */
    static long recordedNextSeq(Connection c) throws SQLException {
        String value = read(c).get("next_seq");
        return value == null ? 1 : Long.parseLong(value);
    }

    private static Map<String, String> read(Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT key, value FROM meta"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                meta.put(r.getString(1), r.getString(2));
            }
        }
        return meta;
    }

    private static void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }
}
