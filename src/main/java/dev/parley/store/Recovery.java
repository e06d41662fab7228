package dev.parley.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * What an open does about a damaged file: it never refuses to start because of one. The damaged
 * files are copied, untouched, under {@code damaged/} (nothing is ever deleted), every row that
 * still reads is copied into a fresh database, and that takes the damaged one's place. Runs on
 * the opening thread, with the folder's lock held.
 */
final class Recovery {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");

    private Recovery() {
    }

    /**
     * Checks the database (every page when damage was reported) and repairs it if needed.
     *
     * @return whether the last run ended uncleanly (its WAL was still there): the caller reads every
     *     page once more in the background ({@link BackgroundCheck})
     */
    static boolean checkOnOpen(DatabaseFiles files, Schema schema, Clock clock) throws StoreException {
        try {
            boolean thorough = Files.exists(files.checkMarker());
            boolean unclean = files.hasHotWal();
            switch (DamageCheck.inspect(files, schema, thorough)) {
                case DamageCheck.Healthy h -> {
                }
                case DamageCheck.ExtraBytes extra -> dropExtraBytes(files, schema, extra, clock);
                case DamageCheck.Damaged damaged -> salvage(files, schema, damaged.why(), clock);
            }
            Files.deleteIfExists(files.checkMarker());
            return unclean && !thorough;
        } catch (IOException e) {
            throw new StoreException("Cannot read " + files.db() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces a damaged database by a fresh one holding every row that still reads, keeping the
     * damaged files under {@code damaged/}.
     */
    static void salvage(DatabaseFiles files, Schema schema, String why, Clock clock) throws StoreException {
        Path kept = keptCopyFolder(files, clock);
        LOG.log(System.Logger.Level.WARNING, "The {0} at {1} is damaged ({2}). Keeping a copy in {3} and "
                + "continuing with every event that can still be read.", schema.what(), files.db(), why, kept);
        try {
            files.copyTo(kept);
            DatabaseFiles work = files.copyTo(kept.resolve("work"));
            DatabaseFiles fresh = files.in(Files.createDirectories(kept.resolve("fresh")));
            build(work, fresh, schema);
            work.deleteAll();
            // The old WAL must go before the fresh file takes the old one's place: SQLite would
            // otherwise apply the damaged file's pending pages to the fresh one.
            Files.deleteIfExists(files.wal());
            Files.deleteIfExists(files.shm());
            Files.move(fresh.db(), files.db(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            fresh.deleteAll();
            Files.deleteIfExists(kept.resolve("work"));
            Files.deleteIfExists(kept.resolve("fresh"));
        } catch (IOException | SQLException e) {
            throw new StoreException("The " + schema.what() + " at " + files.db() + " is damaged and could not be "
                    + "repaired (" + e.getMessage() + "). Move it away to start with an empty one; a copy is in "
                    + kept + ".", e);
        }
    }

    private static void build(DatabaseFiles from, DatabaseFiles to, Schema schema) throws SQLException, StoreException {
        try (Connection target = Sqlite.openWriter(to, Sqlite.Durability.NORMAL)) {
            Migrations.apply(target, schema.migrations(), schema.what());
            target.setAutoCommit(false);
            try (Connection source = Sqlite.openForSalvage(from)) {
                List<Salvage.TableResult> results = Salvage.copy(source, target, schema.salvageTables());
                LOG.log(System.Logger.Level.WARNING, "Repaired the {0}: {1}", schema.what(), results);
            } catch (SQLException e) {
                if (!Sqlite.isDamage(e)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "Nothing of the damaged {0} could be read ({1}); it starts empty",
                        schema.what(), e.getMessage());
            }
            target.commit();
            target.setAutoCommit(true);
            try (Statement s = target.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    /** A file longer than its pages (bytes appended after the last one): keep a copy, cut the extra off. */
    private static void dropExtraBytes(DatabaseFiles files, Schema schema, DamageCheck.ExtraBytes extra, Clock clock)
            throws IOException, StoreException {
        Path kept = keptCopyFolder(files, clock);
        LOG.log(System.Logger.Level.WARNING, "The {0} at {1} has {2} bytes after its last page; keeping a copy "
                + "in {3} and cutting them off.", schema.what(), files.db(), extra.fileLength() - extra.validLength(), kept);
        files.copyTo(kept);
        try (FileChannel channel = FileChannel.open(files.db(), StandardOpenOption.WRITE)) {
            channel.truncate(extra.validLength());
            channel.force(true);
        }
        // What is left is checked like any file: the extra bytes may have hidden other damage.
        if (DamageCheck.inspect(files, schema, true) instanceof DamageCheck.Damaged damaged) {
            salvage(files, schema, damaged.why(), clock);
        }
    }

    private static Path keptCopyFolder(DatabaseFiles files, Clock clock) {
        return files.newDamagedFolder(clock.instant());
    }
}
