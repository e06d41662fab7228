package dev.parley.files;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Closes transfer connections over which nothing moved for the idle timeout, so a peer that stops
 * reading or sending frees its thread and its slot. {@link #check} runs on the host's timer thread;
 * {@link Ticket#touch} on transfer threads (one volatile write per chunk).
 */
final class IdleWatch {
    private static final System.Logger LOG = System.getLogger("dev.parley.files");

    private final long timeoutNanos;
    private final LongSupplier clock;
    private final Set<Ticket> watched = ConcurrentHashMap.newKeySet();

    /** One watched connection; close the ticket when the transfer ends. */
    final class Ticket implements AutoCloseable {
        private final Closeable connection;
        private final String what;
        private volatile long last;
        private volatile boolean timedOut;

        private Ticket(Closeable connection, String what) {
            this.connection = connection;
            this.what = what;
            this.last = clock.getAsLong();
        }

        void touch() {
            last = clock.getAsLong();
        }

        /** Whether the watch closed the connection (so the I/O error that followed means a timeout). */
        boolean timedOut() {
            return timedOut;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    IdleWatch(long timeoutNanos, LongSupplier clock) {
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
    }

    Ticket watch(Closeable connection, String what) {
        var ticket = new Ticket(connection, what);
        watched.add(ticket);
        return ticket;
    }

    void check() {
        long now = clock.getAsLong();
        for (Ticket ticket : watched) {
            if (now - ticket.last > timeoutNanos) {
                watched.remove(ticket);
                ticket.timedOut = true;
                LOG.log(System.Logger.Level.INFO, "{0}: nothing moved for {1} ms; closing", ticket.what,
                        timeoutNanos / 1_000_000);
                try {
                    ticket.connection.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing an idle transfer: {0}", e.toString());
                }
            }
        }
    }

    int size() {
        return watched.size();
    }
}
