package dev.parley.discovery;

import java.net.InetAddress;
import java.time.Instant;

/**
 * A room heard on the network. Only a hint: the host key decides who it is.
 *
 * @param address        the announcement's SOURCE address (never one written inside it)
 * @param port           the room's TCP port
 * @param hostKey        64 lowercase hex digits, or {@code null} when the host announced none
 * @param room           the room's name
 * @param instance       the announcer's random id: one host heard over several addresses shares it
 * @param passwordNeeded whether joining asks for a password
 * @param people         how many are in the room, as last announced
 * @param lastSeen       when it was last heard
 * @param reachability   whether a TCP connection to {@code address:port} worked
 * @param checkedAt      when reachability was last set, or {@code null} while never checked
 */
public record DiscoveredRoom(InetAddress address, int port, String hostKey, String room, String instance,
                             boolean passwordNeeded, int people, Instant lastSeen, Reachability reachability,
                             Instant checkedAt) {

    /** What identifies a list entry: the source address, the port and the host key. */
    public record Key(InetAddress address, int port, String hostKey) {
    }

    public Key key() {
        return new Key(address, port, hostKey);
    }

    public boolean reachable() {
        return reachability instanceof Reachability.Reachable;
    }

    /** The address as a person types it: {@code 192.168.1.20} or {@code fe80::1%eth0}, no brackets. */
    public String host() {
        return AddressText.of(address);
    }

    /** {@code host:port}, brackets around IPv6. */
    public String display() {
        return AddressText.withPort(address, port);
    }

    DiscoveredRoom heardAgain(Datagram.Announcement a, Instant now) {
        return new DiscoveredRoom(address, port, hostKey, a.room(), a.instance(), a.passwordNeeded(), a.people(),
                now, reachability, checkedAt);
    }

    DiscoveredRoom checked(Reachability r, Instant now) {
        return new DiscoveredRoom(address, port, hostKey, room, instance, passwordNeeded, people, lastSeen, r, now);
    }
}
