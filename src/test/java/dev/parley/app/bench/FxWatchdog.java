package dev.parley.app.bench;

import javafx.application.Platform;

import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long the FX thread is busy at once, whatever keeps it busy (pulses, event batches,
 * garbage collection): a background thread posts one {@code runLater} tick, waits until it has run,
 * notes the delay, waits 1 ms and posts the next. With one tick in flight, a tick's delay is how
 * long the FX thread could not take a new event, to about 1 ms.
 */
final class FxWatchdog implements AutoCloseable {
    /** What the ticks saw since the last {@link #reset()}; times in milliseconds. */
    record Stalls(double maxMs, long ticks, long over16, long over50) {
    }

    private final Thread thread;
    private final Runnable tick = this::tick;
    private volatile boolean running = true;
    private volatile long ranAt;
    private long maxNanos;
    private long ticks;
    private long over16;
    private long over50;

    FxWatchdog() {
        thread = Thread.ofPlatform().daemon().name("fx-watchdog").unstarted(this::loop);
        thread.start();
    }

    synchronized void reset() {
        maxNanos = 0;
        ticks = 0;
        over16 = 0;
        over50 = 0;
    }

    synchronized Stalls snapshot() {
        return new Stalls(maxNanos / 1e6, ticks, over16, over50);
    }

    private void loop() {
        while (running) {
            ranAt = 0;
            long postedAt = System.nanoTime();
            Platform.runLater(tick);
            while (ranAt == 0 && running) {
                LockSupport.parkNanos(10_000_000);
            }
            record(ranAt - postedAt);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void tick() {
        ranAt = System.nanoTime();
        LockSupport.unpark(thread);
    }

    private synchronized void record(long delay) {
        ticks++;
        maxNanos = Math.max(maxNanos, delay);
        if (delay > 16_000_000) {
            over16++;
        }
        if (delay > 50_000_000) {
            over50++;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
