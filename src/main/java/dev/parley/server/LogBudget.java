package dev.parley.server;

/**
 * How many log lines one source (a connection, or an address before it joined) may cause: a
 * burst, then so many a minute. Lines over the budget are not written but counted, and the count
 * is handed out once a minute so the operator reads one summary instead of a flood. Loop thread
 * only; times are the abuse clock's nanoseconds.
 */
final class LogBudget {
    private static final long MINUTE = 60_000_000_000L;

    private final RateLimiter lines;
    private long leftOut;
    private long summaryDue;

    LogBudget(int perMinute, long now) {
        this.lines = RateLimiter.perMinute(perMinute, now);
        this.summaryDue = now + MINUTE;
    }

    /** Whether one more line may be written now; if not, it is counted as left out. */
    boolean allow(long now) {
        if (lines.tryAcquire(now)) {
            return true;
        }
        leftOut++;
        return false;
    }

    /**
     * Lines left out since the last summary, once a minute has passed since it (0 otherwise, or
     * when none were); the count starts again.
     */
    long summaryDue(long now) {
        if (now - summaryDue < 0) {
            return 0;
        }
        return takeLeftOut(now);
    }

    /** Lines left out since the last summary, at once (when the source goes away); the count starts again. */
    long takeLeftOut(long now) {
        long n = leftOut;
        leftOut = 0;
        summaryDue = now + MINUTE;
        return n;
    }

    /** Whether forgetting this budget loses nothing: nothing left out to report and the budget full again. */
    boolean atRest(long now) {
        return leftOut == 0 && lines.isFull(now);
    }
}
