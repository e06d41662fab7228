package dev.parley.server;

import dev.parley.protocol.LeaveReason;

/**
 * Where a connection is in closing, and why it closes. Open until a last frame is queued or the
 * connection is cut; then closing while that frame is written; then lingering (output shut,
 * still reading the peer's rest so closing does not reset it); then closed. Loop thread only.
 */
final class CloseState {
    /** What the peer still reads from a lingering connection before it is cut off. */
    static final int LINGER_BYTES = 1 << 20;

    enum Phase { OPEN, CLOSING, LINGERING, CLOSED }

    private Phase phase = Phase.OPEN;
    private long since;
    private int lingered;
    private LeaveReason reason;
    private String why;

    Phase phase() {
        return phase;
    }

    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    boolean isClosed() {
        return phase == Phase.CLOSED;
    }

    /** Records why, unless a reason was recorded already; {@code true} when this one counts. */
    boolean because(LeaveReason leaveReason, String detail) {
        if (reason != null) {
            return false;
        }
        reason = leaveReason;
        why = detail;
        return true;
    }

    /** The reason to tell the room; {@link LeaveReason#ERROR} if none was given. */
    LeaveReason reason() {
        return reason == null ? LeaveReason.ERROR : reason;
    }

    String why() {
        return why;
    }

    /** A last frame is queued: from now on only it is written. */
    void closing(long now) {
        if (phase == Phase.OPEN) {
            phase = Phase.CLOSING;
            since = now;
        }
    }

    /** Output is shut; {@code false} if it was already (or the connection is closed). */
    boolean lingering() {
        if (phase == Phase.LINGERING || phase == Phase.CLOSED) {
            return false;
        }
        if (phase == Phase.OPEN) {
            since = System.nanoTime();
        }
        phase = Phase.LINGERING;
        return true;
    }

    /** Counts bytes read after the last frame; {@code true} once enough were taken to stop waiting. */
    boolean lingered(int bytes) {
        lingered += bytes;
        return lingered >= LINGER_BYTES;
    }

    /** Whether a closing or lingering connection has had its grace. */
    boolean graceOver(long now, long graceNanos) {
        return (phase == Phase.CLOSING || phase == Phase.LINGERING) && now - since > graceNanos;
    }

    /** {@code false} if it was closed already. */
    boolean close() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.CLOSED;
        return true;
    }
}
