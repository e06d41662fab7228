package dev.parley.app.start;

import dev.parley.client.HostTrust;

/**
 * What the start screen asks for: to host a room or to join one.
 *
 * @param hosting  host a room on this machine ({@code room}, {@code port}) or join {@code address}
 * @param name     the person's name in the room
 * @param room     room name when hosting
 * @param port     port to host on
 * @param address  the host to join
 * @param password room password, or {@code null}
 * @param trust    when joining, which host key to accept (an invite's, or what the trust store says)
 */
public record ConnectRequest(boolean hosting, String name, String room, int port, HostAddress address,
                             String password, HostTrust trust) {

    public static ConnectRequest host(String name, String room, int port, String password) {
        return new ConnectRequest(true, name, room, port, null, password, null);
    }

    /** Joins {@code address}, trusting the host keys the trust store trusts. */
    public static ConnectRequest join(HostAddress address, String name, String password) {
        return join(address, name, password, HostTrust.stored());
    }

    public static ConnectRequest join(HostAddress address, String name, String password, HostTrust trust) {
        return new ConnectRequest(false, name, null, 0, address, password, trust);
    }

    /** The same join, accepting the host keys {@code newTrust} accepts (after the person said yes to one). */
    public ConnectRequest withTrust(HostTrust newTrust) {
        return new ConnectRequest(hosting, name, room, port, address, password, newTrust);
    }
}
