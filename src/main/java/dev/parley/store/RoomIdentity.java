package dev.parley.store;

import java.time.Instant;

/**
 * Who the room is across restarts, kept in its database.
 *
 * @param roomId  a random id made when the room's database was created; a restarted host is the
 *                same room, so its guests resume with {@code since} as after a network blip
 * @param created when the database was created
 * @param epoch   how many times the store has been opened, 1 the first time: tells restarts apart
 */
public record RoomIdentity(String roomId, Instant created, long epoch) {
}
