package dev.parley.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens for rooms on the discovery port: joins the groups on every adapter, asks every host to
 * announce once when it starts, keeps the {@link RoomList} and, when asked to, checks each new room
 * with a TCP connection to its source address and port before calling it reachable, and every
 * listed room again {@code recheckAfter} after its last check.
 *
 * <p>Its reader and timer are daemon threads of its own; checks run on virtual threads, at most a
 * few at once. {@link #rooms()} and {@link #addListener} may be used from any thread; listeners
 * are called on those background threads (a window hops to its own thread itself).
 */
public final class RoomBrowser implements Closeable {
    private static final System.Logger LOG = System.getLogger(RoomBrowser.class.getName());
    private static final int PARALLEL_CHECKS = 8;

    private final DiscoveryChannel channel;
    private final DiscoveryConfig config;
    private final Clock clock;
    private final boolean checkReachability;
    private final RoomList list;
    private final DatagramPump pump;
    private final ScheduledExecutorService timer;
    private final Semaphore checks = new Semaphore(PARALLEL_CHECKS);
    private final Set<DiscoveredRoom.Key> checking = ConcurrentHashMap.newKeySet();
    private final DatagramCodec codec = new DatagramCodec();
    private volatile boolean closed;

    private RoomBrowser(DiscoveryChannel channel, DiscoveryConfig config, Clock clock, boolean checkReachability) {
        this.channel = channel;
        this.config = config;
        this.clock = clock;
        this.checkReachability = checkReachability;
        this.list = new RoomList(clock, config.expireAfter(), config.maxRooms());
        this.pump = new DatagramPump(channel, config, clock, this::received);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("parley-browser-timer").factory());
    }

    /**
     * Opens the discovery port, starts listening and sends one query.
     *
     * @param checkReachability whether to TCP-connect to each room before calling it reachable
     * @throws IOException when the port cannot be opened
     */
    public static RoomBrowser start(DiscoveryConfig config, Clock clock, boolean checkReachability) throws IOException {
        var b = new RoomBrowser(DiscoveryChannel.open(config), config, clock, checkReachability);
        b.pump.start("parley-browser");
        b.timer.scheduleWithFixedDelay(b::tick, 1, 1, TimeUnit.SECONDS);
        long rescan = config.rescanInterfaces().toMillis();
        b.timer.scheduleWithFixedDelay(b::rescan, rescan, rescan, TimeUnit.MILLISECONDS);
        b.query();
        return b;
    }

    /** The UDP port it listens on (the configured one, or the free one it got for port 0). */
    public int port() {
        return channel.localPort();
    }

    /** The rooms heard lately; see {@link RoomList#snapshot()}. */
    public List<DiscoveredRoom> rooms() {
        return list.snapshot();
    }

    /** {@code listener} gets every new snapshot, on a background thread. */
    public void addListener(Consumer<List<DiscoveredRoom>> listener) {
        list.addListener(listener);
    }

    /** Asks every host to announce now. Returns how many datagrams went out. */
    public int query() {
        return channel.sendEverywhere(codec.encode(new Datagram.Query(null)));
    }

    /** Checks one room again now (a person asked to retry). */
    public void recheck(DiscoveredRoom.Key key) {
        DiscoveredRoom r = list.get(key);
        if (r != null && checkReachability) {
            check(r);
        }
    }

    /**
     * Drops expired rooms and checks again those last checked {@code recheckAfter} ago, so a room
     * whose host stopped turns unreachable well before it expires.
     */
    private void tick() {
        list.expire();
        if (!checkReachability) {
            return;
        }
        Instant stale = clock.instant().minus(config.recheckAfter());
        for (DiscoveredRoom r : list.snapshot()) {
            if (r.checkedAt() != null && r.checkedAt().isBefore(stale)) {
                check(r);
            }
        }
    }

    private void rescan() {
        if (channel.refresh()) {
            LOG.log(System.Logger.Level.DEBUG, "discovery: adapters changed; asking again");
            query();
        }
    }

    private void received(InetSocketAddress source, Datagram d) {
        if (!(d instanceof Datagram.Announcement a)) {
            return;
        }
        RoomList.Outcome outcome = list.offer(source.getAddress(), a);
        if (!checkReachability || outcome == RoomList.Outcome.FULL) {
            return;
        }
        DiscoveredRoom r = list.get(new DiscoveredRoom.Key(source.getAddress(), a.port(), a.hostKey()));
        if (r == null) {
            return;
        }
        if (r.checkedAt() == null) {
            check(r);
        }
    }

    private void check(DiscoveredRoom r) {
        DiscoveredRoom.Key key = r.key();
        if (closed || !checking.add(key)) {
            return;
        }
        Thread.ofVirtual().name("parley-reachability").start(() -> {
            try {
                checks.acquire();
                try {
                    Reachability result = ReachabilityProbe.probe(new InetSocketAddress(r.address(), r.port()),
                            config.connectTimeout());
                    if (result instanceof Reachability.Unreachable u) {
                        LOG.log(System.Logger.Level.DEBUG, "discovery: {0} is not reachable: {1}", r.display(),
                                u.detail());
                    }
                    list.reachability(key, result);
                } finally {
                    checks.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                checking.remove(key);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        pump.stop();
        timer.shutdownNow();
        channel.close();
    }
}
