package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Limits;
import dev.parley.protocol.LineSplitter;
import dev.parley.protocol.LogText;
import dev.parley.protocol.ProtocolException;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * One Parley peer's protocol session: it splits what its {@link Transport} reads into frames,
 * decodes and checks them, and speaks for its {@link Member} in the room. Its timers are a
 * {@link Liveness}, its closing a {@link CloseState}, its output a {@link PeerWriter} (with the
 * {@link Outbox}). Everything here runs on the server's event-loop thread ({@link EventLoop}).
 *
 * <p>Its {@code hello} goes through the {@link Admission}, which may keep it waiting (a password
 * delay); frames that come meanwhile are kept, within a bound, and handled once it is let in. What
 * the peer makes it log is made safe ({@link LogText}) and budgeted ({@link LogBudget}): before it
 * joined, from its address's budget; after, from its own.
 */
final class Connection implements KeyHandler, Peer, PeerWriter.Events, Transport.Context {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** Typing frames relayed a second per connection; clients send one every 3 s, so this only stops floods. */
    private static final int TYPING_RATE = 5;
    private static final int TYPING_BURST = 10;
    /** Reads first lines to tell a transfer handshake from a {@code hello}; thread-safe. */
    private static final dev.parley.files.TransferCodec TRANSFER_LINES = new dev.parley.files.TransferCodec();

    private final EventLoop loop;
    private final Room room;
    private final Dialect dialect;
    private final ServerConfig config;
    private final PeerWriter writer;
    private final Outbox outbox;
    private final LineSplitter lines = new LineSplitter(Limits.MAX_FRAME);
    private final Liveness liveness;
    private final CloseState close = new CloseState();
    private final RateLimiter limiter;
    private final RateLimiter typingLimiter;
    private final Admission admission;
    private final AddressGate.Visit visit;
    private final LogBudget logBudget;
    private WaitingHello waiting;
    private final RateLimiter historyLimiter;
    private final RateLimiter searchLimiter;
    /** Whether a frame arrived after the welcome, which shows the peer got its session token. */
    private boolean heardAfterWelcome;
    private Transport transport;
    private SelectionKey key;
    private String remote = "?";
    private Member member;
    /** The first line, when it was a file transfer's handshake: the connection leaves the loop after this read. */
    private String transferLine;
    /** In the loop's list of connections to read again next turn ({@link EventLoop#readAgain}); loop thread. */
    boolean readAgainQueued;

    Connection(EventLoop loop, Room room, Dialect dialect, ServerConfig config, Admission admission,
               AddressGate.Visit visit, long now) {
        this.loop = loop;
        this.admission = admission;
        this.visit = visit;
        this.logBudget = new LogBudget(config.abuse().logLinesPerMinute(), admission.now());
        visit.whenCrowdedOut(this::crowdedOut);
        this.room = room;
        this.dialect = dialect;
        this.config = config;
        this.writer = new PeerWriter(loop, config.outboxLimit(), this);
        this.outbox = writer.outbox();
        this.liveness = new Liveness(config, now);
        this.limiter = new RateLimiter(config.ratePerSecond(), config.rateBurst(), now);
        this.typingLimiter = new RateLimiter(TYPING_RATE, TYPING_BURST, now);
        this.historyLimiter = new RateLimiter(config.log().historyRate(), 2 * config.log().historyRate(), now);
        this.searchLimiter = new RateLimiter(config.log().searchRate(), 2 * config.log().searchRate(), now);
    }

    /** Puts the connection on its transport and its selection key; the loop calls this once. */
    void attach(Transport t, SelectionKey selectionKey) {
        this.transport = t;
        this.key = selectionKey;
        try {
            remote = String.valueOf(t.remoteAddress());
        } catch (IOException e) {
            remote = "(gone)";
        }
        writer.attach(t, selectionKey);
    }

    @Override
    public void handle(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            writer.flush();
        }
        // A TLS read that waited for room to write goes on once the write side had it.
        if (key.isValid() && ((readyOps & SelectionKey.OP_READ) != 0 || transport.hasBufferedInput())) {
            readable();
        }
    }

    @Override
    public void failed(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "dropping " + remote + " after an internal error", e);
        abort(LeaveReason.ERROR, "internal error");
    }

    /**
     * The transport has bytes (or its end): reads once into the loop's buffer and handles every
     * complete frame in it. One read per turn keeps one busy sender from starving the others; a
     * transport that holds more is read again next turn.
     */
    void readable() {
        if (close.isClosed()) {
            return;
        }
        ByteBuffer buffer = loop.readBuffer();
        int n;
        try {
            buffer.clear();
            n = transport.read(buffer);
        } catch (Transport.Refused e) {
            refused(e);
            return;
        } catch (IOException e) {
            close.because(LeaveReason.ERROR, describe(e));
            close();
            return;
        }
        if (n < 0) {
            close.because(LeaveReason.ERROR, "connection closed by peer");
            close();
            return;
        }
        if (!close.isOpen()) {
            // After our last frame: take what the peer still sends, so closing does not reset it.
            if (close.lingered(n)) {
                close();
            }
        } else if (n > 0) {
            try {
                int stop = lines.feed(buffer.array(), buffer.arrayOffset(), n, this::handleLine);
                if (transferLine != null) {
                    handOff(java.util.Arrays.copyOfRange(buffer.array(), stop, buffer.arrayOffset() + n));
                    return;
                }
            } catch (ProtocolException e) {
                fail(e);
            }
        }
        if (!close.isClosed() && transport.hasBufferedInput()) {
            loop.readAgain(this);
        }
    }

    /** The transport refused what the peer speaks (plaintext on a TLS-only port): one error line, then close. */
    private void refused(Transport.Refused e) {
        if (close.isOpen()) {
            fail(new ProtocolException(e.code(), e.getMessage()));
        } else {
            // A closing error was queued before the peer said anything (server full): it can go out now.
            writer.flush();
        }
    }

    /** One complete line; returns whether to go on with the next. */
    private boolean handleLine(byte[] bytes, int offset, int length) {
        liveness.heard(System.nanoTime());
        if (waiting != null) {
            if (!waiting.keep(bytes, offset, length)) {
                log(System.Logger.Level.INFO, "{0} sent more than {1} bytes while its hello waited; closing", who(),
                        WaitingHello.MAX_BYTES);
                abort(LeaveReason.ERROR, "sent too much while its hello waited");
            }
            return close.isOpen();
        }
        if (member == null && isTransfer(bytes, offset, length)) {
            transferLine = new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8);
            return false;
        }
        Frame frame;
        try {
            frame = loop.codec().decode(bytes, offset, length);
        } catch (ProtocolException e) {
            if (member == null) {
                fail(e.code().closes() ? e : new ProtocolException(ErrorCode.HELLO_REQUIRED,
                        "The first frame must be hello."));
            } else if (e.code().closes()) {
                fail(e);
            } else {
                send(e.toFrame());
            }
            return close.isOpen();
        }
        if (member == null) {
            hello(frame);
        } else {
            if (!heardAfterWelcome) {
                heardAfterWelcome = true;
                room.heard(member);
            }
            handleFrame(frame);
        }
        return close.isOpen();
    }

    private void hello(Frame frame) {
        if (!(frame instanceof Frame.Hello hello)) {
            fail(new ProtocolException(ErrorCode.HELLO_REQUIRED, "The first frame must be hello."));
            return;
        }
        enter(hello);
    }

    /** Asks the admission to let the hello in; a hello kept waiting asks again on a later tick. */
    private void enter(Frame.Hello hello) {
        switch (admission.enter(this, visit, hello)) {
            case Admission.Entry.In in -> {
                member = in.member();
                visit.settled();
                WaitingHello was = waiting;
                waiting = null;
                if (was != null) {
                    // What the peer sent while its hello waited, now that it is in.
                    for (byte[] line : was.kept()) {
                        if (!handleLine(line, 0, line.length)) {
                            return;
                        }
                    }
                }
            }
            case Admission.Entry.Waits ignored -> {
                if (waiting == null) {
                    waiting = new WaitingHello(hello);
                }
            }
            case Admission.Entry.Out out -> {
                waiting = null;
                refuse(out.error(), out.logged());
            }
        }
    }

    /** A newer connection needs this one's place among those waiting to join. */
    private void crowdedOut() {
        refuse(new ProtocolException(ErrorCode.SERVER_FULL,
                "The host has too many connections waiting to join; try again."), true);
    }

    private void handleFrame(Frame frame) {
        switch (frame) {
            case Frame.Send s -> onSend(s);
            case Frame.Typing t -> {
                if (typingLimiter.tryAcquire(System.nanoTime())) {
                    room.typing(member, t.active());
                } else {
                    log(System.Logger.Level.DEBUG, "{0} types too often; typing frame dropped", who());
                }
            }
            case Frame.Ping p -> send(new Frame.Pong(p.n()));
            case Frame.Pong ignored -> { }
            case Frame.Bye ignored -> {
                close.because(LeaveReason.QUIT, "said bye");
                room.leave(member, LeaveReason.QUIT);
                beginClose();
            }
            case Frame.Hello ignored -> log(System.Logger.Level.DEBUG, "{0} said hello twice; ignored", who());
            case Frame.Welcome ignored -> ignoreServerFrame(frame);
            case Frame.Msg ignored -> ignoreServerFrame(frame);
            case Frame.Joined ignored -> ignoreServerFrame(frame);
            case Frame.Left ignored -> ignoreServerFrame(frame);
            case Frame.Error e -> log(System.Logger.Level.INFO, "{0} reports {1}: {2}", who(),
                    LogText.safe(e.code(), Limits.MAX_ID), LogText.safe(e.message()));
            case Frame.History h -> {
                if (extension(Extensions.HISTORY, h) && limited(historyLimiter, h.ref())) {
                    room.history(member, h);
                }
            }
            case Frame.Search q -> {
                if (extension(Extensions.SEARCH, q) && limited(searchLimiter, q.ref())) {
                    room.search(member, q);
                }
            }
            case Frame.Page ignored -> ignoreServerFrame(frame);
            case Frame.Found ignored -> ignoreServerFrame(frame);
            case Frame.Offer o -> {
                // An offer counts against the send rate, as a message does.
                if (extension(Extensions.FILES, o) && limited(limiter, o.id())) {
                    room.offer(member, o);
                }
            }
            case Frame.OfferOk ignored -> ignoreServerFrame(frame);
            case Frame.FileEvent ignored -> ignoreServerFrame(frame);
            case Frame.FileGone ignored -> ignoreServerFrame(frame);
        }
    }

    /**
     * Whether a connection's first line is a file transfer's handshake ({@code upload} or
     * {@code download}) in a room that takes files; a malformed one counts, and the files host refuses it.
     */
    private boolean isTransfer(byte[] bytes, int offset, int length) {
        if (room.files() == null) {
            return false;
        }
        String line = new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return TRANSFER_LINES.handshake(line).isPresent();
        } catch (dev.parley.files.TransferProtocolException e) {
            return true;
        }
    }

    /**
     * The connection leaves the loop to carry a file transfer: it stops being a connection of the loop
     * (no timers, no selection key; it never joined, so the room does not hear of it) and the room's
     * files carry its socket on a thread of its own, {@code leftover} (bytes read past the line) first.
     */
    private void handOff(byte[] leftover) {
        if (!close.close()) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: a file transfer; carried off the loop", remote);
        visit.settled();
        writer.stop();
        key.cancel();
        loop.closed(this);
        room.files().carry((java.nio.channels.SocketChannel) key.channel(), transport, transferLine, leftover);
    }

    /**
     * Whether the member was granted the extension whose request this is; if not, the request is
     * answered as version 1 answers a type it does not know.
     */
    private boolean extension(String name, Frame request) {
        if (member.granted(name)) {
            return true;
        }
        send(Frame.Error.of(ErrorCode.UNKNOWN_TYPE,
                "Frames of type \"" + request.type() + "\" are not understood here."));
        return false;
    }

    /** Takes a token for a request; without one the request is refused with {@code rate_limited}. */
    private boolean limited(RateLimiter limiter, String ref) {
        if (limiter.tryAcquire(System.nanoTime())) {
            return true;
        }
        send(Frame.Error.of(ErrorCode.RATE_LIMITED, "Too many requests; try again in a moment.",
                Limits.isValidId(ref) ? ref : null));
        return false;
    }

    private void onSend(Frame.Send s) {
        // An id too long to be one is not echoed: the answer would outgrow the frame limit.
        String ref = s.id() != null && s.id().length() <= Limits.MAX_ID ? s.id() : null;
        if (!limiter.tryAcquire(System.nanoTime())) {
            send(Frame.Error.of(ErrorCode.RATE_LIMITED,
                    "You are sending too fast; that message was not delivered.", ref));
            return;
        }
        if (!Limits.isValidId(s.id())) {
            send(Frame.Error.of(ErrorCode.TEXT_INVALID,
                    "A message id must be 1–64 letters, digits, _ or -.", ref));
            return;
        }
        String problem = Limits.textProblem(s.text());
        if (problem != null) {
            send(Frame.Error.of(ErrorCode.TEXT_INVALID, problem, ref));
            return;
        }
        room.say(member, s.id(), s.text());
    }

    private void ignoreServerFrame(Frame frame) {
        log(System.Logger.Level.DEBUG, "{0} sent a {1} frame, which only a server sends; ignored", who(), frame.type());
    }

    /** Answers with a closing error, leaves the room, and closes once the error is written. */
    void fail(ProtocolException e) {
        refuse(e, false);
    }

    /** {@link #fail}, without a line of its own when the log has been told already (a summary will say). */
    private void refuse(ProtocolException e, boolean logged) {
        if (!close.isOpen()) {
            return;
        }
        if (!logged) {
            log(System.Logger.Level.INFO, "{0}: closing with {1} ({2})", who(), e.code().wire(),
                    LogText.safe(e.getMessage()));
        }
        visit.settled();
        close.because(LeaveReason.ERROR, e.code().wire());
        leaveRoom(LeaveReason.ERROR);
        outbox.offerUnbounded(dialect.encode(e.toFrame()));
        beginClose();
    }

    /** Queues a direct answer (pong, ping, non-closing error); answers count against the outbox bound too. */
    void send(Frame frame) {
        if (!outbox.offer(dialect.encode(frame))) {
            LOG.log(System.Logger.Level.WARNING, "{0} does not read what it is sent ({1} bytes pending); disconnecting",
                    who(), outbox.pendingBytes());
            dropAsSlow();
            leaveRoom(LeaveReason.SLOW);
        }
    }

    /** Server shutdown: tells the peer and closes once that is written. */
    void shutdown(byte[] bye) {
        shutdown(bye, bye);
    }

    /**
     * Server shutdown for a restart: {@code restart} goes only to a member granted the
     * {@code history} extension, which knows the room goes on; anyone else (a version-1 client, or
     * a connection that never joined) is told the chat ended, as the core protocol says.
     */
    void shutdown(byte[] restart, byte[] ended) {
        if (close.isClosed()) {
            return;
        }
        close.because(LeaveReason.SHUTDOWN, "shutdown");
        outbox.offerUnbounded(member != null && member.granted(Extensions.HISTORY) ? restart : ended);
        beginClose();
    }

    /** Closes at once; used for timeouts and when the grace for a closing connection ran out. */
    void abort(LeaveReason reason, String why) {
        close.because(reason, why);
        close();
    }

    @Override
    public void dropAsSlow() {
        abort(LeaveReason.SLOW, "slow");
    }

    @Override
    public void replaced() {
        abort(LeaveReason.QUIT, "replaced by a reconnect");
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public void changed() {
        if (close.isClosed()) {
            return;
        }
        writer.flush();
        if (!close.isClosed() && transport.hasBufferedInput()) {
            loop.readAgain(this);
        }
    }

    private void beginClose() {
        visit.settled();
        close.closing(System.nanoTime());
        outbox.finish();
        if (outbox.isEmpty()) {
            finished();
        } else {
            writer.queued(true);
        }
    }

    private void leaveRoom(LeaveReason reason) {
        if (member != null) {
            room.leave(member, reason);
        }
    }

    @Override
    public void writeFailed(IOException cause) {
        close.because(LeaveReason.ERROR, describe(cause));
        close();
    }

    @Override
    public void drained() {
        if (close.phase() == CloseState.Phase.CLOSING) {
            finished();
        }
    }

    /** Everything before the closing frame is written: half-close, then linger for the peer's end. */
    private void finished() {
        if (!close.lingering()) {
            return;
        }
        try {
            transport.shutdownOutput();
        } catch (IOException e) {
            close();
        }
    }

    /** Closes the socket and leaves the room (unless already gone); the loop forgets the connection. */
    void close() {
        if (!close.close()) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: closed ({1})", who(), close.why());
        visit.settled();
        waiting = null;
        if (member != null) {
            sumUpLeftOut(logBudget.takeLeftOut(admission.now()));
        }
        writer.stop();
        if (key != null) {
            key.cancel();
        }
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", remote, e.getMessage());
        }
        leaveRoom(close.reason());
        loop.closed(this);
    }

    /** Called by the loop once a tick: hello timeout, heartbeat, idle timeout, close grace. */
    void tick(long now) {
        if (close.isClosed()) {
            return;
        }
        if (!close.isOpen()) {
            if (close.graceOver(now, config.closeGrace().toNanos())) {
                close();
            }
            return;
        }
        if (member != null) {
            sumUpLeftOut(logBudget.summaryDue(admission.now()));
        }
        if (waiting != null) {
            // Its hello came in time; the admission bounds how long it waits.
            enter(waiting.hello);
            return;
        }
        switch (liveness.check(now, member != null)) {
            case NOTHING -> { }
            case HELLO_TIMEOUT -> {
                if (transport.ready()) {
                    fail(new ProtocolException(ErrorCode.HELLO_TIMEOUT, "No hello arrived in time."));
                } else {
                    // No TLS session to say it in (a handshake never finished, or nothing was sent).
                    LOG.log(System.Logger.Level.INFO, "{0}: no TLS handshake finished within the hello timeout;"
                            + " disconnecting", who());
                    abort(LeaveReason.ERROR, "handshake timeout");
                }
            }
            case PING -> send(new Frame.Ping(liveness.nextPing()));
            case IDLE -> {
                log(System.Logger.Level.INFO, "{0}: nothing heard for {1} s; disconnecting", who(),
                        liveness.silentSeconds(now));
                abort(LeaveReason.TIMEOUT, "idle");
            }
        }
    }

    private String who() {
        return member != null ? LogText.safe(member.nick()) + " (" + remote + ")" : remote;
    }

    /**
     * A log line this peer caused, within its budget: before it joined its address's, after that
     * its own. Every peer-given string in {@code args} must already be {@link LogText#safe}.
     */
    private void log(System.Logger.Level level, String pattern, Object... args) {
        if (!LOG.isLoggable(level)) {
            return;
        }
        LogBudget budget = member != null ? logBudget : visit.standing.log;
        if (budget.allow(admission.now())) {
            LOG.log(level, pattern, args);
        }
    }

    private void sumUpLeftOut(long leftOut) {
        if (leftOut > 0) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1} more log lines about this connection were left out in the "
                    + "last minute", who(), leftOut);
        }
    }

    private static String describe(IOException e) {
        return e instanceof SocketException && e.getMessage() != null ? e.getMessage() : String.valueOf(e);
    }
}
