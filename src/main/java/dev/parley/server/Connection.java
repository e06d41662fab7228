package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.LineSplitter;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One participant's connection: the frames it sends, its outbox, and the state the server's timer
 * looks at. Everything here runs on the server's event loop thread ({@link EventLoop}): it is told
 * when bytes arrive, when the socket can take more, and when a second has passed.
 */
final class Connection implements Outbox.Owner {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** What a closing connection still reads from its peer so closing does not reset the connection. */
    private static final int LINGER_BYTES = 1 << 20;
    /** Typing frames relayed a second per connection; clients send one every 3 s, so this only stops floods. */
    private static final int TYPING_RATE = 5;
    private static final int TYPING_BURST = 10;

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Room room;
    private final FrameCodec codec;
    private final ServerConfig config;
    private final Outbox outbox;
    private final LineSplitter lines = new LineSplitter(Limits.MAX_FRAME);
    private final String remote;
    private final long openedAt;
    private final RateLimiter limiter;
    private final RateLimiter typingLimiter;
    private SelectionKey key;
    private IOException writeFailure;

    private long lastHeard;
    private boolean pinged;
    private long closingSince;
    private int lingered;
    private boolean outputShut;
    private LeaveReason leaveReason;
    private boolean joined;
    private boolean closed;
    /** Queued in the loop's list of connections to write to this turn. */
    boolean flushQueued;
    /** Queued in the loop's list of connections to write to within a few milliseconds. */
    boolean soonQueued;
    private long pingCounter;

    private String nick;
    private String nickKey;
    private Role role;

    Connection(SocketChannel channel, EventLoop loop, Room room, FrameCodec codec, ServerConfig config)
            throws IOException {
        this.channel = channel;
        this.loop = loop;
        this.room = room;
        this.codec = codec;
        this.config = config;
        this.outbox = new Outbox(config.outboxLimit(), this);
        this.remote = String.valueOf(channel.getRemoteAddress());
        this.openedAt = System.nanoTime();
        this.lastHeard = openedAt;
        this.limiter = new RateLimiter(config.ratePerSecond(), config.rateBurst(), openedAt);
        this.typingLimiter = new RateLimiter(TYPING_RATE, TYPING_BURST, openedAt);
    }

    void registered(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    /**
     * The socket has bytes (or its end): reads once into the loop's buffer and handles every
     * complete frame in it. One read per turn keeps one busy sender from starving the others.
     */
    void readable(ByteBuffer buffer) {
        if (closed) {
            return;
        }
        int n;
        try {
            buffer.clear();
            n = channel.read(buffer);
        } catch (IOException e) {
            leaveAs(LeaveReason.ERROR, describe(e));
            close();
            return;
        }
        if (n < 0) {
            if (closingSince == 0) {
                leaveAs(LeaveReason.ERROR, "connection closed by peer");
            }
            close();
            return;
        }
        if (closingSince != 0) {
            // After our last frame: take what the peer still sends, so closing does not reset it.
            lingered += n;
            if (lingered >= LINGER_BYTES) {
                close();
            }
            return;
        }
        try {
            lines.feed(buffer.array(), buffer.arrayOffset(), n, this::handleLine);
        } catch (ProtocolException e) {
            fail(e);
        }
    }

    /** One complete line; returns whether to go on with the next. */
    private boolean handleLine(byte[] bytes, int offset, int length) {
        lastHeard = System.nanoTime();
        pinged = false;
        handleFrame(bytes, offset, length);
        return closingSince == 0 && !closed;
    }

    private void handleFrame(byte[] bytes, int offset, int length) {
        Frame frame;
        try {
            frame = codec.decode(bytes, offset, length);
        } catch (ProtocolException e) {
            if (!joined) {
                fail(e.code().closes() ? e : new ProtocolException(ErrorCode.HELLO_REQUIRED,
                        "The first frame must be hello."));
            } else if (e.code().closes()) {
                fail(e);
            } else {
                send(e.toFrame());
            }
            return;
        }
        if (!joined) {
            if (frame instanceof Frame.Hello hello) {
                try {
                    room.join(this, hello);
                    joined = true;
                } catch (ProtocolException e) {
                    fail(e);
                }
            } else {
                fail(new ProtocolException(ErrorCode.HELLO_REQUIRED, "The first frame must be hello."));
            }
            return;
        }
        switch (frame) {
            case Frame.Send s -> onSend(s);
            case Frame.Typing t -> {
                if (typingLimiter.tryAcquire(System.nanoTime())) {
                    room.typing(this, t.active());
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "{0} types too often; typing frame dropped", nick);
                }
            }
            case Frame.Ping p -> send(new Frame.Pong(p.n()));
            case Frame.Pong ignored -> { }
            case Frame.Bye ignored -> {
                leaveAs(LeaveReason.QUIT, "said bye");
                room.leave(this, LeaveReason.QUIT);
                beginClose();
            }
            case Frame.Hello ignored -> LOG.log(System.Logger.Level.DEBUG, "{0} said hello twice; ignored", nick);
            case Frame.Welcome ignored -> ignoreServerFrame(frame);
            case Frame.Msg ignored -> ignoreServerFrame(frame);
            case Frame.Joined ignored -> ignoreServerFrame(frame);
            case Frame.Left ignored -> ignoreServerFrame(frame);
            case Frame.Error e -> LOG.log(System.Logger.Level.INFO, "{0} reports {1}: {2}", nick, e.code(),
                    e.message());
        }
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
        room.say(this, s.id(), s.text());
    }

    private void ignoreServerFrame(Frame frame) {
        LOG.log(System.Logger.Level.DEBUG, "{0} sent a {1} frame, which only a server sends; ignored",
                nick, frame.type());
    }

    /** Answers with a closing error, leaves the room, and closes once the error is written. */
    void fail(ProtocolException e) {
        if (closingSince != 0 || closed) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "{0}: closing with {1} ({2})", who(), e.code().wire(), e.getMessage());
        leaveAs(LeaveReason.ERROR, e.code().wire());
        room.leave(this, LeaveReason.ERROR);
        outbox.offerUnbounded(codec.encode(e.toFrame()));
        beginClose();
    }

    /** Queues a direct answer (pong, ping, non-closing error); answers count against the outbox bound too. */
    void send(Frame frame) {
        if (!outbox.offer(codec.encode(frame))) {
            LOG.log(System.Logger.Level.WARNING, "{0} does not read what it is sent ({1} bytes pending); disconnecting",
                    who(), outbox.pendingBytes());
            dropAsSlow();
            room.leave(this, LeaveReason.SLOW);
        }
    }

    /** Server shutdown: tells the peer and closes once that is written. */
    void shutdown(byte[] bye) {
        if (closed) {
            return;
        }
        leaveAs(LeaveReason.SHUTDOWN, "shutdown");
        outbox.offerUnbounded(bye);
        beginClose();
    }

    /** Closes at once; used for timeouts and when the grace for a closing connection ran out. */
    void abort(LeaveReason reason, String why) {
        leaveAs(reason, why);
        close();
    }

    /** The room dropped this participant for not keeping up. */
    void dropAsSlow() {
        abort(LeaveReason.SLOW, "slow");
    }

    /** A newer connection of the same session took this one's place: go quietly. */
    void replaced() {
        abort(LeaveReason.QUIT, "replaced by a reconnect");
    }

    private void beginClose() {
        if (closingSince == 0) {
            closingSince = System.nanoTime();
        }
        outbox.finish();
        if (outbox.isEmpty()) {
            finished();
        } else {
            loop.wantsFlush(this);
        }
    }

    private void leaveAs(LeaveReason reason, String why) {
        if (leaveReason == null) {
            leaveReason = reason;
            LOG.log(System.Logger.Level.DEBUG, "{0}: closing ({1})", who(), why);
        }
    }

    /** Called by the loop once a turn for every connection that got frames, and when the socket has room. */
    void flush() {
        if (closed) {
            return;
        }
        if (writeFailure != null || !tryFlush()) {
            leaveAs(LeaveReason.ERROR, describe(writeFailure));
            close();
        }
    }

    @Override
    public void queued(boolean urgent) {
        if (urgent) {
            loop.wantsFlush(this);
        } else {
            loop.wantsFlushSoon(this);
        }
    }

    /**
     * The outbox is full: writes what the socket takes now. This runs inside a room event (the
     * room is walking its members), so a failed write only marks the connection; the loop closes
     * it on its next flush.
     */
    @Override
    public void flushNow() {
        if (!closed && writeFailure == null && !tryFlush()) {
            outbox.kill();
            loop.wantsFlush(this);
        }
    }

    /** Writes what the socket takes without blocking; {@code false} if writing failed. */
    private boolean tryFlush() {
        boolean done;
        try {
            done = outbox.flush(channel, loop.writeBuffer());
        } catch (IOException e) {
            writeFailure = e;
            return false;
        }
        if (done) {
            if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (outbox.isFinishing()) {
                finished();
            }
        } else if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
        return true;
    }

    /** Everything before the closing frame is written: half-close, then linger for the peer's end. */
    private void finished() {
        if (outputShut || closed) {
            return;
        }
        outputShut = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
        }
    }

    /** Closes the socket and leaves the room (unless already gone); the loop forgets the connection. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        outbox.kill();
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", remote, e.getMessage());
        }
        room.leave(this, leaveReason == null ? LeaveReason.ERROR : leaveReason);
        loop.closed(this);
    }

    /** Called by the loop once a tick: hello timeout, heartbeat, idle timeout, close grace. */
    void tick(long now) {
        if (closed) {
            return;
        }
        if (closingSince != 0) {
            if (now - closingSince > config.closeGrace().toNanos()) {
                close();
            }
            return;
        }
        if (!joined) {
            if (now - openedAt >= config.helloTimeout().toNanos()) {
                fail(new ProtocolException(ErrorCode.HELLO_TIMEOUT, "No hello arrived in time."));
            }
            return;
        }
        long silent = now - lastHeard;
        if (silent >= config.idleTimeout().toNanos()) {
            LOG.log(System.Logger.Level.INFO, "{0}: nothing heard for {1} s; disconnecting", who(),
                    silent / 1_000_000_000L);
            abort(LeaveReason.TIMEOUT, "idle");
        } else if (silent >= config.pingAfter().toNanos() && !pinged) {
            pinged = true;
            send(new Frame.Ping(++pingCounter));
        }
    }

    void admitted(String nick, String key, Role role) {
        this.nick = nick;
        this.nickKey = key;
        this.role = role;
    }

    Outbox outbox() {
        return outbox;
    }

    String nick() {
        return nick;
    }

    String key() {
        return nickKey;
    }

    Role role() {
        return role;
    }

    String remote() {
        return remote;
    }

    private String who() {
        return nick != null ? nick + " (" + remote + ")" : remote;
    }

    private static String describe(IOException e) {
        return e instanceof SocketException && e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
