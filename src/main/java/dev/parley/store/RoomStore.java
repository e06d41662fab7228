package dev.parley.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A room's log on disk: one SQLite database per room in a data folder, appended to by one
 * group-commit thread, read by a couple of reader threads, kept across restarts and crashes.
 *
 * <p>Threads. {@link #open} and {@link #close} block on disk: call them from a thread that may
 * wait (the host's start and shutdown), never the event loop. {@link #nextSeq} and {@link #append}
 * never block and are called by one thread at a time, the room's. Outcomes of appends run on the
 * {@code callbacks} executor given to {@code open} (the server loop's {@code execute}), one task
 * per committed batch, in seq order. Reads and searches return futures completed on a reader
 * thread; hop back with {@code whenCompleteAsync(..., loop::execute)}. Exports block the calling
 * thread (the window runs them as a background task).
 *
 * <p>Files, for a room named {@code room} in {@code data}: {@code data/room.db} with SQLite's
 * {@code room.db-wal} and {@code room.db-shm}, {@code room.lock}, and {@code damaged/} for copies
 * of files that could not be read. Deleting them (with the host stopped) deletes the history.
 */
public final class RoomStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    /** Most events one read returns; the caller pages for more. */
    public static final int MAX_PAGE = 1_000;
    /** Most hits one search returns. */
    public static final int MAX_SEARCH_RESULTS = HistorySearch.MAX_RESULTS;
    /** Longest search input, in UTF-16 units. */
    public static final int MAX_SEARCH_LENGTH = SearchQuery.MAX_LENGTH;

    private final DatabaseFiles files;
    private final FolderLock lock;
    private final Connection writerConnection;
    private final GroupCommit<WriteItem> writer;
    private final BackgroundCheck check;
    private final ReadPool readers;
    private final Checkpointer checkpointer;
    private final RoomTail tail;
    private long nextSeq;
    private boolean closed;

    private RoomStore(DatabaseFiles files, FolderLock lock, Connection writerConnection, RoomTail tail,
                      boolean unclean, StoreOptions options, Executor callbacks) {
        this.files = files;
        this.lock = lock;
        this.writerConnection = writerConnection;
        this.tail = tail;
        this.nextSeq = tail.nextSeq();
        this.readers = new ReadPool(files, options.readers(), "parley-history-read-" + files.name(), e -> markForCheck());
        this.checkpointer = new Checkpointer(files, "parley-history-checkpoint-" + files.name());
        this.writer = new GroupCommit<>("parley-history-write-" + files.name(), writerConnection,
                options.queueCapacity(), options.maxBatch(),
                new RoomWriter(callbacks, options.retention(), checkpointer, this::markForCheck));
        writer.start();
        // After an unclean end the whole file is read once more, beside the running room rather than
        // before it: reading every page of a room of a million events took 1.0-1.4 s, which a host
        // should not add to its start. What the open itself reads (header, schema, the tail) was checked.
        this.check = unclean ? BackgroundCheck.start(files, this::markForCheck) : null;
    }

    /**
     * Opens (or creates) the log of room {@code room} in {@code dataFolder}, repairing a damaged file
     * on the way, and reads its tail. Blocks.
     *
     * @param room      the database's name in the folder: 1-64 of {@code a-z 0-9 _ -}
     * @param callbacks where append outcomes run: the room's own thread
     * @throws FolderInUseException another host uses this room's log
     * @throws StoreException       the folder cannot be used, or a newer Parley wrote the file
     */
    public static RoomStore open(Path dataFolder, String room, StoreOptions options, Executor callbacks)
            throws StoreException {
        return open(dataFolder, room, options, callbacks, RoomSchema.SCHEMA, Clock.systemUTC());
    }

    static RoomStore open(Path dataFolder, String room, StoreOptions options, Executor callbacks, Schema schema,
                          Clock clock) throws StoreException {
        RoomOpening.Opened opened = RoomOpening.open(new DatabaseFiles(dataFolder, room), schema, options, clock);
        return new RoomStore(opened.files(), opened.lock(), opened.connection(), opened.tail(), opened.unclean(),
                options, callbacks);
    }

    /** What the open read: identity, next seq, the latest events and de-dup entries. */
    public RoomTail tail() {
        return tail;
    }

    public RoomIdentity identity() {
        return tail.identity();
    }

    /** The seq the next event should carry. Room thread. */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    /**
     * Queues an event for the next batch; never blocks. Its outcome comes on the callbacks executor
     * once its batch is committed and synced ({@link AppendOutcome.Durable}), or could not be
     * ({@link AppendOutcome.Failed}). Room thread.
     *
     * @param event its seq must be at least {@link #nextSeq()} (normally exactly that)
     * @return {@link Admission#ACCEPTED}, or why not; when not, no callback comes and the seq stays free
     * @throws IllegalArgumentException the seq was already used
     */
    public synchronized Admission append(StoredEvent event, Consumer<AppendOutcome> whenDone) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (event.seq() < nextSeq) {
            throw new IllegalArgumentException("seq " + event.seq() + " is already used; the next is " + nextSeq);
        }
        if (!writer.offer(new WriteItem.Append(event, whenDone))) {
            return writer.isStopping() ? Admission.CLOSED : Admission.QUEUE_FULL;
        }
        nextSeq = event.seq() + 1;
        return Admission.ACCEPTED;
    }

    /**
     * Keeps a session, written with the next batch; never blocks. Room thread.
     *
     * @return {@link Admission#ACCEPTED}, or why not (the change is then not kept)
     */
    public Admission saveSession(StoredSession session) {
        return offer(new WriteItem.SaveSession(session));
    }

    /** Forgets a session, with the next batch; never blocks. Room thread. */
    public Admission removeSession(String id) {
        return offer(new WriteItem.RemoveSession(id));
    }

    private synchronized Admission offer(WriteItem item) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (!writer.offer(item)) {
            return writer.isStopping() ? Admission.CLOSED : Admission.QUEUE_FULL;
        }
        return Admission.ACCEPTED;
    }

    /** Events after {@code seq}, oldest first, at most {@code limit} (capped at {@value #MAX_PAGE}): a resume. */
    public CompletableFuture<HistoryPage> after(long seq, int limit) {
        int bounded = page(limit);
        return readers.submit(c -> RoomReads.after(c, seq, bounded));
    }

    /** Events before {@code seq}, oldest first, at most {@code limit}: paging up through older history. */
    public CompletableFuture<HistoryPage> before(long seq, int limit) {
        int bounded = page(limit);
        return readers.submit(c -> RoomReads.before(c, seq, bounded));
    }

    /** About {@code count} events around {@code seq}, that one included: a search hit in its context. */
    public CompletableFuture<HistoryPage> around(long seq, int count) {
        int bounded = page(count);
        return readers.submit(c -> RoomReads.around(c, seq, bounded));
    }

    /** The stored message {@code senderKey} sent with {@code clientId}, for de-dup beyond the tail. */
    public CompletableFuture<Optional<StoredEvent>> findByClientId(String senderKey, String clientId) {
        return readers.submit(c -> RoomReads.byClientId(c, senderKey, clientId));
    }

    /**
     * Messages whose text holds all of {@code words} (the last one also as a prefix), newest first,
     * older than {@code beforeSeq} ({@link Long#MAX_VALUE} for the newest), at most {@code limit}
     * (capped at {@value HistorySearch#MAX_RESULTS}). Any input is safe: it is never FTS syntax.
     *
     * @throws IllegalArgumentException {@code words} is longer than {@value SearchQuery#MAX_LENGTH}
     */
    public CompletableFuture<SearchResults> search(String words, long beforeSeq, int limit) {
        SearchQuery.toFts(words); // checks the length before any work is queued
        return readers.submit(c -> HistorySearch.search(c, words, beforeSeq, limit));
    }

    /**
     * Writes the whole history to {@code target} (through a {@code .part} file moved into place when
     * complete). Blocks the calling thread; never the room's.
     */
    public ExportResult export(ExportFormat format, Path target, ExportMonitor monitor)
            throws IOException, StoreException {
        return HistoryExport.toFile(files, format, target, monitor);
    }

    /** Streams the whole history to {@code out}, which stays open. Blocks the calling thread. */
    public ExportResult export(ExportFormat format, OutputStream out, ExportMonitor monitor)
            throws IOException, StoreException {
        return HistoryExport.toStream(files, format, out, monitor);
    }

    public WriterStats stats() {
        return writer.stats();
    }

    /** Where the database file is, for the README's "where history is kept" and the log. */
    public Path databaseFile() {
        return files.db();
    }

    /**
     * Stops taking appends, commits and acknowledges what is queued, folds the WAL into the database
     * (so the next open is a clean one) and releases the folder. Blocks.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (check != null) {
            check.close();
        }
        writer.close();
        checkpointer.close();
        readers.close();
        try (Statement s = writerConnection.createStatement()) {
            writerConnection.setAutoCommit(true);
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not fold the WAL into " + files.db() + " on close", e);
        }
        Sqlite.closeQuietly(writerConnection);
        lock.close();
        LOG.log(System.Logger.Level.INFO, "Closed the history at {0}: {1}", files.db(), writer.stats());
    }

    private static int page(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one event");
        }
        return Math.min(limit, MAX_PAGE);
    }

    /** Something reported damage: the next open reads every page before trusting the file. */
    private void markForCheck() {
        try {
            Files.writeString(files.checkMarker(), "damage reported; check on next open\n");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not mark " + files.db() + " for a check", e);
        }
        LOG.log(System.Logger.Level.ERROR, "The history at {0} reported damage; it is checked on the next start", files.db());
    }
}
