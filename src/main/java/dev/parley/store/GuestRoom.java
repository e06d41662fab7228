package dev.parley.store;

import java.time.Instant;

/**
 * A room a guest has been in, as its copy remembers it.
 *
 * @param roomKey what the app keys the room by (the room's identity, and the host's key once there is one)
 * @param name    the room's name when last seen
 * @param lastSeq the last seq seen: where to resume with {@code since}
 * @param updated when the copy last changed
 * @param roomId  the room's lasting id as its host last said it, or {@code null} when unknown
 */
public record GuestRoom(String roomKey, String name, long lastSeq, Instant updated, String roomId) {
}
