package dev.parley.client;

import dev.parley.protocol.Limits;

import java.time.Duration;

/**
 * How a {@link ChatClient} reaches a room and who it is there.
 *
 * @param host           host name or address (an IPv6 literal without brackets)
 * @param port           TCP port of the host
 * @param nick           the name to use in the room
 * @param password       room password, or {@code null}
 * @param hostKey        the in-process host's key when this is the host's own participant, else {@code null}
 * @param clientName     sent in {@code hello} as {@code client}
 * @param connectTimeout how long to wait for TCP connect and for {@code welcome}
 * @param pingAfter      silence from the host after which the client pings it
 * @param silenceLimit   silence from the host after which the connection counts as lost
 * @param firstRetry     wait before the first reconnect attempt; doubles each time
 * @param maxRetry       longest wait between reconnect attempts
 */
public record ClientConfig(String host, int port, String nick, String password, String hostKey,
                           String clientName, Duration connectTimeout, Duration pingAfter,
                           Duration silenceLimit, Duration firstRetry, Duration maxRetry) {

    public ClientConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1–65535");
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
    }

    /** A guest with the protocol's timings. */
    public static ClientConfig of(String host, int port, String nick) {
        return new ClientConfig(host, port, nick, null, null, "Parley/" + dev.parley.protocol.Version.get(),
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(45),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public static ClientConfig of(String host, String nick) {
        return of(host, Limits.DEFAULT_PORT, nick);
    }

    public ClientConfig withPassword(String newPassword) {
        return new ClientConfig(host, port, nick, newPassword, hostKey, clientName, connectTimeout, pingAfter,
                silenceLimit, firstRetry, maxRetry);
    }

    public ClientConfig withHostKey(String newHostKey) {
        return new ClientConfig(host, port, nick, password, newHostKey, clientName, connectTimeout, pingAfter,
                silenceLimit, firstRetry, maxRetry);
    }

    public ClientConfig withTimings(Duration newPingAfter, Duration newSilenceLimit, Duration newFirstRetry,
                                    Duration newMaxRetry) {
        return new ClientConfig(host, port, nick, password, hostKey, clientName, connectTimeout, newPingAfter,
                newSilenceLimit, newFirstRetry, newMaxRetry);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
