package dev.parley.server;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.LeaveReason;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server's one I/O thread: accepts, reads, runs the room, writes, and keeps time.
 *
 * <p>Each turn reads once from every socket that has bytes, handles the frames in them (the
 * room queues each event's shared bytes into the outboxes of everyone in it), then writes to
 * every connection that got something, one write each. Frames that arrive together therefore
 * leave together: under load a participant receives many frames per system call, and when the
 * machine is busy the loop simply comes round less often, as a good event loop does, instead of
 * piling up work. A socket that cannot take more is watched for room; only a participant whose
 * own socket stays full past the outbox bound is dropped as slow. Nothing here blocks.
 *
 * <p>A selection key's attachment is a {@link KeyHandler}: the {@link Listener} or a
 * {@link Connection}. A handler that throws loses its own peer, never the loop. A transport that
 * holds input the selector cannot see asks to be read again next turn ({@link #readAgain}).
 */
final class EventLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** Frames queued since the last writes after which the loop writes even in the middle of a turn (bounds memory). */
    private static final int FLUSH_AFTER_FRAMES = 1 << 18;
    /**
     * How long presence and typing frames wait at least to be written together. In a big room the
     * wait grows to twice what writing them took last time, so that a join storm spends at most a
     * third of the loop on {@code joined} frames and the rest on letting people in.
     */
    private static final long SOON_NANOS = 20_000_000;

    private final Selector selector;
    private final Listener listener;
    private final Room room;
    private final FrameCodec codec;
    private final Dialect dialect;
    private final ServerConfig config;
    private final Network network;
    private final Admission admission;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    /** Staging for outgoing bytes, shared by every connection; a transport copies what it takes. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private List<PeerWriter> toFlush = new ArrayList<>();
    private List<PeerWriter> flushing = new ArrayList<>();
    private List<PeerWriter> soon = new ArrayList<>();
    private List<Connection> readAgain = new ArrayList<>();
    private List<Connection> rereading = new ArrayList<>();
    private final long tickNanos;
    /** When the timers are next checked ({@link #tick}); loop thread. */
    private long nextTick;
    private long soonDeadline;
    private long soonWait = SOON_NANOS;
    private int queuedSinceFlush;
    private Runnable whenEmpty;
    private volatile boolean running = true;

    EventLoop(ServerSocketChannel server, Network network, Room room, FrameCodec codec, Dialect dialect,
              ServerConfig config, Admission admission) throws IOException {
        this.selector = Selector.open();
        this.network = network;
        this.admission = admission;
        this.room = room;
        this.codec = codec;
        this.dialect = dialect;
        this.config = config;
        this.tickNanos = config.tick().toNanos();
        this.listener = new Listener(server, network, this);
        server.configureBlocking(false);
        listener.registered(server.register(selector, SelectionKey.OP_ACCEPT, listener));
    }

    @Override
    public void run() {
        nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                turn();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.log(System.Logger.Level.ERROR, "the server's event loop failed: {0}", e.toString());
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the server's event loop failed", e);
            throw e;
        } finally {
            listener.close();
            for (Connection c : connections) {
                c.abort(LeaveReason.SHUTDOWN, "server stopped");
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the selector: {0}", e.getMessage());
            }
        }
    }

    /**
     * One turn: wait for sockets (or the next timer), read every ready one, run the room, write.
     * A method of its own so that the JIT compiles it: {@link #run} is entered once, and
     * {@code -XX:+PrintCompilation} on the fan-out benchmark showed it never got an on-stack
     * compile, so the whole turn used to run in the interpreter (before and after the seams).
     */
    private void turn() throws IOException {
        if (readAgain.isEmpty()) {
            long until = soon.isEmpty() ? nextTick : Math.min(nextTick, soonDeadline);
            selector.select(Math.max(1, (until - System.nanoTime() + 999_999) / 1_000_000));
        } else {
            selector.selectNow();
        }
        runTasks();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            handle(key);
            if (queuedSinceFlush >= FLUSH_AFTER_FRAMES) {
                flushAll();
                flushSoon();
            }
        }
        readBuffered();
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
            nextTick = now + tickNanos;
            tick(now);
        }
        flushAll();
        if (!soon.isEmpty()) {
            if (soonDeadline == 0) {
                soonDeadline = now + soonWait;
            } else if (now - soonDeadline >= 0) {
                flushSoon();
            }
        }
    }

    /** Runs {@code task} on the loop's thread, soon. Any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Stops accepting; connections already open go on. Runs on the loop. */
    void stopAccepting() {
        listener.close();
    }

    /** Ends the loop after its current turn; whoever is still connected is cut off. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Open connections, those still waiting to join included. */
    int connectionCount() {
        return connections.size();
    }

    Set<Connection> connections() {
        return connections;
    }

    FrameCodec codec() {
        return codec;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    /** A frame was queued somewhere; past a bound the loop writes in the middle of a turn. */
    void countQueued() {
        queuedSinceFlush++;
    }

    /** The peer got a frame someone waits for: write to it at the end of this turn. */
    void flushThisTurn(PeerWriter w) {
        toFlush.add(w);
    }

    /** The peer got a frame that may wait a little: write to it within a few milliseconds. */
    void flushSoon(PeerWriter w) {
        soon.add(w);
    }

    /** The connection's transport holds input the selector cannot see: read it next turn. */
    void readAgain(Connection c) {
        // A flag on the connection, not readAgain.contains(c): that walked the list on every call,
        // quadratic in the TLS connections holding input in one turn (review of the seams, item 10).
        if (!c.readAgainQueued) {
            c.readAgainQueued = true;
            readAgain.add(c);
        }
    }

    /** A connection closed: forget it. */
    void closed(Connection c) {
        connections.remove(c);
        if (whenEmpty != null && connections.isEmpty()) {
            Runnable then = whenEmpty;
            whenEmpty = null;
            then.run();
        }
    }

    /** Runs {@code then} on the loop once no connection is left (at once if none is). */
    void whenEmpty(Runnable then) {
        if (connections.isEmpty()) {
            then.run();
        } else {
            whenEmpty = then;
        }
    }

    private void handle(SelectionKey key) {
        var handler = (KeyHandler) key.attachment();
        try {
            if (key.isValid()) {
                handler.handle(key.readyOps());
            }
        } catch (CancelledKeyException e) {
            // Closed while its events were pending; nothing to do.
        } catch (RuntimeException e) {
            // A bug met by one peer's input must not take the room down with it.
            handler.failed(e);
        }
    }

    /**
     * The listener took a connection: unless its address may not connect now (the admission closes
     * it then), set it up on its transport. How many people the room takes is decided at hello.
     */
    void accepted(SocketChannel channel) {
        AddressGate.Visit visit = admission.admit(channel);
        if (visit == null) {
            return;
        }
        var c = new Connection(this, room, dialect, config, admission, visit, System.nanoTime());
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            Transport transport = network.open(channel, c);
            c.attach(transport, channel.register(selector, SelectionKey.OP_READ, c));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "could not set up a connection: {0}", e.getMessage());
            visit.settled();
            try {
                channel.close();
            } catch (IOException ignored) {
                // Giving it up was all we wanted.
            }
            return;
        }
        connections.add(c);
        LOG.log(System.Logger.Level.DEBUG, "connection from {0}", c.remote());
    }

    private void readBuffered() {
        if (readAgain.isEmpty()) {
            return;
        }
        List<Connection> batch = readAgain;
        readAgain = rereading;
        rereading = batch;
        for (Connection c : batch) {
            c.readAgainQueued = false;
            try {
                c.readable();
            } catch (RuntimeException e) {
                c.failed(e);
            }
        }
        batch.clear();
    }

    private void tick(long now) {
        listener.tick();
        admission.tick();
        room.tick(now);
        for (Connection c : connections) {
            c.tick(now);
        }
    }

    private void flushAll() {
        queuedSinceFlush = 0;
        while (!toFlush.isEmpty()) {
            List<PeerWriter> batch = toFlush;
            toFlush = flushing;
            flushing = batch;
            for (PeerWriter w : batch) {
                w.flushQueued();
            }
            batch.clear();
        }
    }

    private void flushSoon() {
        long started = System.nanoTime();
        soonDeadline = 0;
        List<PeerWriter> batch = soon;
        soon = new ArrayList<>(Math.max(16, batch.size()));
        for (PeerWriter w : batch) {
            w.flushSoon();
        }
        flushAll();
        soonWait = Math.max(SOON_NANOS, 2 * (System.nanoTime() - started));
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a server task failed", e);
            }
        }
    }
}
