package dev.parley.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room log in memory: a ring of the latest events and a bounded map of message ids. Appends
 * complete at once, inside {@link #append}. Loop thread only (under the room's lock).
 */
final class MemoryRoomLog implements RoomLog {
    private final LoggedEvent[] ring;
    private final Map<ClientId, LoggedEvent> sent;
    private long firstSeq = 1;
    private long nextSeq = 1;

    /**
     * @param capacity      events held for replay
     * @param dedupCapacity message ids remembered; the oldest is forgotten first
     */
    MemoryRoomLog(int capacity, int dedupCapacity) {
        ring = new LoggedEvent[capacity];
        sent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ClientId, LoggedEvent> eldest) {
                return size() > dedupCapacity;
            }
        };
    }

    /** A factory for rooms of this config. */
    static Factory factory(ServerConfig config) {
        return loop -> new MemoryRoomLog(config.historySize(), config.dedupCapacity());
    }

    @Override
    public long nextSeq() {
        return nextSeq;
    }

    @Override
    public void append(LoggedEvent event, ClientId clientId, Appended done) {
        if (event.seq() != nextSeq) {
            throw new IllegalArgumentException("event seq " + event.seq() + " appended where " + nextSeq + " is next");
        }
        ring[(int) (nextSeq % ring.length)] = event;
        nextSeq++;
        if (nextSeq - firstSeq > ring.length) {
            firstSeq = nextSeq - ring.length;
        }
        if (clientId != null) {
            sent.put(clientId, event);
        }
        done.appended(event);
    }

    @Override
    public long firstSeq() {
        return firstSeq;
    }

    @Override
    public long lastSeq() {
        return nextSeq - 1;
    }

    @Override
    public List<LoggedEvent> read(long from, long to) {
        long start = Math.max(from, firstSeq);
        long end = Math.min(to, lastSeq());
        List<LoggedEvent> events = new ArrayList<>((int) Math.max(0, end - start + 1));
        for (long seq = start; seq <= end; seq++) {
            events.add(ring[(int) (seq % ring.length)]);
        }
        return events;
    }

    @Override
    public LoggedEvent sent(ClientId clientId) {
        return sent.get(clientId);
    }

    @Override
    public void close() {
        sent.clear();
    }
}
