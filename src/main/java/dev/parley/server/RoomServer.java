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
    private final Room room;
    private final Admission admission;
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
        this(config, clock, Network.of(config.tls()), MemoryRoomLog.factory(config));
    }

    /** A room on {@code network} with its events in memory. */
    public RoomServer(ServerConfig config, Network network) {
        this(config, Clock.systemUTC(), network, MemoryRoomLog.factory(config));
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
        this.room = new Room(config, codec, clock, hostKey, log.open(task -> loop.execute(task)), List.of(parley));
        this.admission = new Admission(room, config, abuseClock);
    }

    /** Binds the port and starts accepting; returns once connections can be made. */
    public synchronized RoomServer start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        InetAddress bind = config.bindAddress() == null || config.bindAddress().isBlank()
                ? null : InetAddress.getByName(config.bindAddress());
        ServerSocketChannel channel = network.listen(new InetSocketAddress(bind, config.port()), ACCEPT_BACKLOG);
        try {
            loop = new EventLoop(channel, network, room, codec, parley, config, admission);
        } catch (IOException e) {
            channel.close();
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
        return room.users();
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
            byte[] bye = codec.encode(new Frame.Bye(Frame.Bye.SHUTDOWN));
            for (var c : loop.connections()) {
                c.shutdown(bye);
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
        LOG.log(System.Logger.Level.INFO, "room \"{0}\" closed", config.roomName());
        whenClosed.forEach(Runnable::run);
    }

    /** Runs {@code then} on the closing thread once {@link #close()} is done (registered before it). */
    public void whenClosed(Runnable then) {
        whenClosed.add(then);
    }
}
