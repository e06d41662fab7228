package dev.parley.server;

/** A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. Not thread-safe. */
final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    /** @param rate tokens a second; 0 lets everything through */
    RateLimiter(int rate, int burst, long now) {
        this.ratePerNano = rate / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    boolean tryAcquire(long now) {
        if (ratePerNano == 0) {
            return true;
        }
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
