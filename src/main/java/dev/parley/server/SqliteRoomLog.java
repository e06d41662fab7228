package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Timestamps;
import dev.parley.store.Admission;
import dev.parley.store.AppendOutcome;
import dev.parley.store.FolderInUseException;
import dev.parley.store.HistoryPage;
import dev.parley.store.Retention;
import dev.parley.store.RoomStore;
import dev.parley.store.RoomTail;
import dev.parley.store.SearchHit;
import dev.parley.store.SearchResults;
import dev.parley.store.StoreException;
import dev.parley.store.StoreOptions;
import dev.parley.store.StoredEvent;
import dev.parley.store.StoredSession;
import dev.parley.store.TextRange;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The room log on disk: an adapter over a {@link RoomStore} (one SQLite database per room). An
 * event is broadcast only once its batch is committed and synced (group commit), so an echoed
 * message survives a crash. The replay window, the message ids and the sessions are read back from
 * the store's tail when it opens, so a restarted host continues the same room: same id, next seq,
 * resends recognised, names held.
 *
 * <p>When the writer is too far behind to take an event (its queue is full), {@link #append} fails
 * it at once through {@link Appended#failed}: the room refuses the message to its sender, who sends
 * it again, so nothing is silently lost. Threads as in {@link RoomLog}: everything on the loop
 * except {@link #close}; pages and searches complete on the store's reader threads.
 */
final class SqliteRoomLog implements RoomLog {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");

    private final RoomStore store;
    private final ReplayWindow window;
    private final DedupIndex dedup;
    private final FrameCodec codec = new FrameCodec();
    private final List<SessionRecord> restored;
    private long lastSeq;

    private SqliteRoomLog(RoomStore store, ServerConfig config) {
        this.store = store;
        this.window = new ReplayWindow(config.historySize());
        this.dedup = new DedupIndex(config.dedupCapacity());
        RoomTail tail = store.tail();
        this.lastSeq = tail.nextSeq() - 1;
        this.window.restore(decode(tail.recent()), decode(tail.recentPresence()), lastSeq, tail.olderRecent());
        List<SessionRecord> sessions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (StoredSession s : tail.sessions()) {
            sessions.add(new SessionRecord(s.id(), s.nickKey(), s.nick(), s.tokenHash(), s.previousHash(),
                    s.lastSeenMillis()));
            ids.add(s.id());
        }
        this.restored = List.copyOf(sessions);
        for (StoredEvent e : tail.dedup()) {
            if (ids.contains(e.senderKey())) {
                LoggedEvent logged = decode(e);
                if (logged != null) {
                    dedup.put(new ClientId(e.senderKey(), e.clientId()), logged);
                }
            }
        }
    }

    /**
     * A factory for rooms of this config: the database is {@code <folder>/<name>.db}, its name made
     * from the room's name ({@link #storeName}).
     */
    static Factory factory(ServerConfig config) {
        LogSettings settings = config.log();
        Path folder = settings.folder();
        String name = storeName(config.roomName());
        int tail = Math.max(config.historySize(), 1);
        var options = StoreOptions.defaults()
                .withTail(tail, Math.max(StoreOptions.defaults().dedupSize(), tail))
                .withRetention(Retention.of(settings.keepDays(), settings.keepMessages()));
        return loop -> {
            try {
                RoomStore store = RoomStore.open(folder, name, options, loop);
                LOG.log(System.Logger.Level.INFO, "history of \"{0}\" kept in {1}", config.roomName(), store.databaseFile());
                return new SqliteRoomLog(store, config);
            } catch (FolderInUseException e) {
                throw new LogUnavailableException(e.getMessage(), true, e);
            } catch (StoreException e) {
                throw new LogUnavailableException(e.getMessage(), false, e);
            }
        };
    }

    /**
     * The database name for a room: its name in lower case, each run of characters other than
     * {@code a-z 0-9} one {@code -}, at most 40 characters; a name that loses letters on the way
     * (another script, only symbols) gets a short hash of itself so that two such rooms never share
     * a file. "Parley room" is {@code parley-room}.
     */
    static String storeName(String roomName) {
        String lower = roomName.strip().toLowerCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder();
        boolean lost = false;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                b.appendCodePoint(cp);
            } else {
                lost |= Character.isLetterOrDigit(cp);
                if (!b.isEmpty() && b.charAt(b.length() - 1) != '-') {
                    b.append('-');
                }
            }
        }
        String slug = b.length() > 40 ? b.substring(0, 40) : b.toString();
        slug = slug.replaceAll("^-+|-+$", "");
        if (lost || slug.isEmpty()) {
            String hash = java.util.HexFormat.of().formatHex(Sessions.hash(roomName.strip()), 0, 4);
            slug = slug.isEmpty() ? "room-" + hash : slug + "-" + hash;
        }
        return slug;
    }

    @Override
    public String roomId() {
        return store.identity().roomId();
    }

    @Override
    public long nextSeq() {
        return store.nextSeq();
    }

    @Override
    public void append(LoggedEvent event, ClientId clientId, Appended done) {
        Frame.RoomEvent e = event.event();
        String text = e instanceof Frame.Msg m ? m.text() : null;
        var stored = new StoredEvent(e.seq(), e.type(), time(e.ts()), event.wire(),
                clientId == null ? null : clientId.owner(), clientId == null ? null : clientId.id(), text);
        Admission admission = store.append(stored, outcome -> {
            switch (outcome) {
                case AppendOutcome.Durable d -> {
                    lastSeq = Math.max(lastSeq, event.seq());
                    window.add(event);
                    done.appended(event);
                }
                case AppendOutcome.Failed f -> {
                    if (clientId != null && dedup.get(clientId) == event) {
                        dedup.remove(clientId);
                    }
                    done.failed(event, f.cause());
                }
            }
        });
        switch (admission) {
            case ACCEPTED -> {
                if (clientId != null) {
                    dedup.put(clientId, event);
                }
            }
            case QUEUE_FULL -> done.failed(event, new StoreException("The history writer is behind; try again."));
            case CLOSED -> done.failed(event, new StoreException("The history is closed."));
        }
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public Replay replay(Long since, int limit) {
        return window.replay(since, limit);
    }

    @Override
    public LoggedEvent sent(ClientId clientId) {
        return dedup.get(clientId);
    }

    @Override
    public List<SessionRecord> sessions() {
        return restored;
    }

    @Override
    public void sessionSaved(SessionRecord s) {
        Admission a = store.saveSession(new StoredSession(s.id(), s.key(), s.nick(), s.tokenHash(), s.previousHash(),
                s.lastSeenMillis()));
        if (a != Admission.ACCEPTED) {
            LOG.log(System.Logger.Level.WARNING, "could not keep a session ({0}); a restart may not hold its name", a);
        }
    }

    @Override
    public void sessionEnded(String sessionId) {
        dedup.forget(sessionId);
        Admission a = store.removeSession(sessionId);
        if (a != Admission.ACCEPTED) {
            LOG.log(System.Logger.Level.WARNING, "could not forget a session ({0}); a restart holds its name once more", a);
        }
    }

    @Override
    public CompletableFuture<Slice> page(long anchor, Direction direction, int limit) {
        CompletableFuture<HistoryPage> read = switch (direction) {
            case BEFORE -> store.before(anchor, limit);
            case AFTER -> store.after(anchor, limit);
            case AROUND -> store.around(anchor, limit);
        };
        return read.thenApply(p -> new Slice(decode(p.events()), p.moreBefore(), p.moreAfter()));
    }

    @Override
    public CompletableFuture<Matches> search(String words, long before, int limit) {
        return store.search(words, before, limit).thenApply(this::matches);
    }

    @Override
    public void close() {
        store.close();
        window.clear();
        dedup.clear();
    }

    /** Writes the whole history out (see {@link RoomStore#export}); blocks the calling thread. */
    dev.parley.store.ExportResult export(dev.parley.store.ExportFormat format, Path target,
                                         dev.parley.store.ExportMonitor monitor)
            throws java.io.IOException, StoreException {
        return store.export(format, target, monitor);
    }

    /** Where the database is (for the log and the README's "where history is kept"). */
    Path databaseFile() {
        return store.databaseFile();
    }

    private Matches matches(SearchResults results) {
        List<Frame.Hit> hits = new ArrayList<>(results.hits().size());
        for (SearchHit hit : results.hits()) {
            LoggedEvent e = decode(hit.event());
            if (e == null) {
                continue;
            }
            List<Frame.Range> ranges = new ArrayList<>(hit.matches().size());
            for (TextRange r : hit.matches()) {
                ranges.add(new Frame.Range(r.start(), r.end()));
            }
            hits.add(new Frame.Hit(e.event(), ranges));
        }
        return new Matches(hits, results.more());
    }

    private List<LoggedEvent> decode(List<StoredEvent> events) {
        List<LoggedEvent> out = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            LoggedEvent logged = decode(e);
            if (logged != null) {
                out.add(logged);
            }
        }
        return out;
    }

    /** The stored frame as the room event it was; {@code null} (and a log line) for bytes that no longer read. */
    private LoggedEvent decode(StoredEvent e) {
        byte[] frame = e.frame();
        int length = frame.length > 0 && frame[frame.length - 1] == '\n' ? frame.length - 1 : frame.length;
        try {
            if (codec.decode(frame, 0, length) instanceof Frame.RoomEvent event) {
                return new LoggedEvent(event, frame);
            }
        } catch (ProtocolException ex) {
            LOG.log(System.Logger.Level.WARNING, "stored event {0} does not read as a frame ({1}); skipped",
                    e.seq(), ex.getMessage());
        }
        return null;
    }

    private static Instant time(String ts) {
        Instant t = Timestamps.parse(ts);
        return t != null ? t : Instant.now();
    }
}
