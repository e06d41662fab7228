package dev.parley.store;

/** A room event as a guest received it: its seq and its frame's bytes (JSON line, newline included). */
public record SeenEvent(long seq, byte[] frame) {
    public SeenEvent {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, was " + seq);
        }
        java.util.Objects.requireNonNull(frame, "frame");
    }
}
