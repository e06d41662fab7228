package dev.parley.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A guest's own copy of what it has seen, per room, so that reopening the app shows the
 * conversation at once and resumes with {@code since} from the last seq seen.
 *
 * <p>One database, {@code guest.db} in the app's data folder, with the same rules as the host's
 * log: a lock against a second app on the same folder, damage repaired on open, a copy of what
 * was dropped kept under {@code damaged/}. Commits are synced at checkpoints only
 * ({@code synchronous=NORMAL}): a power cut may cost the last moments, which the host sends again
 * on resume, because the last seq moves in the same transaction as the events.
 *
 * <p>Threads: {@link #open} and {@link #close} block (call them off the FX thread);
 * {@link #remember} never blocks and may be called from any thread; reads return futures completed
 * on the copy's reader thread.
 */
public final class GuestStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    /** Events kept per room: what the window shows at once; older ones come from the host. */
    public static final int KEEP_PER_ROOM = 2_000;
    private static final String NAME = "guest";
    private static final int QUEUE = 4_096;

    private final DatabaseFiles files;
    private final FolderLock lock;
    private final Connection writerConnection;
    private final GroupCommit<GuestWriter.Seen> writer;
    private final ReadPool reader;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private GuestStore(DatabaseFiles files, FolderLock lock, Connection writerConnection, int keepPerRoom, Clock clock) {
        this.files = files;
        this.lock = lock;
        this.writerConnection = writerConnection;
        this.clock = clock;
        this.reader = new ReadPool(files, 1, "parley-guest-read", e -> markForCheck());
        this.writer = new GroupCommit<>("parley-guest-write", writerConnection, QUEUE, 256, new GuestWriter(keepPerRoom));
        writer.start();
    }

    /**
     * Opens (or creates) the copy in {@code dataFolder}. Blocks.
     *
     * @throws FolderInUseException another Parley app uses this folder
     * @throws StoreException       the folder cannot be used, or a newer Parley wrote the file
     */
    public static GuestStore open(Path dataFolder) throws StoreException {
        return open(dataFolder, KEEP_PER_ROOM, Clock.systemUTC());
    }

    static GuestStore open(Path dataFolder, int keepPerRoom, Clock clock) throws StoreException {
        var files = new DatabaseFiles(dataFolder, NAME);
        try {
            Files.createDirectories(files.folder());
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + files.folder() + ": " + e.getMessage(), e);
        }
        Sqlite.unpackNativeLibraryInto(files.folder());
        FolderLock lock = FolderLock.take(files.lock(), "the guest history");
        try {
            Recovery.checkOnOpen(files, GuestSchema.SCHEMA, clock);
            Connection c;
            try {
                c = openWriter(files);
            } catch (SQLException e) {
                if (!Sqlite.isDamage(e)) {
                    throw e;
                }
                Recovery.salvage(files, GuestSchema.SCHEMA, String.valueOf(e.getMessage()), clock);
                c = openWriter(files);
            }
            return new GuestStore(files, lock, c, keepPerRoom, clock);
        } catch (SQLException e) {
            lock.close();
            throw new StoreException("Cannot open the guest history at " + files.db() + ": " + e.getMessage(), e);
        } catch (StoreException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Connection openWriter(DatabaseFiles files) throws SQLException, StoreException {
        Connection c = Sqlite.openWriter(files, Sqlite.Durability.NORMAL);
        try {
            Migrations.apply(c, GuestSchema.MIGRATIONS, GuestSchema.SCHEMA.what());
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM rooms")) {
                r.next(); // reads the schema and a table now, so damage shows here and not later
            }
            return c;
        } catch (SQLException | StoreException | RuntimeException e) {
            Sqlite.closeQuietly(c);
            throw e;
        }
    }

    /**
     * Remembers events seen in a room (in any order; ones already kept are ignored) and moves its
     * last seq forward. Never blocks.
     *
     * @return {@link Admission#QUEUE_FULL} when the writer is far behind: these are not kept, and the
     *     next start resumes from before them
     */
    public Admission remember(String roomKey, String roomName, List<SeenEvent> events) {
        return remember(roomKey, roomName, null, events);
    }

    /**
     * Remembers events seen in the room with this lasting id (as {@link #remember(String, String, List)});
     * a {@code null} id keeps the one known.
     */
    public Admission remember(String roomKey, String roomName, String roomId, List<SeenEvent> events) {
        return offer(new GuestWriter.Seen(roomKey, roomName, roomId, List.copyOf(events), clock.millis(), false));
    }

    /**
     * Forgets what was kept under {@code roomKey} and starts it over with these events: the address
     * now hosts another room (another lasting id), whose seqs mean nothing beside the old ones.
     */
    public Admission replace(String roomKey, String roomName, String roomId, List<SeenEvent> events) {
        return offer(new GuestWriter.Seen(roomKey, roomName, roomId, List.copyOf(events), clock.millis(), true));
    }

    private Admission offer(GuestWriter.Seen seen) {
        if (writer.isStopping()) {
            return Admission.CLOSED;
        }
        return writer.offer(seen) ? Admission.ACCEPTED : writer.isStopping() ? Admission.CLOSED : Admission.QUEUE_FULL;
    }

    /** The rooms the copy knows, most recently updated first. */
    public CompletableFuture<List<GuestRoom>> rooms() {
        return reader.submit(c -> {
            List<GuestRoom> rooms = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT room_key, name, last_seq, updated, room_id FROM rooms ORDER BY updated DESC");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rooms.add(new GuestRoom(r.getString(1), r.getString(2), r.getLong(3), Instant.ofEpochMilli(r.getLong(4)),
                            r.getString(5)));
                }
            }
            return rooms;
        });
    }

    /** A room's last seq and its latest {@code limit} events, oldest first; empty for an unknown room. */
    public CompletableFuture<GuestHistory> load(String roomKey, int limit) {
        return reader.submit(c -> {
            long lastSeq = 0;
            String roomId = null;
            String name = null;
            try (PreparedStatement s = c.prepareStatement("SELECT last_seq, room_id, name FROM rooms WHERE room_key = ?")) {
                s.setString(1, roomKey);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        lastSeq = r.getLong(1);
                        roomId = r.getString(2);
                        name = r.getString(3);
                    }
                }
            }
            List<SeenEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, frame FROM events WHERE room_key = ? ORDER BY seq DESC LIMIT ?")) {
                s.setString(1, roomKey);
                s.setInt(2, Math.clamp(limit, 0, KEEP_PER_ROOM));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        events.add(new SeenEvent(r.getLong(1), r.getBytes(2)));
                    }
                }
            }
            Collections.reverse(events);
            return new GuestHistory(roomKey, lastSeq, events, roomId, name);
        });
    }

    /** Writes what is queued, folds the WAL into the file and releases the folder. Blocks. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.close();
        reader.close();
        try (Statement s = writerConnection.createStatement()) {
            writerConnection.setAutoCommit(true);
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not fold the WAL into " + files.db() + " on close", e);
        }
        Sqlite.closeQuietly(writerConnection);
        lock.close();
    }

    private void markForCheck() {
        try {
            Files.writeString(files.checkMarker(), "damage reported; check on next open\n");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not mark " + files.db() + " for a check", e);
        }
    }
}
