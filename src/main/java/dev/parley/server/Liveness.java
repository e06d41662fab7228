package dev.parley.server;

/**
 * A connection's timers: the hello timeout, the heartbeat ping and the idle timeout. It only keeps
 * time and says what is due; the connection acts on it. Loop thread only.
 */
final class Liveness {
    /** What the clock asks of a connection. */
    enum Due { NOTHING, HELLO_TIMEOUT, PING, IDLE }

    private final ServerConfig config;
    private final long openedAt;
    private long lastHeard;
    private boolean pinged;
    private long pings;

    Liveness(ServerConfig config, long now) {
        this.config = config;
        this.openedAt = now;
        this.lastHeard = now;
    }

    /** A frame arrived. */
    void heard(long now) {
        lastHeard = now;
        pinged = false;
    }

    /** What is due at {@code now}; a {@link Due#PING} is reported once per silence. */
    Due check(long now, boolean joined) {
        if (!joined) {
            return now - openedAt >= config.helloTimeout().toNanos() ? Due.HELLO_TIMEOUT : Due.NOTHING;
        }
        long silent = now - lastHeard;
        if (silent >= config.idleTimeout().toNanos()) {
            return Due.IDLE;
        }
        if (silent >= config.pingAfter().toNanos() && !pinged) {
            pinged = true;
            return Due.PING;
        }
        return Due.NOTHING;
    }

    /** The number for the next ping frame. */
    long nextPing() {
        return ++pings;
    }

    /** Whole seconds since the last frame, for the log. */
    long silentSeconds(long now) {
        return (now - lastHeard) / 1_000_000_000L;
    }
}
