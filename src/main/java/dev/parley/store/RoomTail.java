package dev.parley.store;

import java.util.List;

/**
 * What a restarted room needs from its log, read once when the store opens.
 *
 * @param identity       the room's lasting identity
 * @param nextSeq        the seq the next event gets: one more than the last one stored, 1 for a new room
 * @param recent         the latest events that are not presence ({@link StoredEvent#isPresence()}),
 *                       oldest first, for replay to joining guests
 * @param recentPresence the latest joins and leaves, oldest first: held apart, so churn cannot push
 *                       messages out of the replay
 * @param olderRecent    whether events older than {@code recent} that are not presence are stored
 * @param dedup          the latest messages that carry a client id, oldest first, so that a resend after
 *                       the restart is recognised; lookups beyond them go to {@link RoomStore#findByClientId}
 * @param sessions       the sessions kept, so names stay held for their owners
 */
public record RoomTail(RoomIdentity identity, long nextSeq, List<StoredEvent> recent, List<StoredEvent> recentPresence,
                       boolean olderRecent, List<StoredEvent> dedup, List<StoredSession> sessions) {
    public RoomTail {
        recent = List.copyOf(recent);
        recentPresence = List.copyOf(recentPresence);
        dedup = List.copyOf(dedup);
        sessions = List.copyOf(sessions);
    }
}
