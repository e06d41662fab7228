package dev.parley.server;

import java.time.Duration;

/**
 * How much one address may ask of the host before and while it joins: the limits that keep a
 * hostile peer from filling the host with connections, guessing the room password or churning
 * through joins (issue 15, items 2–5). An address is an IPv4 address or an IPv6 /64 (one
 * household's or one machine's share of IPv6), loopback included.
 *
 * <p>A <em>pending</em> connection is one the host has accepted but not yet welcomed into the room
 * (no {@code hello} yet, or one that waits). Members count against
 * {@link ServerConfig#maxClients()} instead, which only ever refuses newcomers: a member coming
 * back with its session, and the host's own window, are let in even into a full room.
 *
 * @param maxPending         pending connections from all addresses together; when full, the one
 *                           that has waited longest (at least a second) makes room, else the
 *                           newcomer is closed
 * @param pendingPerAddress  pending connections from one address; one more is closed at once;
 *                           0 turns the limit off
 * @param connectsPerMinute  connections one address may open a minute, in bursts of as many; the
 *                           next one bans the address for {@code banFor}; 0 turns bans off
 * @param banFor             how long a banned address's connections are closed at once
 * @param passwordDelay      how long an address waits after its first wrong room password before
 *                           the host checks its next one; each wrong one doubles it;
 *                           {@link Duration#ZERO} turns the delay off
 * @param passwordDelayMax   the longest such wait; one wrong password is forgiven per this much
 *                           time without another
 * @param joinsPerMinute     joins one address may make a minute, in bursts of as many (each
 *                           join and leave is a room event everyone receives); 0 turns it off
 * @param logLinesPerMinute  log lines one connection (or one address, before it joined) may
 *                           cause a minute, in bursts of as many; the rest are counted and
 *                           summed up once a minute
 */
public record AbuseLimits(int maxPending, int pendingPerAddress, int connectsPerMinute, Duration banFor,
                          Duration passwordDelay, Duration passwordDelayMax, int joinsPerMinute,
                          int logLinesPerMinute) {

    public AbuseLimits {
        if (maxPending < 1 || pendingPerAddress < 0 || connectsPerMinute < 0 || joinsPerMinute < 0
                || logLinesPerMinute < 1) {
            throw new IllegalArgumentException("abuse limits must be positive (0 turns some off)");
        }
        if (banFor.isNegative() || passwordDelay.isNegative() || passwordDelayMax.compareTo(passwordDelay) < 0) {
            throw new IllegalArgumentException("durations must not be negative, and the longest password "
                    + "delay must not be shorter than the first");
        }
    }

    /**
     * The defaults: 1,000 pending connections, 5 per address (ngircd's {@code MaxConnectionsIP});
     * 30 connections a minute per address, then a 5-minute ban (InspIRCd's {@code connectban}
     * does 10 an hour); wrong passwords wait 0.25 s doubling to 30 s; 20 joins a minute per
     * address; 20 log lines a minute per connection.
     */
    public static AbuseLimits defaults() {
        return new AbuseLimits(1_000, 5, 30, Duration.ofMinutes(5), Duration.ofMillis(250),
                Duration.ofSeconds(30), 20, 20);
    }

    /** These limits with another cap on pending connections, in total and per address. */
    public AbuseLimits withPending(int total, int perAddress) {
        return new AbuseLimits(total, perAddress, connectsPerMinute, banFor, passwordDelay, passwordDelayMax,
                joinsPerMinute, logLinesPerMinute);
    }

    /** These limits with another connection rate per address and ban length. */
    public AbuseLimits withConnectBan(int perMinute, Duration ban) {
        return new AbuseLimits(maxPending, pendingPerAddress, perMinute, ban, passwordDelay, passwordDelayMax,
                joinsPerMinute, logLinesPerMinute);
    }

    /** These limits with other wrong-password delays. */
    public AbuseLimits withPasswordDelay(Duration first, Duration longest) {
        return new AbuseLimits(maxPending, pendingPerAddress, connectsPerMinute, banFor, first, longest,
                joinsPerMinute, logLinesPerMinute);
    }

    /** These limits with another join rate per address. */
    public AbuseLimits withJoinsPerMinute(int perMinute) {
        return new AbuseLimits(maxPending, pendingPerAddress, connectsPerMinute, banFor, passwordDelay,
                passwordDelayMax, perMinute, logLinesPerMinute);
    }

    /** These limits with another log budget per connection. */
    public AbuseLimits withLogLinesPerMinute(int perMinute) {
        return new AbuseLimits(maxPending, pendingPerAddress, connectsPerMinute, banFor, passwordDelay,
                passwordDelayMax, joinsPerMinute, perMinute);
    }
}
