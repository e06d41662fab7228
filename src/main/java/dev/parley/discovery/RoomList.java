package dev.parley.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The rooms heard lately, keyed by (source address, port, host key), each gone
 * {@code expireAfter} after its last announcement, never more than {@code maxRooms} of them.
 * Thread-safe; listeners are called on the thread that made the change, outside the lock, with
 * a snapshot.
 */
public final class RoomList {
    private static final System.Logger LOG = System.getLogger(RoomList.class.getName());
    private static final Comparator<DiscoveredRoom> ORDER = Comparator
            .comparing((DiscoveredRoom r) -> r.room().toLowerCase(java.util.Locale.ROOT))
            .thenComparing(DiscoveredRoom::display);

    /** What {@link #offer} did. */
    public enum Outcome { ADDED, REFRESHED, FULL }

    private final Clock clock;
    private final Duration expireAfter;
    private final int maxRooms;
    private final Map<DiscoveredRoom.Key, DiscoveredRoom> rooms = new LinkedHashMap<>();
    private final List<Consumer<List<DiscoveredRoom>>> listeners = new CopyOnWriteArrayList<>();
    private boolean warnedFull;

    public RoomList(Clock clock, Duration expireAfter, int maxRooms) {
        this.clock = clock;
        this.expireAfter = expireAfter;
        this.maxRooms = maxRooms;
    }

    /** Adds or refreshes the room {@code source} announced. A new room is turned away while the list is full. */
    public Outcome offer(InetAddress source, Datagram.Announcement a) {
        Instant now = clock.instant();
        var key = new DiscoveredRoom.Key(source, a.port(), a.hostKey());
        Outcome outcome;
        List<DiscoveredRoom> snapshot;
        synchronized (this) {
            removeExpired(now);
            DiscoveredRoom old = rooms.get(key);
            if (old != null) {
                DiscoveredRoom updated = old.heardAgain(a, now);
                rooms.put(key, updated);
                outcome = Outcome.REFRESHED;
                snapshot = sameForAPerson(old, updated) ? null : sorted();
            } else if (rooms.size() >= maxRooms) {
                if (!warnedFull) {
                    warnedFull = true;
                    LOG.log(System.Logger.Level.WARNING, "discovery: the list holds {0} rooms already; new ones are"
                            + " ignored until some expire", maxRooms);
                }
                return Outcome.FULL;
            } else {
                rooms.put(key, new DiscoveredRoom(source, a.port(), a.hostKey(), a.room(), a.instance(),
                        a.passwordNeeded(), a.people(), now, Reachability.CHECKING, null));
                outcome = Outcome.ADDED;
                snapshot = sorted();
            }
        }
        if (snapshot != null) {
            fire(snapshot);
        }
        return outcome;
    }

    /** Records the outcome of a reachability check; nothing happens if the room has gone meanwhile. */
    public void reachability(DiscoveredRoom.Key key, Reachability r) {
        List<DiscoveredRoom> snapshot;
        synchronized (this) {
            DiscoveredRoom old = rooms.get(key);
            if (old == null) {
                return;
            }
            rooms.put(key, old.checked(r, clock.instant()));
            snapshot = old.reachability().equals(r) ? null : sorted();
        }
        if (snapshot != null) {
            fire(snapshot);
        }
    }

    /** Drops rooms not heard from for {@code expireAfter}; call now and then. */
    public void expire() {
        List<DiscoveredRoom> snapshot = null;
        synchronized (this) {
            if (removeExpired(clock.instant())) {
                snapshot = sorted();
            }
        }
        if (snapshot != null) {
            fire(snapshot);
        }
    }

    /** The rooms now, by name then address; expired ones left out. */
    public synchronized List<DiscoveredRoom> snapshot() {
        removeExpired(clock.instant());
        return sorted();
    }

    public synchronized DiscoveredRoom get(DiscoveredRoom.Key key) {
        return rooms.get(key);
    }

    /** {@code listener} hears every change with the new snapshot, on the thread that made it. */
    public void addListener(Consumer<List<DiscoveredRoom>> listener) {
        listeners.add(listener);
    }

    /**
     * One entry per host: entries sharing an announcer instance, port and key are the same host
     * heard over several addresses. Keeps a reachable one over an unreachable one, IPv4 over IPv6.
     */
    public static List<DiscoveredRoom> onePerHost(List<DiscoveredRoom> rooms) {
        Map<List<Object>, DiscoveredRoom> best = new HashMap<>();
        Comparator<DiscoveredRoom> better = Comparator
                .comparing((DiscoveredRoom r) -> r.reachable() ? 0 : 1)
                .thenComparing(r -> r.address() instanceof Inet4Address ? 0 : 1)
                .thenComparing(DiscoveredRoom::display);
        for (DiscoveredRoom r : rooms) {
            List<Object> host = java.util.Arrays.asList(r.instance(), r.port(), r.hostKey());
            best.merge(host, r, (a, b) -> better.compare(a, b) <= 0 ? a : b);
        }
        List<DiscoveredRoom> out = new ArrayList<>(best.values());
        out.sort(ORDER);
        return out;
    }

    private boolean removeExpired(Instant now) {
        Instant oldest = now.minus(expireAfter);
        boolean removed = rooms.values().removeIf(r -> r.lastSeen().isBefore(oldest));
        if (removed && rooms.size() < maxRooms) {
            warnedFull = false;
        }
        return removed;
    }

    private List<DiscoveredRoom> sorted() {
        List<DiscoveredRoom> list = new ArrayList<>(rooms.values());
        list.sort(ORDER);
        return List.copyOf(list);
    }

    private static boolean sameForAPerson(DiscoveredRoom a, DiscoveredRoom b) {
        return a.room().equals(b.room()) && a.people() == b.people() && a.passwordNeeded() == b.passwordNeeded()
                && a.instance().equals(b.instance());
    }

    private void fire(List<DiscoveredRoom> snapshot) {
        for (var l : listeners) {
            l.accept(snapshot);
        }
    }
}
