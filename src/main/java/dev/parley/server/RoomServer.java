package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A Parley host: listens on a TCP port and runs one room.
 *
 * <p>Its seams: the {@link Network} binds, accepts and puts a {@link Transport} (plain or TLS)
 * under each connection; the {@link RoomLog.Factory} makes the room's log (in memory by default);
 * the room itself knows {@link Member}s, whatever dialect they speak.
 *
 * <p>All network work happens on one thread, the {@link EventLoop}: accepting, reading, the room,
 * writing, heartbeats and timeouts. {@link #start()} and {@link #close()} may be called from any
 * thread; {@code close} sends {@code bye} with reason {@code shutdown} to everyone and waits
 * briefly for it to be written.
 */
public final class RoomServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** Connections the kernel may hold before accept; a join storm of 1,000 at once overflowed 512. */
    private static final int ACCEPT_BACKLOG = 4_096;

    private final ServerConfig config;
    private final FrameCodec codec = new FrameCodec();
    private final Network network;
    private final ParleyDialect parley = new ParleyDialect(codec);
    private final String hostKey;
    private final Clock clock;
    private final RoomLog.Factory logFactory;
    private final LongSupplier abuseClock;
    private volatile RoomLog log;
    private volatile RoomFiles files;
    private volatile Room room;
    private volatile Admission admission;
    private ServerSocketChannel serverChannel;
    private InetSocketAddress address;
    private volatile EventLoop loop;
    private Thread loopThread;
    private boolean stopping;
    private final java.util.List<Runnable> whenClosed = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RoomServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    /** A room on the network its config asks for (plain TCP, or TLS: {@link ServerConfig#tls()}). */
    public RoomServer(ServerConfig config, Clock clock) {
        this(config, clock, Network.of(config.tls()), logFor(config));
    }

    /** A room over this network with its events where {@link ServerConfig#log()} says: in memory or on disk. */
    public RoomServer(ServerConfig config, Network network) {
        this(config, Clock.systemUTC(), network, logFor(config));
    }

    /** The log the config asks for: a database in {@link LogSettings#folder()}, else memory. */
    static RoomLog.Factory logFor(ServerConfig config) {
        return config.log().durable() ? SqliteRoomLog.factory(config) : MemoryRoomLog.factory(config);
    }

    /**
     * @param network how the server listens, accepts and wraps each connection
     * @param log     makes the room's log; it completes appends on the server's loop thread
     */
    public RoomServer(ServerConfig config, Clock clock, Network network, RoomLog.Factory log) {
        this(config, clock, network, log, System::nanoTime);
    }

    /**
     * @param abuseClock monotonic nanoseconds for the abuse limits (bans, password delays, join
     *                   and log budgets); a test moves its own
     */
    RoomServer(ServerConfig config, Clock clock, Network network, RoomLog.Factory log, LongSupplier abuseClock) {
        this.config = config;
        this.network = network;
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        this.hostKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        this.clock = clock;
        this.logFactory = log;
        this.abuseClock = abuseClock;
    }

    /**
     * Opens the room's log (reading its tail from disk, for a durable one), binds the port and starts
     * accepting; returns once connections can be made.
     *
     * @throws LogUnavailableException the history cannot be opened (another host uses its folder ...)
     * @throws IOException             the port cannot be bound
     */
    public synchronized RoomServer start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        RoomLog opened = logFactory.open(task -> loop.execute(task));
        InetAddress bind;
        ServerSocketChannel channel;
        try {
            bind = config.bindAddress() == null || config.bindAddress().isBlank()
                    ? null : InetAddress.getByName(config.bindAddress());
            channel = network.listen(new InetSocketAddress(bind, config.port()), ACCEPT_BACKLOG);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        RoomFiles roomFiles = null;
        if (config.files().enabled()) {
            try {
                roomFiles = RoomFiles.open(config.files(), SqliteRoomLog.storeName(config.roomName()),
                        task -> loop.execute(task));
            } catch (IOException | RuntimeException e) {
                channel.close();
                opened.close();
                throw e;
            }
        }
        log = opened;
        files = roomFiles;
        try {
            room = new Room(config, codec, clock, hostKey, opened, List.of(parley), task -> loop.execute(task),
                    roomFiles);
            admission = new Admission(room, config, abuseClock);
            loop = new EventLoop(channel, network, room, codec, parley, config, admission);
        } catch (IOException | RuntimeException e) {
            // Nothing is left open when the room cannot start: the port, the history, the files' timer.
            channel.close();
            opened.close();
            if (roomFiles != null) {
                roomFiles.close();
            }
            throw e;
        }
        serverChannel = channel;
        address = (InetSocketAddress) channel.getLocalAddress();
        loopThread = Thread.ofPlatform().name("parley-server").daemon(true).start(loop);
        LOG.log(System.Logger.Level.INFO, "room \"{0}\" listening on {1}:{2,number,#} ({3})", config.roomName(),
                address.getAddress().getHostAddress(), port(), !config.tls().enabled() ? "plain TCP"
                        : "TLS 1.3" + (config.tls().allowPlaintext() ? " and plaintext" : " only") + ", host key "
                        + config.tls().context().key().shortHex(16) + "…");
        return this;
    }

    /** The port actually bound (useful when the config asked for port 0). */
    public int port() {
        return address.getPort();
    }

    /** Where the server listens, as {@code address:port}. */
    public InetSocketAddress address() {
        return address;
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * The secret with which the host's own participant joins as {@code host}, sent in its
     * {@code hello} as {@code hostKey}. Never leaves this process except over loopback.
     */
    public String hostKey() {
        return hostKey;
    }

    /** Participants in the room now. */
    public List<Frame.User> users() {
        Room r = room;
        return r == null ? List.of() : r.users();
    }

    /** The room's lasting id, as {@code welcome} carries it; {@code null} before {@link #start()}. */
    public String roomId() {
        RoomLog l = log;
        return l == null ? null : l.roomId();
    }

    /** Sessions the room keeps now, connected and held (bounded whatever the churn). */
    int sessionCount() {
        return room.sessionCount();
    }

    Room room() {
        return room;
    }

    /** The room's database file, or {@code null} when the history is kept in memory. */
    public java.nio.file.Path historyFile() {
        return log instanceof SqliteRoomLog sqlite ? sqlite.databaseFile() : null;
    }

    /** Whether the room's history is on disk, so that {@link #export} can write it out. */
    public boolean keepsHistory() {
        return log instanceof SqliteRoomLog;
    }

    /**
     * Writes the whole stored history to {@code target}, from a consistent snapshot while the room
     * goes on. Blocks the calling thread (never call it on the loop or the FX thread).
     *
     * @throws IllegalStateException the history is not kept on disk ({@link #keepsHistory()})
     */
    public dev.parley.store.ExportResult export(dev.parley.store.ExportFormat format, java.nio.file.Path target,
                                                dev.parley.store.ExportMonitor monitor)
            throws IOException, dev.parley.store.StoreException {
        if (!(log instanceof SqliteRoomLog sqlite)) {
            throw new IllegalStateException("this room keeps its history in memory only");
        }
        return sqlite.export(format, target, monitor);
    }

    /** Whether the room takes files (extension {@code files}). */
    public boolean takesFiles() {
        return files != null;
    }

    /** File transfer connections carried now (off the loop). */
    int transfersCarried() {
        RoomFiles f = files;
        return f == null ? 0 : f.carrying();
    }

    /** Open connections, including ones that have not said hello yet. */
    public int connectionCount() {
        return loop == null ? 0 : loop.connectionCount();
    }

    /**
     * Ends the chat: stops accepting, says {@code bye} (reason {@code shutdown}) to everyone and
     * closes every connection, waiting at most the close grace for the goodbyes to be written.
     */
    @Override
    public void close() {
        close(Frame.Bye.SHUTDOWN);
    }

    /**
     * Stops the host for a restart: like {@link #close()}, but the goodbye is {@code bye} with reason
     * {@code restart}, which tells clients the room goes on (its history is on disk) and they should
     * come back, as after a network blip.
     */
    public void closeForRestart() {
        close(Frame.Bye.RESTART);
    }

    private void close(String reason) {
        synchronized (this) {
            if (stopping || serverChannel == null) {
                return;
            }
            stopping = true;
        }
        var drained = new CompletableFuture<Void>();
        loop.execute(() -> {
            loop.stopAccepting();
            room.close();
            byte[] bye = codec.encode(new Frame.Bye(reason));
            byte[] ended = codec.encode(new Frame.Bye(Frame.Bye.SHUTDOWN));
            for (var c : loop.connections()) {
                c.shutdown(bye, ended);
            }
            loop.whenEmpty(() -> drained.complete(null));
        });
        try {
            drained.get(config.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "{0} connections still closing after {1} ms; cutting them off",
                    loop.connectionCount(), config.closeGrace().toMillis());
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the room failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.stop();
        try {
            loopThread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        network.close();
        if (files != null) {
            files.close();
        }
        // After the loop: closing a durable log writes out its queue and folds its WAL, which may take a moment.
        log.close();
        LOG.log(System.Logger.Level.INFO, "room \"{0}\" closed", config.roomName());
        whenClosed.forEach(Runnable::run);
    }

    /** Runs {@code then} on the closing thread once {@link #close()} is done (registered before it). */
    public void whenClosed(Runnable then) {
        whenClosed.add(then);
    }
}
