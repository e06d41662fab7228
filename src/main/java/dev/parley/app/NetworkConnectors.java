package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.Dialer;
import dev.parley.server.Network;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;

import java.io.IOException;
import java.util.function.Consumer;

/** The real rooms and connections: a {@link Network} for hosting, a {@link Dialer} for joining. */
final class NetworkConnectors implements Connectors {
    private final HostedRooms rooms;
    private final Network network;
    private final Dialer dialer;

    NetworkConnectors(HostedRooms rooms) {
        this(rooms, Network.plain(), Dialer.plain());
    }

    NetworkConnectors(HostedRooms rooms, Network network, Dialer dialer) {
        this.rooms = rooms;
        this.network = network;
        this.dialer = dialer;
    }

    @Override
    public RoomServer host(ServerConfig config) throws IOException {
        var server = new RoomServer(config, network).start();
        rooms.add(server);
        return server;
    }

    @Override
    public ChatClient join(ClientConfig config, Consumer<ChatClient> cancel) throws ChatException {
        var client = new ChatClient(config, dialer);
        cancel.accept(client);
        client.connect();
        return client;
    }
}
