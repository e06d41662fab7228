package dev.parley.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One room event as the log keeps it: the frame exactly as every participant was sent it (the
 * JSON line, newline included), so a replay is the very same bytes, plus the few fields the log
 * itself needs to find it again.
 *
 * @param seq       the room's sequence number, 1 and up, strictly increasing
 * @param type      the frame's wire type ({@code msg}, {@code joined}, {@code left}, ...)
 * @param time      when the server stamped it; retention counts days from it
 * @param frame     the wire bytes; not copied, so the caller must not change them afterwards
 * @param senderKey who sent it, for de-duplication (the server's session id), or {@code null} for presence events
 * @param clientId  the id the sender chose for a message, or {@code null}
 * @param text      the words that search finds, or {@code null}
 */
public record StoredEvent(long seq, String type, Instant time, byte[] frame, String senderKey,
                          String clientId, String text) {

    public StoredEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, was " + seq);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(frame, "frame");
        if ((senderKey == null) != (clientId == null)) {
            throw new IllegalArgumentException("a client id needs its sender and the other way round");
        }
    }

    /** Joins and leaves: held apart from messages in a replay, so that churn cannot push messages out. */
    public boolean isPresence() {
        return isPresence(type);
    }

    /** Whether events of this wire type are presence. */
    public static boolean isPresence(String type) {
        return "joined".equals(type) || "left".equals(type);
    }

    /** A presence or other event that search does not index and de-duplication does not need. */
    public static StoredEvent plain(long seq, String type, Instant time, byte[] frame) {
        return new StoredEvent(seq, type, time, frame, null, null, null);
    }
}
