package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameReader;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * One participant's connection: its reader loop (run on its own virtual thread), its outbox, and
 * the state the server's timer looks at. The reader thread is the only one that reads the socket;
 * any thread may close it.
 */
final class Connection implements Outbox.Listener {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    private static final int LINGER_BYTES = 1 << 20;
    /** Typing frames relayed a second per connection; clients send one every 3 s, so this only stops floods. */
    private static final int TYPING_RATE = 5;
    private static final int TYPING_BURST = 10;

    private final Socket socket;
    private final Room room;
    private final FrameCodec codec;
    private final ServerConfig config;
    private final Outbox outbox;
    private final String remote;
    private final long openedAt;
    private final RateLimiter limiter;
    private final RateLimiter typingLimiter;

    private volatile long lastHeard;
    private volatile boolean pinged;
    private volatile long closingSince;
    private volatile LeaveReason leaveReason;
    private volatile boolean joined;
    private volatile boolean closed;
    private long pingCounter;

    private String nick;
    private String key;
    private Role role;

    Connection(Socket socket, Room room, FrameCodec codec, ServerConfig config) throws IOException {
        this.socket = socket;
        this.room = room;
        this.codec = codec;
        this.config = config;
        this.outbox = new Outbox(socket.getOutputStream(), config.outboxLimit(), this);
        this.remote = socket.getRemoteSocketAddress().toString();
        this.openedAt = System.nanoTime();
        this.lastHeard = openedAt;
        this.limiter = new RateLimiter(config.ratePerSecond(), config.rateBurst(), openedAt);
        this.typingLimiter = new RateLimiter(TYPING_RATE, TYPING_BURST, openedAt);
    }

    /** The reader loop; returns when the connection is closed. */
    void run() {
        try (socket) {
            InputStream in = socket.getInputStream();
            var reader = new FrameReader(in, Limits.MAX_FRAME);
            try {
                while (closingSince == 0 && reader.next()) {
                    lastHeard = System.nanoTime();
                    pinged = false;
                    if (closingSince != 0) {
                        break;
                    }
                    handleLine(reader);
                }
            } catch (ProtocolException e) {
                // Inside the try-with-resources: a catch clause of its own runs after the socket is closed.
                fail(e);
            }
            if (closingSince == 0) {
                leaveAs(LeaveReason.ERROR, "connection closed by peer");
            } else {
                linger(in);
            }
        } catch (IOException e) {
            leaveAs(LeaveReason.ERROR, describe(e));
        } finally {
            closed = true;
            outbox.kill();
            room.leave(this, leaveReason == null ? LeaveReason.ERROR : leaveReason);
        }
    }

    private void handleLine(FrameReader reader) {
        Frame frame;
        try {
            frame = codec.decode(reader.buffer(), reader.lineOffset(), reader.lineLength());
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
    synchronized void fail(ProtocolException e) {
        if (closingSince != 0) {
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
        leaveAs(LeaveReason.SHUTDOWN, "shutdown");
        outbox.offerUnbounded(bye);
        beginClose();
    }

    /** Closes at once; used for timeouts and when the grace for a closing connection ran out. */
    void abort(LeaveReason reason, String why) {
        leaveAs(reason, why);
        outbox.kill();
        closeSocket();
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
    }

    private void leaveAs(LeaveReason reason, String why) {
        if (leaveReason == null) {
            leaveReason = reason;
            LOG.log(System.Logger.Level.DEBUG, "{0}: closing ({1})", who(), why);
        }
    }

    @Override
    public void writeFailed(IOException e) {
        leaveAs(LeaveReason.ERROR, describe(e));
        closeSocket();
    }

    @Override
    public void finished() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closeSocket();
        }
    }

    /** After our last frame, reads what the peer still sends so closing does not reset it. */
    private void linger(InputStream in) throws IOException {
        long deadline = closingSince + config.closeGrace().toNanos();
        byte[] sink = new byte[4096];
        int total = 0;
        while (total < LINGER_BYTES) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(sink);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (n < 0) {
                return;
            }
            total += n;
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", remote, e.getMessage());
        }
    }

    /** Called by the server's timer: hello timeout, heartbeat, idle timeout, close grace. */
    void tick(long now) {
        if (closed) {
            return;
        }
        if (closingSince != 0) {
            if (now - closingSince > config.closeGrace().toNanos()) {
                closeSocket();
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
            room.leave(this, LeaveReason.TIMEOUT);
        } else if (silent >= config.pingAfter().toNanos() && !pinged) {
            pinged = true;
            send(new Frame.Ping(++pingCounter));
        }
    }

    boolean isClosed() {
        return closed;
    }

    void admitted(String nick, String key, Role role) {
        this.nick = nick;
        this.key = key;
        this.role = role;
    }

    Outbox outbox() {
        return outbox;
    }

    String nick() {
        return nick;
    }

    String key() {
        return key;
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
