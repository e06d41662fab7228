package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;

import java.io.IOException;

/**
 * The one place the app gets its rooms and its connections from, with their transport settings.
 * {@link #network} hosts and joins for real, over TLS 1.3; a test hands the start screen fakes (a port
 * that is taken, a host that refuses a name) without any of the two being there.
 *
 * <p>Both methods block on the network (and the disk: the host key, the trust store): call them off
 * the FX thread.
 */
public interface Connectors {

    /** Starts a room server with TLS required (the desktop host never serves plaintext); returns once it listens. */
    RoomServer host(ServerConfig config) throws IOException;

    /**
     * A client joined to the room {@code config} names, over TLS, going on only with a host key that
     * {@code trust} accepts ({@link dev.parley.client.Problem.UnknownHostKey} and
     * {@link dev.parley.client.Problem.HostKeyChanged} otherwise, before anything was sent).
     *
     * @param cancel receives the client before it connects, so another thread can close it to cancel
     */
    ChatClient join(ClientConfig config, HostTrust trust, java.util.function.Consumer<ChatClient> cancel)
            throws ChatException;

    /**
     * TLS both ways with the host key and trust store in {@code tls}; each hosted room keeps its
     * history on disk in the same data folder's {@code history} folder (one database per room, by
     * its name), so hosting the same room again continues it. Every room started is tracked in
     * {@code rooms} until it closes.
     */
    static Connectors network(HostedRooms rooms, TlsState tls) {
        return new NetworkConnectors(rooms, tls, true);
    }

    /** As {@link #network(HostedRooms, TlsState)}, with hosted rooms keeping their events in memory only (tests). */
    static Connectors inMemory(HostedRooms rooms, TlsState tls) {
        return new NetworkConnectors(rooms, tls, false);
    }
}
