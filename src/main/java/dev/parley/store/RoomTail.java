package dev.parley.store;

import java.util.List;

/**
 * What a restarted room needs from its log, read once when the store opens.
 *
 * @param identity the room's lasting identity
 * @param nextSeq  the seq the next event gets: one more than the last one stored, 1 for a new room
 * @param recent   the latest events, oldest first, for replay to joining guests
 * @param dedup    the latest messages that carry a client id, oldest first, so that a resend after
 *                 the restart is recognised; lookups beyond them go to {@link RoomStore#findByClientId}
 */
public record RoomTail(RoomIdentity identity, long nextSeq, List<StoredEvent> recent, List<StoredEvent> dedup) {
    public RoomTail {
        recent = List.copyOf(recent);
        dedup = List.copyOf(dedup);
    }
}
