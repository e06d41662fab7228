package dev.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every page of a database once ({@code PRAGMA quick_check}) on a thread of its own, beside a
 * room that is already running, after its last run ended uncleanly. Damage found is reported (the
 * file is marked, so the next start repairs it before use, and the log says so); the room goes on
 * meanwhile with what the open could read. {@link #close} interrupts a check still running.
 */
final class BackgroundCheck implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");

    private final DatabaseFiles files;
    private final Runnable onDamage;
    private final Thread thread;
    private volatile Statement running;
    private volatile boolean closed;

    private BackgroundCheck(DatabaseFiles files, Runnable onDamage) {
        this.files = files;
        this.onDamage = onDamage;
        this.thread = Thread.ofPlatform().name("parley-history-check-" + files.name()).daemon().unstarted(this::run);
    }

    static BackgroundCheck start(DatabaseFiles files, Runnable onDamage) {
        // Until the check has read every page, the next open checks before use (a crash or a stop
        // in between must not leave the file unchecked for good).
        try {
            java.nio.file.Files.writeString(files.checkMarker(), "unclean end; check pending\n");
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not note a pending check of " + files.db(), e);
        }
        var check = new BackgroundCheck(files, onDamage);
        check.thread.start();
        return check;
    }

    private void run() {
        long start = System.nanoTime();
        try (Connection c = Sqlite.openReader(files); Statement s = c.createStatement()) {
            running = s;
            if (closed) {
                return;
            }
            List<String> problems = new ArrayList<>();
            try (ResultSet r = s.executeQuery("PRAGMA quick_check(5)")) {
                while (r.next()) {
                    problems.add(r.getString(1));
                }
            }
            if (problems.equals(List.of("ok"))) {
                java.nio.file.Files.deleteIfExists(files.checkMarker());
                LOG.log(System.Logger.Level.INFO, "Checked every page of {0} after an unclean end: no damage ({1} ms)",
                        files.db(), (System.nanoTime() - start) / 1_000_000);
            } else {
                LOG.log(System.Logger.Level.ERROR, "{0} is damaged ({1}); it is repaired on the next start",
                        files.db(), String.join("; ", problems));
                onDamage.run();
            }
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not clear the pending check of " + files.db(), e);
        } catch (SQLException e) {
            if (closed) {
                return;
            }
            if (Sqlite.isDamage(e)) {
                LOG.log(System.Logger.Level.ERROR, "{0} is damaged ({1}); it is repaired on the next start",
                        files.db(), e.getMessage());
                onDamage.run();
            } else {
                LOG.log(System.Logger.Level.WARNING, "Could not check " + files.db() + " in the background", e);
            }
        } finally {
            running = null;
        }
    }

    /** Stops a check still running (the next unclean end checks again). Blocks until its thread is done. */
    @Override
    public void close() {
        closed = true;
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "cancelling the background check: {0}", e.getMessage());
            }
        }
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
