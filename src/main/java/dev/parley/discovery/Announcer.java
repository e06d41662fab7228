package dev.parley.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Announces one room on every up, non-loopback, multicast-capable adapter: to the IPv4 and IPv6
 * groups and each IPv4 subnet broadcast, every {@code announceEvery}, at once when a query arrives
 * (at most once a second however many arrive) and at once when an adapter comes up.
 *
 * <p>Runs beside a room server, never inside its event loop: its reader is a daemon thread of its
 * own and its timer another. The room supplier is called on the timer or the reader thread, so it
 * must be thread-safe and quick. {@link #close} may be called from any thread.
 */
public final class Announcer implements Closeable {
    private static final System.Logger LOG = System.getLogger(Announcer.class.getName());
    private static final long MIN_ANSWER_GAP_MS = 1_000;

    private final DiscoveryChannel channel;
    private final Supplier<HostedRoom> room;
    private final String instance;
    private final Clock clock;
    private final DatagramCodec codec = new DatagramCodec();
    private final ScheduledExecutorService timer;
    private final DatagramPump pump;
    private final AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicBoolean answerPending = new AtomicBoolean();

    private Announcer(DiscoveryChannel channel, Supplier<HostedRoom> room, DiscoveryConfig config, Clock clock) {
        this.channel = channel;
        this.room = room;
        this.clock = clock;
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        this.instance = HexFormat.of().formatHex(id);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("parley-announcer-timer").factory());
        this.pump = new DatagramPump(channel, config, clock, this::received);
    }

    /**
     * Opens the discovery port and starts announcing {@code room}.
     *
     * @throws IOException when the port cannot be opened (the room still works; it is only not announced)
     */
    public static Announcer start(DiscoveryConfig config, Supplier<HostedRoom> room) throws IOException {
        var a = new Announcer(DiscoveryChannel.open(config), room, config, Clock.systemUTC());
        a.pump.start("parley-announcer");
        long every = config.announceEvery().toMillis();
        a.timer.scheduleWithFixedDelay(a::announceSafely, 0, every, TimeUnit.MILLISECONDS);
        long rescan = config.rescanInterfaces().toMillis();
        a.timer.scheduleWithFixedDelay(a::rescan, rescan, rescan, TimeUnit.MILLISECONDS);
        return a;
    }

    /** How many adapters it announces on now. */
    public int adapterCount() {
        return channel.adapters().size();
    }

    /** Announces now, whatever the timer says. Returns how many datagrams went out. */
    public int announceNow() {
        HostedRoom r = room.get();
        byte[] data = codec.encode(new Datagram.Announcement(instance, DatagramCodec.fitRoomName(r.room()), r.port(),
                r.hostKey(), r.passwordNeeded(), Math.min(Math.max(0, r.people()), DatagramCodec.MAX_PEOPLE)));
        return channel.sendEverywhere(data);
    }

    private void announceSafely() {
        try {
            int sent = announceNow();
            LOG.log(System.Logger.Level.DEBUG, "discovery: announced in {0} datagrams", sent);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "discovery: announcing failed", e);
        }
    }

    private void rescan() {
        if (channel.refresh()) {
            LOG.log(System.Logger.Level.INFO, "discovery: network adapters changed; announcing on {0} now",
                    channel.adapters().size());
            announceSafely();
        }
    }

    private void received(InetSocketAddress source, Datagram d) {
        if (!(d instanceof Datagram.Query)) {
            return;
        }
        if (!answerPending.compareAndSet(false, true)) {
            return;
        }
        // A burst of queries gets one answer, and answers are at least a second apart.
        long wait = Math.max(0, lastAnswer.get() + MIN_ANSWER_GAP_MS - clock.millis());
        LOG.log(System.Logger.Level.DEBUG, "discovery: {0} asked; announcing in {1} ms", source, wait);
        try {
            timer.schedule(() -> {
                answerPending.set(false);
                lastAnswer.set(clock.millis());
                announceSafely();
            }, wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    @Override
    public void close() {
        pump.stop();
        timer.shutdownNow();
        channel.close();
    }
}
