package dev.parley.client;

import java.io.IOException;
import java.net.Socket;

/**
 * How a client reaches a host: the socket it connects, and what it speaks over once connected
 * (plain TCP, or {@link TlsDialer}, which wraps the socket and checks the host's key in {@link #secure},
 * before any {@code hello} is written). All run on the connecting thread; another thread may close the
 * socket from {@link #socket()} to cancel.
 */
public interface Dialer {

    /** A new, unconnected socket. */
    default Socket socket() {
        return new Socket();
    }

    /** The socket to speak over, given the connected one; a failure is reported like a connect failure. */
    Socket secure(Socket connected, ClientConfig config) throws IOException;

    /** The host welcomed this client into {@code room} over a socket from {@link #secure}. */
    default void welcomed(ClientConfig config, String room) {
    }

    /** Plain TCP. */
    static Dialer plain() {
        return (socket, config) -> socket;
    }
}
