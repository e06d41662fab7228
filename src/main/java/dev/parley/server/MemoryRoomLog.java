package dev.parley.server;

import dev.parley.protocol.Frame;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The room log in memory: the replay window, each session's message ids and the sessions, all lost
 * when the host stops (a restarted host is a new room, with a new id). Appends complete at once,
 * inside {@link #append}. History pages and searches reach only the events still held in memory.
 * Loop thread only (under the room's lock).
 */
final class MemoryRoomLog implements RoomLog {
    private final String roomId;
    private final ReplayWindow window;
    private final DedupIndex dedup;
    private final Map<String, SessionRecord> sessions = new HashMap<>();
    private long nextSeq = 1;

    /**
     * @param capacity     events of each kind (messages, presence) held for replay
     * @param perSessionIds message ids remembered per session
     */
    MemoryRoomLog(int capacity, int perSessionIds) {
        this.window = new ReplayWindow(capacity);
        this.dedup = new DedupIndex(perSessionIds);
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        this.roomId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** A factory for rooms of this config. */
    static Factory factory(ServerConfig config) {
        return loop -> new MemoryRoomLog(config.historySize(), config.dedupCapacity());
    }

    @Override
    public String roomId() {
        return roomId;
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
        nextSeq++;
        window.add(event);
        if (clientId != null) {
            dedup.put(clientId, event);
        }
        done.appended(event);
    }

    @Override
    public long lastSeq() {
        return nextSeq - 1;
    }

    @Override
    public Replay replay(Long since, int limit) {
        return window.replay(since, limit);
    }

    @Override
    public LoggedEvent sent(ClientId clientId) {
        return dedup.get(clientId);
    }

    @Override
    public List<SessionRecord> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public void sessionSaved(SessionRecord session) {
        sessions.put(session.id(), session);
    }

    @Override
    public void sessionEnded(String sessionId) {
        sessions.remove(sessionId);
        dedup.forget(sessionId);
    }

    @Override
    public CompletableFuture<Slice> page(long anchor, Direction direction, int limit) {
        return CompletableFuture.completedFuture(slice(window.all(), anchor, direction, limit));
    }

    @Override
    public CompletableFuture<Matches> search(String words, long before, int limit) {
        List<String> needles = new ArrayList<>();
        for (String w : words.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!w.isEmpty()) {
                needles.add(w);
            }
        }
        List<Frame.Hit> hits = new ArrayList<>();
        boolean more = false;
        List<LoggedEvent> messages = window.messages();
        for (int i = messages.size() - 1; i >= 0 && !needles.isEmpty(); i--) {
            if (!(messages.get(i).event() instanceof Frame.Msg m) || m.seq() >= before || m.text() == null) {
                continue;
            }
            List<Frame.Range> ranges = matches(m.text(), needles);
            if (ranges != null) {
                if (hits.size() == limit) {
                    more = true;
                    break;
                }
                hits.add(new Frame.Hit(m, ranges));
            }
        }
        return CompletableFuture.completedFuture(new Matches(hits, more));
    }

    @Override
    public void close() {
        window.clear();
        dedup.clear();
        sessions.clear();
    }

    /** Up to {@code limit} events of {@code events} (ordered by seq) on the given side of {@code anchor}. */
    static Slice slice(List<LoggedEvent> events, long anchor, Direction direction, int limit) {
        int firstAfter = firstAbove(events, anchor);
        int firstAtOrAfter = firstAbove(events, anchor - 1);
        int from;
        int to;
        switch (direction) {
            case BEFORE -> {
                to = firstAtOrAfter;
                from = Math.max(0, to - limit);
            }
            case AFTER -> {
                from = firstAfter;
                to = Math.min(events.size(), from + limit);
            }
            case AROUND -> {
                int older = limit / 2;
                from = Math.max(0, firstAtOrAfter - older);
                to = Math.min(events.size(), firstAtOrAfter + (limit - older));
            }
            default -> throw new IllegalArgumentException(String.valueOf(direction));
        }
        return new Slice(events.subList(from, to), from > 0, to < events.size());
    }

    private static int firstAbove(List<LoggedEvent> events, long seq) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).seq() <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Where each word occurs in the text (ignoring case), or {@code null} if one does not. */
    private static List<Frame.Range> matches(String text, List<String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            return null; // lower-casing changed the length: offsets would not map back; the memory log skips it
        }
        List<Frame.Range> ranges = new ArrayList<>();
        for (String needle : needles) {
            int at = lower.indexOf(needle);
            if (at < 0) {
                return null;
            }
            for (; at >= 0; at = lower.indexOf(needle, at + needle.length())) {
                ranges.add(new Frame.Range(at, at + needle.length()));
            }
        }
        ranges.sort(java.util.Comparator.comparingInt(Frame.Range::start));
        return ranges;
    }
}
