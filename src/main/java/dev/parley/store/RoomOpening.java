package dev.parley.store;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * How a room's log is opened: the folder made, its lock taken, damage repaired, the schema brought
 * up to date, the identity counted a new epoch and the tail read, all on the opening thread. A
 * damaged file is never a reason to refuse: it is repaired, here or when reading the tail shows it.
 */
final class RoomOpening {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");

    /** The writer's connection, the lock held and what the open read. */
    record Opened(DatabaseFiles files, FolderLock lock, Connection connection, RoomTail tail, boolean unclean) {
    }

    private RoomOpening() {
    }

    static Opened open(DatabaseFiles files, Schema schema, StoreOptions options, Clock clock) throws StoreException {
        long started = System.nanoTime();
        try {
            Files.createDirectories(files.folder());
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + files.folder() + ": " + e.getMessage(), e);
        }
        Sqlite.unpackNativeLibraryInto(files.folder());
        FolderLock lock = FolderLock.take(files.lock(), "the history of room " + files.name());
        try {
            boolean unclean = Recovery.checkOnOpen(files, schema, clock);
            Opened opened;
            try {
                opened = read(files, lock, schema, options, clock, unclean);
            } catch (SQLException e) {
                if (!Sqlite.isDamage(e)) {
                    throw e;
                }
                Recovery.salvage(files, schema, String.valueOf(e.getMessage()), clock);
                opened = read(files, lock, schema, options, clock, false);
            }
            LOG.log(System.Logger.Level.INFO, "Opened the history at {0}: next seq {1}, epoch {2}, in {3} ms{4}",
                    files.db(), opened.tail().nextSeq(), opened.tail().identity().epoch(),
                    (System.nanoTime() - started) / 1_000_000, opened.unclean() ? " after an unclean end" : "");
            return opened;
        } catch (SQLException e) {
            lock.close();
            throw new StoreException("Cannot open the history at " + files.db() + ": " + e.getMessage(), e);
        } catch (StoreException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Opened read(DatabaseFiles files, FolderLock lock, Schema schema, StoreOptions options, Clock clock,
                               boolean unclean) throws SQLException, StoreException {
        Connection c = Sqlite.openWriter(files, Sqlite.Durability.FULL);
        try {
            Migrations.apply(c, schema.migrations(), schema.what());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0"); // the Checkpointer's thread does it
            }
            c.setAutoCommit(false);
            RoomIdentity identity = RoomMeta.openEpoch(c, clock.instant());
            long next = Math.max(RoomMeta.recordedNextSeq(c), RoomReads.lastSeq(c) + 1);
            List<StoredEvent> recent = RoomReads.latestMessages(c, options.tailSize());
            boolean older = RoomReads.messagesBefore(c, recent.isEmpty() ? next : recent.getFirst().seq());
            var tail = new RoomTail(identity, next, recent, RoomReads.latestPresence(c, options.tailSize()), older,
                    RoomReads.latestWithClientId(c, options.dedupSize()), RoomReads.sessions(c));
            c.commit();
            return new Opened(files, lock, c, tail, unclean);
        } catch (SQLException | StoreException | RuntimeException e) {
            Sqlite.closeQuietly(c);
            throw e;
        }
    }
}
