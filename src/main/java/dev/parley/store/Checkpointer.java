package dev.parley.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Folds the WAL back into the database file on a thread of its own. SQLite would otherwise do it
 * inside the commit that crosses 1,000 WAL pages, on the writer thread: copying and syncing
 * megabytes there holds up every event queued behind that commit (p99 of append-to-durable 186 ms
 * at 5,000 events/s here, on a loaded machine). A PASSIVE checkpoint runs beside the writer's
 * commits instead of in front of them.
 *
 * <p>Should the WAL still grow past {@link #WAL_LIMIT_BYTES} (a flood that never pauses, so the
 * checkpoint never catches up and the WAL never starts over), the writer folds it in itself, once.
 */
final class Checkpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    /** How often the checkpointer looks for new commits. */
    private static final long INTERVAL_MILLIS = 250;
    /** The WAL size at which the writer stops to fold it in itself. */
    static final long WAL_LIMIT_BYTES = 64L * 1024 * 1024;

    private final DatabaseFiles files;
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    Checkpointer(DatabaseFiles files, String name) {
        this.files = files;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** The writer committed: there is something to fold in. Writer thread; never blocks. */
    void committed() {
        commits.incrementAndGet();
    }

    /** Whether the WAL has grown so far that the writer should fold it in now. Writer thread. */
    boolean walTooLarge() {
        try {
            return Files.size(files.wal()) > WAL_LIMIT_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private void run() {
        long seen = 0;
        Connection c = null;
        try {
            c = Sqlite.openWriter(files, Sqlite.Durability.FULL);
            while (!stopping) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
                long now = commits.get();
                if (now != seen) {
                    seen = now;
                    checkpoint(c);
                }
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "The WAL checkpointer of " + files.db() + " stopped; "
                    + "the writer folds the WAL in when it grows too large", e);
        } finally {
            Sqlite.closeQuietly(c);
        }
    }

    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            r.next();
        }
    }

    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
