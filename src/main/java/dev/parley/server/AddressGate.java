package dev.parley.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The host's door, at accept: decides whether a new connection may wait to join, by its address.
 * A banned address, one that has opened too many connections in the last minute (which bans it),
 * or one with too many connections already waiting is closed at once, before the host spends
 * anything on it (not even a line: under TLS that would cost a handshake). When too many
 * connections wait from everywhere, the one that has waited longest makes room.
 *
 * <p>It remembers each address while it matters ({@link AddressStanding}) and forgets it once at
 * rest, at most {@value #MAX_ADDRESSES} at a time. Refusals are logged once and then summed up
 * per address per minute. Loop thread only; times are the abuse clock's nanoseconds.
 */
final class AddressGate {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** Addresses remembered at once; past it, new addresses wait until some are forgotten. */
    static final int MAX_ADDRESSES = 65_536;
    private static final long SECOND = 1_000_000_000L;
    /** How often standings are summed up in the log and forgotten when at rest. */
    private static final long SWEEP_EVERY = 5 * SECOND;
    /** A waiting connection younger than this is not dropped for a newer one: its hello is likely on its way. */
    private static final long YOUNGEST_TO_DROP = SECOND;

    private final AbuseLimits limits;
    private final LongSupplier clock;
    private final PasswordThrottle passwords;
    private final Map<InetAddress, AddressStanding> standings = new HashMap<>();
    /** Connections waiting to join, the one waiting longest first. */
    private final LinkedHashSet<Visit> waiting = new LinkedHashSet<>();
    private final AddressStanding.Tally crowded;
    private final AddressStanding.Tally tooManyAddresses;
    private long nextSweep;

    AddressGate(AbuseLimits limits, LongSupplier clock, PasswordThrottle passwords) {
        this.limits = limits;
        this.clock = clock;
        this.passwords = passwords;
        long now = clock.getAsLong();
        this.crowded = new AddressStanding.Tally(now);
        this.tooManyAddresses = new AddressStanding.Tally(now);
        this.nextSweep = now + SWEEP_EVERY;
    }

    /**
     * One accepted connection's place at the door: it waits until it is let into the room or ends.
     * The connection it belongs to says how to drop it when a newer one needs its place.
     */
    final class Visit {
        final AddressStanding standing;
        private final long since;
        private Runnable crowdedOut = () -> { };
        private boolean waits = true;

        private Visit(AddressStanding standing, long since) {
            this.standing = standing;
            this.since = since;
        }

        /** What to do when a newer connection needs this one's place. */
        void whenCrowdedOut(Runnable then) {
            this.crowdedOut = then;
        }

        /** The connection no longer waits: it was let in, or it is closing. Idempotent. */
        void settled() {
            if (waits) {
                waits = false;
                standing.pending--;
                waiting.remove(this);
            }
        }
    }

    /**
     * Admits a connection the listener just accepted, or closes it at once.
     *
     * @return its visit, or {@code null} when it was closed
     */
    Visit admit(SocketChannel channel) {
        InetAddress remote;
        try {
            remote = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return null;
        }
        Visit visit = admit(remote);
        if (visit == null) {
            closeQuietly(channel);
        }
        return visit;
    }

    /** {@link #admit(SocketChannel)} by address: the visit, or {@code null} when the connection must be closed. */
    Visit admit(InetAddress remote) {
        long now = clock.getAsLong();
        AddressStanding s = standing(remote, now);
        if (s == null) {
            if (tooManyAddresses.add(now)) {
                LOG.log(System.Logger.Level.WARNING, "closing connections from new addresses: {0} addresses are "
                        + "being watched already", MAX_ADDRESSES);
            }
            return null;
        }
        if (s.banned(now)) {
            s.refusedConnects.add(now);
            return null;
        }
        if (!s.connects.tryAcquire(now)) {
            s.bannedUntil = now + limits.banFor().toNanos();
            s.refusedConnects.add(now);
            LOG.log(System.Logger.Level.WARNING, "refusing connections from {0} for {1} s: it opened more than {2} "
                    + "in a minute", s.shown, limits.banFor().toSeconds(), limits.connectsPerMinute());
            return null;
        }
        if (limits.pendingPerAddress() > 0 && s.pending >= limits.pendingPerAddress()) {
            if (s.refusedConnects.add(now)) {
                LOG.log(System.Logger.Level.INFO, "{0} has {1} connections waiting to join; closing more from it",
                        s.shown, s.pending);
            }
            return null;
        }
        if (waiting.size() >= limits.maxPending() && !makeRoom(now)) {
            return refusedForCrowding(now);
        }
        var visit = new Visit(s, now);
        s.pending++;
        waiting.add(visit);
        return visit;
    }

    /** Once a tick: sums up what is due in the log and forgets addresses at rest. */
    void tick() {
        long now = clock.getAsLong();
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + SWEEP_EVERY;
        long n = crowded.takeDue(now);
        if (n > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0} more connections were closed or dropped in the last minute "
                    + "because {1} were waiting to join", n, limits.maxPending());
        }
        n = tooManyAddresses.takeDue(now);
        if (n > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0} more connections from new addresses were closed in the last "
                    + "minute: {1} addresses were being watched", n, MAX_ADDRESSES);
        }
        for (Iterator<AddressStanding> it = standings.values().iterator(); it.hasNext(); ) {
            AddressStanding s = it.next();
            report(s, now);
            if (s.atRest(now, passwords.forgiven(s, now))) {
                it.remove();
            }
        }
    }

    /** Addresses remembered now. */
    int remembered() {
        return standings.size();
    }

    private void report(AddressStanding s, long now) {
        long refused = s.refusedConnects.takeDue(now);
        if (refused > 0) {
            String why = s.banned(now) ? "banned for " + (s.bannedUntil - now + SECOND - 1) / SECOND + " s more"
                    : "too many waiting to join";
            LOG.log(System.Logger.Level.INFO, "{0}: {1} more connections closed at once in the last minute ({2})",
                    s.shown, refused, why);
        }
        long joins = s.refusedJoins.takeDue(now);
        if (joins > 0) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1} more joins refused in the last minute (more than {2} a minute)",
                    s.shown, joins, limits.joinsPerMinute());
        }
        passwords.report(s, now);
        long lines = s.log.summaryDue(now);
        if (lines > 0) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1} more log lines about its connections were left out in the "
                    + "last minute", s.shown, lines);
        }
    }

    private AddressStanding standing(InetAddress remote, long now) {
        InetAddress key = AddressStanding.key(remote);
        AddressStanding s = standings.get(key);
        if (s == null) {
            if (standings.size() >= MAX_ADDRESSES) {
                standings.values().removeIf(old -> old.atRest(now, passwords.forgiven(old, now)));
                if (standings.size() >= MAX_ADDRESSES) {
                    return null;
                }
            }
            s = new AddressStanding(AddressStanding.show(key), limits, now);
            standings.put(key, s);
        }
        return s;
    }

    /** Drops the connection that has waited longest, if it has waited long enough to be given up on. */
    private boolean makeRoom(long now) {
        Visit oldest = waiting.getFirst();
        if (now - oldest.since < YOUNGEST_TO_DROP) {
            return false;
        }
        oldest.settled();
        if (crowded.add(now)) {
            LOG.log(System.Logger.Level.WARNING, "{0} connections are waiting to join; dropping the one from {1} "
                    + "that waited longest", limits.maxPending(), oldest.standing.shown);
        }
        oldest.crowdedOut.run();
        return true;
    }

    private Visit refusedForCrowding(long now) {
        if (crowded.add(now)) {
            LOG.log(System.Logger.Level.WARNING, "closing a new connection: {0} are already waiting to join",
                    limits.maxPending());
        }
        return null;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a refused connection: {0}", e.getMessage());
        }
    }
}
