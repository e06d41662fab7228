package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the guest copy's writer thread does: stores what was seen and moves each room's last seq
 * forward in the same transaction (so a resume never skips an event the copy lacks), then trims
 * each room it touched to its latest events.
 */
final class GuestWriter implements GroupCommit.Handler<GuestWriter.Seen> {
    /** Events seen in a room; with {@code forget}, what was kept for the room goes first (another room now). */
    record Seen(String roomKey, String roomName, String roomId, List<SeenEvent> events, long now, boolean forget) {
    }

    private final int keepPerRoom;
    private final Set<String> touched = new HashSet<>();

    GuestWriter(int keepPerRoom) {
        this.keepPerRoom = keepPerRoom;
    }

    @Override
    public void write(Connection c, List<Seen> batch) throws SQLException {
        try (PreparedStatement room = c.prepareStatement("INSERT INTO rooms (room_key, name, last_seq, updated, room_id) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (room_key) DO UPDATE SET name = excluded.name, "
                + "last_seq = max(last_seq, excluded.last_seq), updated = excluded.updated, "
                + "room_id = coalesce(excluded.room_id, room_id)");
             PreparedStatement event = c.prepareStatement(
                     "INSERT OR IGNORE INTO events (room_key, seq, frame) VALUES (?, ?, ?)");
             PreparedStatement forgetEvents = c.prepareStatement("DELETE FROM events WHERE room_key = ?");
             PreparedStatement forgetRoom = c.prepareStatement("DELETE FROM rooms WHERE room_key = ?")) {
            for (Seen seen : batch) {
                if (seen.forget()) {
                    forgetEvents.setString(1, seen.roomKey());
                    forgetEvents.executeUpdate();
                    forgetRoom.setString(1, seen.roomKey());
                    forgetRoom.executeUpdate();
                }
                long last = 0;
                for (SeenEvent e : seen.events()) {
                    event.setString(1, seen.roomKey());
                    event.setLong(2, e.seq());
                    event.setBytes(3, e.frame());
                    event.executeUpdate();
                    last = Math.max(last, e.seq());
                }
                room.setString(1, seen.roomKey());
                room.setString(2, seen.roomName());
                room.setLong(3, last);
                room.setLong(4, seen.now());
                room.setString(5, seen.roomId());
                room.executeUpdate();
                touched.add(seen.roomKey());
            }
        }
    }

    @Override
    public void committed(List<Seen> batch) {
    }

    @Override
    public void failed(List<Seen> batch, SQLException cause) {
        // Logged by the writer. The room's last seq did not move either, so the next start resumes
        // from before these events and the host sends them again.
    }

    @Override
    public boolean upkeep(Connection c, long nowMillis) throws SQLException {
        if (touched.isEmpty()) {
            return false;
        }
        try (PreparedStatement trim = c.prepareStatement("DELETE FROM events WHERE room_key = ? AND seq <= "
                + "(SELECT seq FROM events WHERE room_key = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
            for (String roomKey : touched) {
                trim.setString(1, roomKey);
                trim.setString(2, roomKey);
                trim.setInt(3, keepPerRoom);
                trim.executeUpdate();
            }
        }
        touched.clear();
        return false;
    }
}
