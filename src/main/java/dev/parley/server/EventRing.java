package dev.parley.server;

import java.util.ArrayList;
import java.util.List;

/** The latest events of one kind, oldest first, in a fixed array. Loop thread only. */
final class EventRing {
    private final LoggedEvent[] slots;
    private int start;
    private int size;
    /** The highest seq pushed out of the ring, 0 when none was. */
    private long evicted;

    EventRing(int capacity) {
        slots = new LoggedEvent[capacity];
    }

    /** Adds the newest event; the oldest goes when full. */
    void add(LoggedEvent e) {
        if (size == slots.length) {
            evicted = slots[start].seq();
            slots[start] = e;
            start = (start + 1) % slots.length;
        } else {
            slots[(start + size) % slots.length] = e;
            size++;
        }
    }

    /** Marks events up to {@code seq} as gone without ever having been held (older than a restart's tail). */
    void evictedUpTo(long seq) {
        evicted = Math.max(evicted, seq);
    }

    long evicted() {
        return evicted;
    }

    int size() {
        return size;
    }

    LoggedEvent get(int i) {
        return slots[(start + i) % slots.length];
    }

    /** Index of the first event with a seq above {@code seq}; {@link #size()} when none is. */
    int firstAfter(long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid).seq() <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The events from index {@code from} on. */
    List<LoggedEvent> from(int from) {
        List<LoggedEvent> events = new ArrayList<>(Math.max(0, size - from));
        for (int i = from; i < size; i++) {
            events.add(get(i));
        }
        return events;
    }

    void clear() {
        java.util.Arrays.fill(slots, null);
        start = 0;
        size = 0;
    }
}
