package dev.parley.discovery;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address, so one chatty or hostile machine cannot flood the list or make
 * a host announce in a loop. The table of sources is bounded too: the least recently heard source
 * is forgotten first. Thread-safe.
 */
final class SourceLimiter {
    private static final int MAX_SOURCES = 1_024;

    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private final Map<InetAddress, double[]> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    SourceLimiter(Clock clock, int perSecond, int burst) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Whether a datagram from {@code source} may be handled now; takes a token when it may. */
    synchronized boolean allow(InetAddress source) {
        long now = clock.millis();
        double[] bucket = buckets.computeIfAbsent(source, s -> new double[] {burst, now});
        double refilled = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond / 1_000.0);
        bucket[1] = now;
        if (refilled < 1) {
            bucket[0] = refilled;
            return false;
        }
        bucket[0] = refilled - 1;
        return true;
    }
}
