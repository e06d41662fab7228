package dev.parley.client;

import dev.parley.files.FileOffer;
import dev.parley.files.TransferConnector;
import dev.parley.files.TransferFailure;
import dev.parley.files.TransferStream;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A participant of a Parley room.
 *
 * <p>{@link #connect()} blocks until the host welcomes this client or refuses it; call it off
 * any UI thread. After that a virtual thread reads the connection and turns what arrives into
 * {@link ChatEvent}s, which the user takes with {@link #takeEvent()} or {@link #drainEvents}.
 * When the connection is lost the client reconnects with backoff (1 s, 2 s, 4 s … 30 s), resumes
 * where it left off, and resends every message whose echo it has not seen, so nothing is lost and
 * nothing is doubled. {@link #send}, {@link #typing}, {@link #reconnectNow()} and {@link #close()}
 * never block and may be called from any thread.
 *
 * <p>The client asks for the extensions {@code history}, {@code search} and {@code files}; where the host
 * grants them, {@link #history} and {@link #search} return futures completed on the reader thread, and
 * {@link #offer} offers a file whose bytes then go over a transfer connection from {@link #transfers()}
 * ({@link FileUpload}, {@link FileDownloads}). It tells
 * a restarted host's room from a new one by the room id in {@code welcome} (by the session token
 * where the host sends no id), and takes the new session token every welcome brings.
 */
public final class ChatClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.client");
    private static final Duration TYPING_REPEAT = Duration.ofSeconds(3);
    private static final Duration RATE_RETRY = Duration.ofSeconds(1);
    /** A transfer whose host is silent this long has broken (and resumes when tried again). */
    private static final Duration TRANSFER_READ_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The {@link TransferFailure#code()} of an offer to a host that does not take files (not a wire code:
     * such a host never answers one).
     */
    public static final String NO_FILES = "files_unavailable";

    private final ClientConfig config;
    private final Dialer dialer;
    private final FrameCodec codec = new FrameCodec();
    private final LinkedBlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean ended = new AtomicBoolean();

    private final Object lock = new Object();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private ClientConnection current;
    private boolean ready;
    private long lastSeq;
    private String session;
    private String roomId;
    private String you;
    private Map<String, Integer> granted = Map.of();
    private final Map<String, CompletableFuture<? extends Frame>> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextRef = new AtomicLong();
    private final PendingOffers offers = new PendingOffers();
    /** Extension {@code files}: the download key and per-file cap of the latest welcome, or {@code null}. */
    private Frame.FilesGrant files;
    private Instant lastTypingSent = Instant.EPOCH;
    private boolean typingShown;
    /** Replayed events still to come after the latest welcome; only the reader thread touches it. */
    private int replayLeft;

    private volatile ClientConnection attempt;
    private volatile boolean closed;

    public ClientConfig config() {
        return config;
    }

    public ChatClient(ClientConfig config) {
        this(config, Dialer.plain());
    }

    /** @param dialer how to reach the host (plain TCP, TLS) */
    public ChatClient(ClientConfig config, Dialer dialer) {
        this.config = config;
        this.dialer = dialer;
    }

    /**
     * Starts from what this client saw of the room before (a guest's own copy): the first
     * {@code hello} carries {@code since = lastSeq}, and if the host's welcome names the same room,
     * only what came after is replayed. Call before {@link #connect()}.
     */
    public void resumeFrom(String knownRoomId, long knownLastSeq) {
        synchronized (lock) {
            roomId = knownRoomId;
            lastSeq = knownRoomId == null ? 0 : Math.max(0, knownLastSeq);
        }
    }

    /**
     * Joins the room; returns once welcomed (a {@link ChatEvent.Connected} is then the first event).
     *
     * @throws ChatException with the {@link Problem} when the host cannot be reached or refuses
     */
    public void connect() throws ChatException {
        ClientConnection c = handshake();
        Thread.ofVirtual().name("parley-client").start(() -> run(c));
    }

    /**
     * Starts without a welcome, after a first connect that failed for {@code why}: the client tells
     * its user so ({@link ChatEvent.Disconnected}) and keeps trying with its usual backoff, as after
     * a lost connection. For a window that already shows what it kept of the room.
     */
    public void connectInBackground(Problem why) {
        Thread.ofVirtual().name("parley-client").start(() -> {
            ClientConnection c = reconnect(why);
            if (c != null) {
                run(c);
            }
        });
    }

    /**
     * Queues a message and returns its id. The message goes out now if connected, else after the
     * next reconnect; its {@link ChatEvent.Message} with {@code own == true} confirms delivery.
     *
     * @throws IllegalArgumentException if the text is empty or too long ({@link Limits#textProblem})
     */
    public String send(String text) {
        String problem = Limits.textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String id = UUID.randomUUID().toString();
        synchronized (lock) {
            pending.put(id, text);
            if (ready) {
                current.send(new Frame.Send(id, text));
            }
        }
        return id;
    }

    /** Whether this message is still waiting for its echo. */
    public boolean isPending(String id) {
        synchronized (lock) {
            return pending.containsKey(id);
        }
    }

    /** Says whether the person is typing; repeats of {@code true} are sent at most every 3 s. */
    public void typing(boolean active) {
        synchronized (lock) {
            if (!ready) {
                return;
            }
            Instant now = Instant.now();
            if (active && (!typingShown || !now.isBefore(lastTypingSent.plus(TYPING_REPEAT)))) {
                current.send(new Frame.Typing(null, true));
                lastTypingSent = now;
                typingShown = true;
            } else if (!active && typingShown) {
                current.send(new Frame.Typing(null, false));
                typingShown = false;
            }
        }
    }

    /**
     * Extension {@code history}: up to {@code limit} stored events before {@code before}, after
     * {@code after} or around {@code around} (exactly one given). Fails with {@link RequestFailed}
     * when the host does not grant the extension, refuses the request, or the connection is lost.
     */
    public CompletableFuture<Frame.Page> history(Long before, Long after, Long around, int limit) {
        return request(Extensions.HISTORY, ref -> new Frame.History(ref, before, after, around, limit));
    }

    /** Extension {@code search}: messages holding all the words, newest first, older than {@code before} if given. */
    public CompletableFuture<Frame.Found> search(String words, Long before, int limit) {
        return request(Extensions.SEARCH, ref -> new Frame.Search(ref, words, before, limit));
    }

    /**
     * Extension {@code files}: offers a file to the room. The offer goes out now if connected, else after
     * the next reconnect, and again after every reconnect until it is answered (the host gives the same
     * offer the same token). The future completes on the reader thread with {@code offer_ok}, or fails
     * with a {@link TransferFailure}: {@code REFUSED} with the host's code (and {@code retry} for
     * {@code upload_rate}), or {@code BROKEN} when the chat ended or the host does not take files.
     */
    public CompletableFuture<Frame.OfferOk> offer(FileOffer offer) {
        var frame = new Frame.Offer(offer.id(), offer.name(), offer.size(), offer.sha256(), offer.media());
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new TransferFailure(TransferFailure.Kind.BROKEN, null,
                        "the chat has ended", null));
            }
            if (current != null && !granted.containsKey(Extensions.FILES)) {
                return CompletableFuture.failedFuture(noFiles());
            }
            CompletableFuture<Frame.OfferOk> answer = offers.add(frame);
            if (ready) {
                current.send(frame);
            }
            return answer;
        }
    }

    /**
     * Extension {@code files}: opens transfer connections to this room's host, the way the chat connects
     * (over TLS, to the host key this chat pinned, never asking: another key fails the connection). Each
     * call of the connector blocks; a read that waits 60 s fails, so a dead link ends as a broken transfer.
     */
    public TransferConnector transfers() {
        return () -> {
            Socket socket = dialer.socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(config.host(), config.port()),
                        (int) config.connectTimeout().toMillis());
                Socket secured = dialer.secure(socket, config);
                secured.setSoTimeout((int) TRANSFER_READ_TIMEOUT.toMillis());
                return TransferStream.of(secured);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        };
    }

    /** Extension {@code files}: this connection's download key, or {@code null} when not granted (or not connected yet). */
    public String fileKey() {
        synchronized (lock) {
            return files == null ? null : files.key();
        }
    }

    /** Extension {@code files}: the largest file the host takes, in bytes; 0 when unknown (not granted). */
    public long maxFileSize() {
        synchronized (lock) {
            return files == null ? 0 : files.maxSize();
        }
    }

    private static TransferFailure noFiles() {
        return new TransferFailure(TransferFailure.Kind.REFUSED, NO_FILES, "this host does not take files", null);
    }

    /** Whether the host granted this extension on the current connection. */
    public boolean granted(String extension) {
        synchronized (lock) {
            return granted.containsKey(extension);
        }
    }

    private <T extends Frame> CompletableFuture<T> request(String extension, Function<String, Frame> make) {
        var answer = new CompletableFuture<T>();
        synchronized (lock) {
            if (closed || current == null || !granted.containsKey(extension)) {
                answer.completeExceptionally(new RequestFailed(RequestFailed.Reason.UNAVAILABLE,
                        "the host does not offer " + extension + " on this connection"));
                return answer;
            }
            String ref = "q" + nextRef.incrementAndGet();
            requests.put(ref, answer);
            current.send(make.apply(ref));
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private void answered(String ref, Frame frame) {
        var waiting = (CompletableFuture<Frame>) requests.remove(ref);
        if (waiting != null) {
            waiting.complete(frame);
        }
    }

    private void failRequests(RequestFailed why) {
        for (String ref : List.copyOf(requests.keySet())) {
            var waiting = requests.remove(ref);
            if (waiting != null) {
                waiting.completeExceptionally(why);
            }
        }
    }

    /** Skips the wait before the next reconnect attempt. */
    public void reconnectNow() {
        wake.release();
    }

    /** The next event, waiting for one. After {@link ChatEvent.Ended} none follow. */
    public ChatEvent takeEvent() throws InterruptedException {
        return events.take();
    }

    /** The next event, or {@code null} if none arrives within {@code wait}. */
    public ChatEvent pollEvent(Duration wait) throws InterruptedException {
        return events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves up to {@code max} waiting events into {@code into} without waiting; returns how many. */
    public int drainEvents(Collection<? super ChatEvent> into, int max) {
        return events.drainTo(into, max);
    }

    /** Leaves the room with {@code bye}; ends the event stream with {@link ChatEvent.EndReason#CLOSED}. */
    @Override
    public void close() {
        closed = true;
        ClientConnection a = attempt;
        if (a != null) {
            a.close();
        }
        synchronized (lock) {
            if (current != null) {
                current.sendAndClose(new Frame.Bye(null));
            }
            ready = false;
        }
        wake.release();
        end(ChatEvent.EndReason.CLOSED, null);
    }

    private ClientConnection handshake() throws ChatException {
        var c = new ClientConnection(codec, dialer);
        attempt = c;
        try {
            if (closed) {
                throw new ChatException(new Problem.Cancelled(), null);
            }
            c.open(config);
            Long since;
            String token;
            synchronized (lock) {
                since = session != null ? Long.valueOf(lastSeq) : roomId != null && lastSeq > 0 ? Long.valueOf(lastSeq) : null;
                token = session;
            }
            c.send(new Frame.Hello(Frame.VERSION, config.nick(), config.clientName(), config.password(), since,
                    token, config.hostKey(), Map.of(Extensions.HISTORY, 1, Extensions.SEARCH, 1, Extensions.FILES, 1)));
            Frame first = c.read((int) config.connectTimeout().toMillis());
            return switch (first) {
                case Frame.Welcome w -> welcomed(c, w, token);
                case Frame.Error e -> throw new ChatException(new Problem.Refused(e.known(), config.nick().strip(),
                        config.password() != null, e.message()), null);
                case null -> throw new ChatException(new Problem.ClosedBeforeWelcome(config.address()), null);
                default -> throw new ChatException(new Problem.NotParley(config.address()), null);
            };
        } catch (IOException e) {
            c.close();
            throw new ChatException(closed ? new Problem.Cancelled() : Problem.of(e, config), e);
        } catch (ProtocolException e) {
            c.close();
            throw new ChatException(new Problem.NotParley(config.address()), e);
        } catch (ChatException e) {
            c.close();
            throw e;
        } finally {
            attempt = null;
        }
    }

    private ClientConnection welcomed(ClientConnection c, Frame.Welcome w, String oldToken) {
        dialer.welcomed(config, w.room());
        boolean sameRoom;
        boolean knewRoom;
        synchronized (lock) {
            knewRoom = oldToken != null || roomId != null;
            // The room id says which room this is across host restarts; a host without one keeps the
            // token the same on a resume, so a new token there means a new room.
            sameRoom = w.roomId() != null ? w.roomId().equals(roomId) : oldToken != null && oldToken.equals(w.session());
            if (!sameRoom) {
                // A new room, or one that forgot us: its seq numbers start afresh.
                lastSeq = 0;
            }
            session = w.session();
            roomId = w.roomId();
            you = w.you();
            granted = w.ext() == null ? Map.of() : Map.copyOf(w.ext());
            files = granted.containsKey(Extensions.FILES) ? w.files() : null;
            current = c;
            ready = false;
            typingShown = false;
        }
        // Tells the host at once that this welcome, with its new session token, arrived: the token
        // used to come back stops working only then (the pong is ignored).
        c.send(new Frame.Ping(0));
        boolean restarted = knewRoom && !sameRoom;
        // After a restart the host's gap flag only says our old seqs mean nothing there; nothing it had is missing.
        emit(new ChatEvent.Connected(w.room(), w.you(), w.users(), oldToken != null, w.gap() && !restarted,
                restarted, w.roomId(), w.ext()));
        if (w.history() == 0) {
            markReady(c);
        }
        replayLeft = w.history();
        return c;
    }

    /** Reads until the chat ends, reconnecting whenever the connection is lost. */
    private void run(ClientConnection first) {
        ClientConnection c = first;
        while (c != null) {
            Problem lost = readUntilLost(c);
            c.close();
            synchronized (lock) {
                ready = false;
                current = null;
            }
            failRequests(new RequestFailed(RequestFailed.Reason.LOST, "the connection was lost before the answer"));
            c = lost == null || closed ? null : reconnect(lost);
        }
    }

    /** Returns why the connection was lost, or {@code null} if the chat is over. */
    private Problem readUntilLost(ClientConnection c) {
        long pingAfter = config.pingAfter().toNanos();
        long silenceLimit = config.silenceLimit().toNanos();
        int pollMillis = (int) Math.max(50, Math.min(config.pingAfter().toMillis(), config.silenceLimit().toMillis()) / 3);
        long lastHeard = System.nanoTime();
        boolean pinged = false;
        long pings = 0;
        while (!closed) {
            Frame frame;
            try {
                frame = c.read(pollMillis);
            } catch (SocketTimeoutException e) {
                long silent = System.nanoTime() - lastHeard;
                if (silent >= silenceLimit) {
                    return new Problem.HostSilent();
                }
                if (silent >= pingAfter && !pinged) {
                    c.send(new Frame.Ping(++pings));
                    pinged = true;
                }
                continue;
            } catch (IOException e) {
                return closed ? null : Problem.of(e, config);
            } catch (ProtocolException e) {
                LOG.log(System.Logger.Level.WARNING, "unreadable frame from {0}: {1}", config.address(), e.getMessage());
                return new Problem.Unreadable();
            }
            if (frame == null) {
                return closed ? null : new Problem.HostClosed();
            }
            lastHeard = System.nanoTime();
            pinged = false;
            if (frame instanceof Frame.Bye b && Frame.Bye.RESTART.equals(b.reason())) {
                // The room goes on once the host is back: come back as after a lost connection.
                return closed ? null : new Problem.HostRestarting();
            }
            if (!handle(c, frame)) {
                return null;
            }
        }
        return null;
    }

    /** Acts on one frame; {@code false} when the chat is over. */
    private boolean handle(ClientConnection c, Frame frame) {
        switch (frame) {
            case Frame.Msg m -> onMessage(m);
            case Frame.Joined j -> {
                if (advance(j.seq())) {
                    emit(new ChatEvent.Joined(j));
                }
            }
            case Frame.Left l -> {
                if (advance(l.seq())) {
                    emit(new ChatEvent.Left(l));
                }
            }
            case Frame.Typing t -> {
                if (t.nick() != null && !t.nick().equalsIgnoreCase(you)) {
                    emit(new ChatEvent.Typing(t.nick(), t.active()));
                }
            }
            case Frame.Ping p -> c.send(new Frame.Pong(p.n()));
            case Frame.Pong ignored -> { }
            case Frame.Bye b -> {
                end(ChatEvent.EndReason.HOST_ENDED, null);
                closed = true;
                return false;
            }
            case Frame.Error e -> onError(e);
            case Frame.Welcome ignored -> LOG.log(System.Logger.Level.DEBUG, "unexpected second welcome");
            case Frame.Hello ignored -> LOG.log(System.Logger.Level.DEBUG, "host sent hello; ignored");
            case Frame.Send ignored -> LOG.log(System.Logger.Level.DEBUG, "host sent send; ignored");
            case Frame.Page p -> answered(p.ref(), p);
            case Frame.Found f -> answered(f.ref(), f);
            case Frame.History ignored -> LOG.log(System.Logger.Level.DEBUG, "host sent history; ignored");
            case Frame.Search ignored -> LOG.log(System.Logger.Level.DEBUG, "host sent search; ignored");
            case Frame.OfferOk ok -> offers.accepted(ok);
            case Frame.FileEvent f -> onFile(f);
            case Frame.FileGone g -> emit(new ChatEvent.FilesGone(g.sha256()));
            case Frame.Offer ignored -> LOG.log(System.Logger.Level.DEBUG, "host sent offer; ignored");
        }
        if (frame instanceof Frame.RoomEvent && replayLeft > 0 && --replayLeft == 0) {
            markReady(c);
        }
        return true;
    }

    private void onMessage(Frame.Msg m) {
        boolean wasPending;
        boolean fresh;
        synchronized (lock) {
            wasPending = m.id() != null && pending.remove(m.id()) != null;
            fresh = m.seq() > lastSeq;
            if (fresh) {
                lastSeq = m.seq();
            }
        }
        if (fresh || wasPending) {
            boolean own = wasPending || (m.from() != null && m.from().equalsIgnoreCase(you));
            emit(new ChatEvent.Message(m, own));
        }
    }

    private void onFile(Frame.FileEvent f) {
        boolean mine = offers.offered(f.id());
        if (advance(f.seq())) {
            boolean own = mine || (f.from() != null && f.from().equalsIgnoreCase(you));
            emit(new ChatEvent.FileShared(f, own));
        }
    }

    private void onError(Frame.Error e) {
        ErrorCode code = e.known();
        String ref = e.ref();
        if (ref != null && offers.get(ref) != null) {
            if (code == ErrorCode.RATE_LIMITED) {
                // Offers count against the send rate: send it again a moment later, as a message.
                Thread.ofVirtual().name("parley-client-retry").start(() -> resendLater(ref));
            } else {
                offers.refused(e);
            }
            return;
        }
        if (ref != null && requests.containsKey(ref)) {
            var waiting = requests.remove(ref);
            if (waiting != null) {
                waiting.completeExceptionally(RequestFailed.of(code, e.message()));
            }
            return;
        }
        if (code == ErrorCode.RATE_LIMITED && ref != null && isPending(ref)) {
            Thread.ofVirtual().name("parley-client-retry").start(() -> resendLater(ref));
            return;
        }
        if (code == ErrorCode.TEXT_INVALID && ref != null) {
            synchronized (lock) {
                pending.remove(ref);
            }
            emit(new ChatEvent.SendFailed(ref, e.message()));
            return;
        }
        LOG.log(System.Logger.Level.INFO, "host reports {0}: {1}", e.code(), e.message());
        if (e.message() != null) {
            emit(new ChatEvent.Notice(e.message()));
        }
    }

    private void resendLater(String id) {
        try {
            Thread.sleep(RATE_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (lock) {
            String text = pending.get(id);
            Frame.Offer offer = offers.get(id);
            if (text != null && ready) {
                current.send(new Frame.Send(id, text));
            } else if (offer != null && ready) {
                current.send(offer);
            }
        }
    }

    /** Records a room event's seq; {@code false} if it was seen already. */
    private boolean advance(long seq) {
        synchronized (lock) {
            if (seq <= lastSeq) {
                return false;
            }
            lastSeq = seq;
            return true;
        }
    }

    /** The replay is in: resend what is still unconfirmed, then send live. */
    private void markReady(ClientConnection c) {
        synchronized (lock) {
            if (current != c) {
                return;
            }
            for (var entry : pending.entrySet()) {
                c.send(new Frame.Send(entry.getKey(), entry.getValue()));
            }
            if (granted.containsKey(Extensions.FILES)) {
                offers.unanswered().forEach(c::send);
            } else {
                offers.failAll(noFiles());
            }
            ready = true;
        }
    }

    private ClientConnection reconnect(Problem why) {
        Problem reason = why;
        long delay = config.firstRetry().toMillis();
        for (int attemptNo = 1; !closed; attemptNo++) {
            emit(new ChatEvent.Disconnected(reason, Instant.now().plusMillis(delay), attemptNo));
            LOG.log(System.Logger.Level.INFO, "{0} Reconnecting in {1} ms", reason.describe(), delay);
            try {
                wake.drainPermits();
                wake.tryAcquire(delay, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (closed) {
                return null;
            }
            emit(new ChatEvent.Reconnecting(attemptNo));
            try {
                return handshake();
            } catch (ChatException e) {
                if (closed) {
                    return null;
                }
                if (e.problem().endsChat()) {
                    // A refusal that holds, or a host that now shows another key: trying again cannot help.
                    end(ChatEvent.EndReason.REFUSED, e.problem());
                    closed = true;
                    return null;
                }
                reason = e.problem();
            }
            delay = Math.min(delay * 2, config.maxRetry().toMillis());
        }
        return null;
    }

    private void end(ChatEvent.EndReason reason, Problem refusal) {
        failRequests(new RequestFailed(RequestFailed.Reason.LOST, "the chat ended"));
        offers.failAll(new TransferFailure(TransferFailure.Kind.BROKEN, null, "the chat ended", null));
        if (ended.compareAndSet(false, true)) {
            emit(new ChatEvent.Ended(reason, refusal));
        }
    }

    private void emit(ChatEvent event) {
        if (!ended.get() || event instanceof ChatEvent.Ended) {
            events.add(event);
        }
    }

    /** Messages sent but not yet confirmed, oldest first, as id and text. */
    public List<Map.Entry<String, String>> pendingMessages() {
        synchronized (lock) {
            return new ArrayList<>(pending.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        }
    }
}
