package dev.parley.server;

import dev.parley.protocol.Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * The room events a room holds in memory for replays on join and resume: the latest messages and,
 * with a bound of their own, the latest joins and leaves. Presence therefore never pushes a message
 * out: a member away while others churn still gets every message back (issue 15, item 4). A gap is
 * a message that is gone; presence that is gone is simply not replayed (the welcome's user list
 * says who is here). Events come in {@code seq} order. Loop thread only.
 */
final class ReplayWindow {
    private final EventRing messages;
    private final EventRing presence;
    private long lastSeq;

    /** @param capacity events of each kind held */
    ReplayWindow(int capacity) {
        this.messages = new EventRing(capacity);
        this.presence = new EventRing(capacity);
    }

    /** Whether an event is presence (held apart) rather than a message (or another extension's event). */
    static boolean isPresence(Frame.RoomEvent e) {
        return e instanceof Frame.Joined || e instanceof Frame.Left;
    }

    void add(LoggedEvent e) {
        (isPresence(e.event()) ? presence : messages).add(e);
        lastSeq = Math.max(lastSeq, e.seq());
    }

    /**
     * After a restart: the tail read from disk, and the last seq the room had (retention may have
     * removed that event itself). Messages before the oldest one restored count as gone.
     */
    void restore(List<LoggedEvent> recentMessages, List<LoggedEvent> recentPresence, long last, boolean olderExist) {
        recentMessages.forEach(messages::add);
        recentPresence.forEach(presence::add);
        if (olderExist) {
            long oldest = recentMessages.isEmpty() ? last : recentMessages.getFirst().seq() - 1;
            messages.evictedUpTo(oldest);
        }
        lastSeq = Math.max(lastSeq, last);
    }

    /** The newest seq held or known, 0 for a new room. */
    long lastSeq() {
        return lastSeq;
    }

    /**
     * The replay for a {@code hello}: without {@code since} (or with one this room cannot have
     * issued) the latest {@code limit} messages and the joins and leaves since the message before
     * them (at most {@code limit} of those too); with {@code since}, everything held after it.
     */
    RoomLog.Replay replay(Long since, int limit) {
        if (since == null || since < 0 || since > lastSeq) {
            if (limit <= 0) {
                return new RoomLog.Replay(List.of(), since != null);
            }
            int first = Math.max(0, messages.size() - limit);
            // Joins and leaves after the last message left out (all of them when none was), at most as many.
            long after = first == 0 ? 0 : messages.get(first - 1).seq();
            List<LoggedEvent> presenceAfter = presence.from(Math.max(presence.firstAfter(after), presence.size() - limit));
            return new RoomLog.Replay(merge(messages.from(first), presenceAfter), since != null);
        }
        List<LoggedEvent> events = merge(messages.from(messages.firstAfter(since)),
                presence.from(presence.firstAfter(since)));
        return new RoomLog.Replay(events, messages.evicted() > since);
    }

    /** Every held event, oldest first (for a log that answers history requests from memory). */
    List<LoggedEvent> all() {
        return merge(messages.from(0), presence.from(0));
    }

    /** The held messages, oldest first. */
    List<LoggedEvent> messages() {
        return messages.from(0);
    }

    void clear() {
        messages.clear();
        presence.clear();
    }

    private static List<LoggedEvent> merge(List<LoggedEvent> a, List<LoggedEvent> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<LoggedEvent> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && a.get(i).seq() < b.get(j).seq())) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }
}
