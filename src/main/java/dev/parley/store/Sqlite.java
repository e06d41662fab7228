package dev.parley.store;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** How this package opens SQLite: the same pragmas for every connection of a role, set in one place. */
final class Sqlite {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    private static final String NATIVE_TMPDIR = "org.sqlite.tmpdir";
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** How hard a commit works to survive a power cut. */
    enum Durability {
        /** The WAL is synced at every commit: a committed batch survives a power cut. */
        FULL(SQLiteConfig.SynchronousMode.FULL),
        /** Synced at checkpoints only: a power cut may lose the last commits, never corrupt the file. */
        NORMAL(SQLiteConfig.SynchronousMode.NORMAL);

        private final SQLiteConfig.SynchronousMode mode;

        Durability(SQLiteConfig.SynchronousMode mode) {
            this.mode = mode;
        }
    }

    private Sqlite() {
    }

    /**
     * sqlite-jdbc unpacks its native library into {@code org.sqlite.tmpdir} (else {@code java.io.tmpdir})
     * before loading it; a {@code /tmp} mounted {@code noexec} makes that fail. Point it at the data
     * folder, unless someone already chose. A JVM-wide setting, read once when the library loads.
     */
    static void unpackNativeLibraryInto(Path folder) {
        synchronized (Sqlite.class) {
            if (System.getProperty(NATIVE_TMPDIR) == null) {
                System.setProperty(NATIVE_TMPDIR, folder.toAbsolutePath().toString());
            }
        }
    }

    /** The connection that writes: WAL, the given durability, temporary tables in memory. */
    static Connection openWriter(DatabaseFiles files, Durability durability) throws SQLException {
        SQLiteConfig config = base();
        config.setSynchronous(durability.mode);
        Connection c = config.createConnection(files.url());
        // WAL lets readers and the one writer work at once; set on the writer, it stays in the file.
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
        }
        return c;
    }

    /** A connection that only reads; it sees the last committed state when each query starts. */
    static Connection openReader(DatabaseFiles files) throws SQLException {
        SQLiteConfig config = base();
        Connection c = config.createConnection(files.url());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only=1");
        }
        return c;
    }

    /**
     * A connection to a damaged copy, which is only read. No pragma that writes, so opening it cannot
     * fail before reading does; {@code writable_schema} because with it SQLite reads a file shorter
     * than its header says (its last pages cut) instead of refusing it whole.
     */
    static Connection openForSalvage(DatabaseFiles files) throws SQLException {
        Connection c = base().createConnection(files.url());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA writable_schema=ON");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private static SQLiteConfig base() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return config;
    }

    /** Whether the error says the file itself is damaged (as opposed to full, locked or missing). */
    static boolean isDamage(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                    || code.name().startsWith("SQLITE_CORRUPT") || code == SQLiteErrorCode.SQLITE_IOERR_SHORT_READ;
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("malformed") || message.contains("not a database");
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Could not close a database connection", e);
        }
    }
}
