package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;

import java.io.IOException;

/**
 * The one place the app gets its rooms and its connections from, with their transport settings.
 * {@link #network()} hosts and joins for real; a test hands the start screen fakes (a port that is
 * taken, a host that refuses a name) without any of the two being there.
 *
 * <p>Both methods block on the network: call them off the FX thread.
 */
public interface Connectors {

    /** Starts a room server; returns once it listens. */
    RoomServer host(ServerConfig config) throws IOException;

    /**
     * A client joined to the room {@code config} names.
     *
     * @param cancel receives the client before it connects, so another thread can close it to cancel
     */
    ChatClient join(ClientConfig config, java.util.function.Consumer<ChatClient> cancel) throws ChatException;

    /**
     * Plain TCP both ways; every room started is tracked in {@code rooms} until it closes. Rooms keep
     * their events in memory only (tests).
     */
    static Connectors network(HostedRooms rooms) {
        return new NetworkConnectors(rooms, null);
    }

    /**
     * As {@link #network(HostedRooms)}, with each hosted room's history kept on disk in
     * {@code data}'s {@code history} folder (one database per room, by its name), so hosting the
     * same room again continues it.
     */
    static Connectors network(HostedRooms rooms, dev.parley.tls.DataFolder data) {
        return new NetworkConnectors(rooms, data);
    }
}
