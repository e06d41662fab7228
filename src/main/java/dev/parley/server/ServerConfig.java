package dev.parley.server;

import dev.parley.protocol.Limits;

import java.time.Duration;

/**
 * Everything an operator or a test can tune about a room server. Defaults are the protocol's.
 *
 * @param bindAddress    interface to listen on; {@code null} or empty for all of them
 * @param port           TCP port; 0 picks a free one
 * @param roomName       shown to everyone who joins
 * @param password       room password, or {@code null} for an open room
 * @param maxClients     most people in the room at once; a newcomer past it gets {@code server_full},
 *                       a member coming back with its session and the host's own window never do
 * @param ratePerSecond  {@code send} frames a second per connection; 0 turns rate limiting off
 * @param rateBurst      how many frames a connection may send at once before the rate applies
 * @param historySize    room events kept for late joiners and resumes
 * @param replayLimit    events replayed to a newcomer that gives no {@code since}
 * @param outboxLimit    bytes a participant may have pending before it is dropped as slow
 * @param helloTimeout   time a new connection has to send {@code hello}
 * @param pingAfter      silence after which the server pings a connection
 * @param idleTimeout    silence after which the server drops a connection
 * @param tick           how often timeouts are checked
 * @param closeGrace     how long a closing connection may take to take its last frames
 * @param dedupCapacity  message ids remembered per session to recognise resends
 * @param abuse          what one address may ask of the host: pending connections, connection
 *                       bans, wrong-password delays, join rate, log lines ({@link AbuseLimits})
 * @param tls            TLS on the port ({@link TlsSettings}); {@link TlsSettings#off()} is plain TCP, which
 *                       only tests and embedders use: {@code serve} and the desktop host always set TLS
 * @param log            where the room's history is kept and how sessions are held ({@link LogSettings})
 * @param files          whether the room takes files, where it keeps them and its limits ({@link FileSettings});
 *                       off by default, on for {@code serve} and the desktop host
 */
public record ServerConfig(String bindAddress, int port, String roomName, String password,
                           int maxClients, int ratePerSecond, int rateBurst, int historySize,
                           int replayLimit, int outboxLimit, Duration helloTimeout,
                           Duration pingAfter, Duration idleTimeout, Duration tick,
                           Duration closeGrace, int dedupCapacity, AbuseLimits abuse, TlsSettings tls,
                           LogSettings log, FileSettings files) {

    public static final String DEFAULT_ROOM = "Parley room";

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0–65535, was " + port);
        }
        if (roomName == null || roomName.isBlank()) {
            throw new IllegalArgumentException("a room needs a name");
        }
        if (maxClients < 1 || historySize < 1 || replayLimit < 0 || outboxLimit < Limits.MAX_FRAME
                || ratePerSecond < 0 || rateBurst < 1 || dedupCapacity < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (abuse == null) {
            abuse = AbuseLimits.defaults();
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (tls == null) {
            tls = TlsSettings.off();
        }
        if (log == null) {
            log = LogSettings.memory();
        }
        if (files == null) {
            files = FileSettings.off();
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, Limits.DEFAULT_PORT, DEFAULT_ROOM, null, 1_000, 20, 40,
                1_000, 100, 4 * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(45), Duration.ofSeconds(1), Duration.ofSeconds(2), 256,
                AbuseLimits.defaults(), TlsSettings.off(), LogSettings.memory(), FileSettings.off());
    }

    public ServerConfig withBind(String bind) {
        return new ServerConfig(bind, port, roomName, password, maxClients, ratePerSecond, rateBurst,
                historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout, tick,
                closeGrace, dedupCapacity, abuse, tls, log, files);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, roomName, password, maxClients, ratePerSecond,
                rateBurst, historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout,
                tick, closeGrace, dedupCapacity, abuse, tls, log, files);
    }

    public ServerConfig withRoom(String name, String newPassword) {
        return new ServerConfig(bindAddress, port, name, newPassword, maxClients, ratePerSecond,
                rateBurst, historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout,
                tick, closeGrace, dedupCapacity, abuse, tls, log, files);
    }

    public ServerConfig withLimits(int newMaxClients, int newRate, int newBurst, int newHistory,
                                   int newOutboxLimit) {
        return new ServerConfig(bindAddress, port, roomName, password, newMaxClients, newRate,
                newBurst, newHistory, Math.min(replayLimit, newHistory), newOutboxLimit, helloTimeout,
                pingAfter, idleTimeout, tick, closeGrace, dedupCapacity, abuse, tls, log, files);
    }

    public ServerConfig withTimeouts(Duration newHello, Duration newPingAfter, Duration newIdle,
                                     Duration newTick) {
        return new ServerConfig(bindAddress, port, roomName, password, maxClients, ratePerSecond,
                rateBurst, historySize, replayLimit, outboxLimit, newHello, newPingAfter, newIdle,
                newTick, closeGrace, dedupCapacity, abuse, tls, log, files);
    }

    public ServerConfig withAbuse(AbuseLimits newAbuse) {
        return new ServerConfig(bindAddress, port, roomName, password, maxClients, ratePerSecond,
                rateBurst, historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout,
                tick, closeGrace, dedupCapacity, newAbuse, tls, log, files);
    }

    /** The same settings with TLS set up as {@code newTls} says. */
    public ServerConfig withTls(TlsSettings newTls) {
        return new ServerConfig(bindAddress, port, roomName, password, maxClients, ratePerSecond, rateBurst,
                historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout, tick, closeGrace,
                dedupCapacity, abuse, newTls, log, files);
    }

    /** The same settings with the room's history kept as {@code newLog} says. */
    public ServerConfig withLog(LogSettings newLog) {
        return new ServerConfig(bindAddress, port, roomName, password, maxClients, ratePerSecond,
                rateBurst, historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout,
                tick, closeGrace, dedupCapacity, abuse, tls, newLog, files);
    }

    /** The same settings with files as {@code newFiles} says. */
    public ServerConfig withFiles(FileSettings newFiles) {
        return new ServerConfig(bindAddress, port, roomName, password, maxClients, ratePerSecond,
                rateBurst, historySize, replayLimit, outboxLimit, helloTimeout, pingAfter, idleTimeout,
                tick, closeGrace, dedupCapacity, abuse, tls, log, newFiles);
    }
}
