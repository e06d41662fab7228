package dev.parley.app.start;

/**
 * What the start screen asks for: to host a room or to join one.
 *
 * @param hosting  host a room on this machine ({@code room}, {@code port}) or join {@code address}
 * @param name     the person's name in the room
 * @param room     room name when hosting
 * @param port     port to host on
 * @param address  the host to join
 * @param password room password, or {@code null}
 */
public record ConnectRequest(boolean hosting, String name, String room, int port, HostAddress address,
                             String password) {

    public static ConnectRequest host(String name, String room, int port, String password) {
        return new ConnectRequest(true, name, room, port, null, password);
    }

    public static ConnectRequest join(HostAddress address, String name, String password) {
        return new ConnectRequest(false, name, null, 0, address, password);
    }
}
