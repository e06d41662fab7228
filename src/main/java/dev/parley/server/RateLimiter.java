package dev.parley.server;

/** A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. Not thread-safe. */
final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    /** @param rate tokens a second; 0 lets everything through */
    RateLimiter(int rate, int burst, long now) {
        this(rate / 1e9, burst, now);
    }

    private RateLimiter(double ratePerNano, int burst, long now) {
        this.ratePerNano = ratePerNano;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** {@code perMinute} tokens a minute, in bursts of as many; 0 lets everything through. */
    static RateLimiter perMinute(int perMinute, long now) {
        return new RateLimiter(perMinute / 60e9, perMinute, now);
    }

    boolean tryAcquire(long now) {
        if (!canAcquire(now)) {
            return false;
        }
        if (ratePerNano != 0) {
            tokens -= 1;
        }
        return true;
    }

    /** Whether a token is there now, without taking it. */
    boolean canAcquire(long now) {
        if (ratePerNano == 0) {
            return true;
        }
        refill(now);
        return tokens >= 1;
    }

    /** Whether the bucket is full again, so forgetting it changes nothing. */
    boolean isFull(long now) {
        if (ratePerNano == 0) {
            return true;
        }
        refill(now);
        return tokens >= burst;
    }

    /** Nanoseconds until the next token, 0 when one is there. */
    long nanosUntilToken(long now) {
        if (canAcquire(now)) {
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    private void refill(long now) {
        if (now - last > 0) {
            tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
            last = now;
        }
    }
}
