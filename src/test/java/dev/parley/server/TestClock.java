package dev.parley.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A monotonic clock in nanoseconds that moves only when a test moves it, for the host's abuse
 * limits (bans, password delays, join and log budgets). Lets a test show a delay as an order of
 * events instead of timing anything. Any thread.
 */
final class TestClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
