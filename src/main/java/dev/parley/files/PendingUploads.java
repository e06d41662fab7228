package dev.parley.files;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Accepted offers whose bytes are not stored yet, by upload token. The same person offering the
 * same id again (a resend after a reconnect) gets the same token back, not a second reservation.
 * Memory only; thread-safe.
 */
final class PendingUploads {
    /** One accepted offer. {@code lock} is held by the connection that carries its bytes. */
    static final class Pending {
        final String token;
        final String person;
        final FileOffer offer;
        final String safeName;
        final Reservation reservation;
        final ReentrantLock lock = new ReentrantLock();
        volatile long lastActivity;
        /** Whether any byte of it ever arrived. */
        volatile boolean started;
        volatile Closeable connection;

        Pending(String token, String person, FileOffer offer, String safeName, Reservation reservation, long now) {
            this.token = token;
            this.person = person;
            this.offer = offer;
            this.safeName = safeName;
            this.reservation = reservation;
            this.lastActivity = now;
        }

        void touch(long now) {
            lastActivity = now;
            started = true;
        }
    }

    private record Key(String person, String offerId) {
    }

    private final Map<String, Pending> byToken = new HashMap<>();
    private final Map<Key, Pending> byOffer = new HashMap<>();

    synchronized Pending byOffer(String person, String offerId) {
        return byOffer.get(new Key(person, offerId));
    }

    synchronized Pending byToken(String token) {
        return byToken.get(token);
    }

    synchronized void add(Pending pending) {
        byToken.put(pending.token, pending);
        byOffer.put(new Key(pending.person, pending.offer.id()), pending);
    }

    /** Removes it; true only for the one caller that removed it, who then settles its accounts. */
    synchronized boolean remove(Pending pending) {
        if (byToken.get(pending.token) != pending) {
            return false;
        }
        byToken.remove(pending.token);
        byOffer.remove(new Key(pending.person, pending.offer.id()));
        return true;
    }

    /**
     * Removes and returns the uploads not being carried now that were idle for longer than
     * {@code ttlNanos}, or, when not a byte of them ever arrived, for longer than
     * {@code unstartedTtlNanos}: an offer nobody uploads must not hold its share of the store for
     * long (several names offering the largest files and sending nothing would keep everyone else's
     * files out).
     */
    synchronized List<Pending> expire(long now, long ttlNanos, long unstartedTtlNanos) {
        var expired = new ArrayList<Pending>();
        for (Pending pending : List.copyOf(byToken.values())) {
            long limit = pending.started ? ttlNanos : Math.min(ttlNanos, unstartedTtlNanos);
            if (now - pending.lastActivity > limit && !pending.lock.isLocked() && remove(pending)) {
                expired.add(pending);
            }
        }
        return expired;
    }

    synchronized int size() {
        return byToken.size();
    }

    static long nanos(java.time.Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
