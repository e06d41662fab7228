package dev.parley.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Where and how often rooms are announced and listened for. {@link #defaults()} is what every Parley
 * speaks (docs/protocol.md, "Discovery"); tests change the port to stay apart from a real room.
 *
 * @param port               UDP port of announcements and queries; 0 (tests) listens on a free port and sends nothing to groups
 * @param ipv4Group          IPv4 multicast group (organisation-local scope, RFC 2365)
 * @param ipv6Group          IPv6 link-local multicast group
 * @param announceEvery      how often a host announces without being asked
 * @param expireAfter        a room not heard from this long leaves the list
 * @param maxRooms           most rooms a list holds
 * @param perSourceRate      datagrams a second one source address may send before the rest are dropped
 * @param perSourceBurst     datagrams one source may send at once
 * @param connectTimeout     how long a reachability check waits for a TCP connection
 * @param recheckAfter       a listed room is checked again this long after its last check
 * @param rescanInterfaces   how often the interface list is read again for interfaces that came or went
 */
public record DiscoveryConfig(int port, Inet4Address ipv4Group, Inet6Address ipv6Group, Duration announceEvery,
                              Duration expireAfter, int maxRooms, int perSourceRate, int perSourceBurst,
                              Duration connectTimeout, Duration recheckAfter, Duration rescanInterfaces) {

    /** The discovery port: IANA lists 7748–7776 as unassigned (but 7775); the chat's own TCP port is 7770. */
    public static final int DEFAULT_PORT = 7771;
    /** IPv4 group: 239.255.0.0/16 is the organisation-local scope; .77.71 echoes the port. */
    public static final String IPV4_GROUP = "239.255.77.71";
    /** IPv6 group: link-local scope, a group id from the dynamic range of RFC 3307 (0x80000000 and up). */
    public static final String IPV6_GROUP = "ff02::8000:7771";

    public DiscoveryConfig {
        if (port < 0 || port > 65_535 || maxRooms < 1 || perSourceRate < 1 || perSourceBurst < 1) {
            throw new IllegalArgumentException("bad discovery config");
        }
    }

    public static DiscoveryConfig defaults() {
        try {
            return new DiscoveryConfig(DEFAULT_PORT, (Inet4Address) InetAddress.getByName(IPV4_GROUP),
                    (Inet6Address) InetAddress.getByName(IPV6_GROUP), Duration.ofSeconds(30), Duration.ofSeconds(90),
                    200, 5, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(5));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("literal addresses never need a lookup", e);
        }
    }

    public DiscoveryConfig withPort(int newPort) {
        return new DiscoveryConfig(newPort, ipv4Group, ipv6Group, announceEvery, expireAfter, maxRooms,
                perSourceRate, perSourceBurst, connectTimeout, recheckAfter, rescanInterfaces);
    }

    public DiscoveryConfig withAnnounceEvery(Duration every) {
        return new DiscoveryConfig(port, ipv4Group, ipv6Group, every, expireAfter, maxRooms,
                perSourceRate, perSourceBurst, connectTimeout, recheckAfter, rescanInterfaces);
    }

    public DiscoveryConfig withRecheckAfter(Duration after) {
        return new DiscoveryConfig(port, ipv4Group, ipv6Group, announceEvery, expireAfter, maxRooms,
                perSourceRate, perSourceBurst, connectTimeout, after, rescanInterfaces);
    }

    public DiscoveryConfig withLimits(int rooms, int rate, int burst) {
        return new DiscoveryConfig(port, ipv4Group, ipv6Group, announceEvery, expireAfter, rooms,
                rate, burst, connectTimeout, recheckAfter, rescanInterfaces);
    }
}
