package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Parley host: listens on a TCP port and runs one room.
 *
 * <p>An accept loop hands every connection to its own virtual thread for reading; a single timer
 * thread handles hello and idle timeouts and heartbeats. {@link #start()} and {@link #close()} may
 * be called from any thread; {@code close} sends {@code bye} with reason {@code shutdown} to
 * everyone and waits briefly for it to be written.
 */
public final class RoomServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** Connections the kernel may hold before accept; a join storm of 1,000 at once overflowed 512. */
    private static final int ACCEPT_BACKLOG = 4_096;

    private final ServerConfig config;
    private final FrameCodec codec = new FrameCodec();
    private final String hostKey;
    private final Room room;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket serverSocket;
    private ScheduledExecutorService timer;
    private Thread acceptor;
    private volatile boolean stopping;

    public RoomServer(ServerConfig config) {
        this(config, Clock.systemUTC());
    }

    public RoomServer(ServerConfig config, Clock clock) {
        this.config = config;
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        this.hostKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        this.room = new Room(config, codec, clock, hostKey);
    }

    /** Binds the port and starts accepting; returns once connections can be made. */
    public synchronized RoomServer start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        InetAddress bind = config.bindAddress() == null || config.bindAddress().isBlank()
                ? null : InetAddress.getByName(config.bindAddress());
        try {
            socket.bind(new InetSocketAddress(bind, config.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-timer");
            t.setDaemon(true);
            return t;
        });
        long tick = config.tick().toMillis();
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        acceptor = Thread.ofVirtual().name("parley-accept").start(this::acceptLoop);
        LOG.log(System.Logger.Level.INFO, "room \"{0}\" listening on {1}:{2,number,#}", config.roomName(),
                address().getAddress().getHostAddress(), port());
        return this;
    }

    /** The port actually bound (useful when the config asked for port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Where the server listens, as {@code address:port}. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
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
        return connections.size();
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(System.Logger.Level.ERROR, "accepting connections failed: {0}", e.getMessage());
                }
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                var connection = new Connection(socket, room, codec, config);
                if (connections.size() >= config.maxClients() || stopping) {
                    LOG.log(System.Logger.Level.WARNING, "refusing {0}: server full ({1} connections)",
                            connection.remote(), connections.size());
                    Thread.ofVirtual().name("parley-refuse").start(() -> refuse(connection));
                    continue;
                }
                connections.add(connection);
                LOG.log(System.Logger.Level.DEBUG, "connection from {0}", connection.remote());
                Thread.ofVirtual().name("parley-conn").start(() -> {
                    try {
                        connection.run();
                    } finally {
                        connections.remove(connection);
                    }
                });
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "could not set up a connection: {0}", e.getMessage());
                closeQuietly(socket);
            }
        }
    }

    private void refuse(Connection connection) {
        connection.fail(new dev.parley.protocol.ProtocolException(ErrorCode.SERVER_FULL,
                "This chat is full; try again later."));
        connection.run();
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (Connection c : connections) {
                c.tick(now);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "timer failed", e);
        }
    }

    /**
     * Ends the chat: stops accepting, says {@code bye} (reason {@code shutdown}) to everyone and
     * closes every connection, waiting at most the close grace for the goodbyes to be written.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (stopping || serverSocket == null) {
                return;
            }
            stopping = true;
        }
        closeQuietly(serverSocket);
        room.close();
        byte[] bye = codec.encode(new Frame.Bye(Frame.Bye.SHUTDOWN));
        for (Connection c : connections) {
            c.shutdown(bye);
        }
        long deadline = System.nanoTime() + config.closeGrace().toNanos();
        try {
            acceptor.join(Duration.ofSeconds(1));
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : connections) {
            c.abort(dev.parley.protocol.LeaveReason.SHUTDOWN, "shutdown");
        }
        timer.shutdownNow();
        LOG.log(System.Logger.Level.INFO, "room \"{0}\" closed", config.roomName());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            if (!(e instanceof SocketException)) {
                LOG.log(System.Logger.Level.DEBUG, "close: {0}", e.getMessage());
            }
        }
    }
}
