package dev.parley.store;

import java.util.List;

/**
 * What a guest's copy holds for one room: enough to show the conversation at once on start.
 *
 * @param lastSeq the last seq seen (0 when the room is unknown): resume with {@code since}
 * @param events  the latest events kept, oldest first
 * @param roomId  the room's lasting id (resume only in that room), or {@code null} when unknown
 * @param roomName the room's name when last seen, or {@code null} for an unknown room
 */
public record GuestHistory(String roomKey, long lastSeq, List<SeenEvent> events, String roomId, String roomName) {
    public GuestHistory {
        events = List.copyOf(events);
    }
}
