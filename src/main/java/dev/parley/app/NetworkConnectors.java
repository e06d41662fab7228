package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.Dialer;
import dev.parley.server.Network;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.tls.DataFolder;

import java.io.IOException;
import java.util.function.Consumer;

/** The real rooms and connections: a {@link Network} for hosting, a {@link Dialer} for joining. */
final class NetworkConnectors implements Connectors {
    private final HostedRooms rooms;
    private final Network network;
    private final Dialer dialer;
    private final DataFolder data;

    /** @param data where hosted rooms keep their history, or {@code null} to keep it in memory */
    NetworkConnectors(HostedRooms rooms, DataFolder data) {
        this(rooms, Network.plain(), Dialer.plain(), data);
    }

    NetworkConnectors(HostedRooms rooms, Network network, Dialer dialer, DataFolder data) {
        this.rooms = rooms;
        this.network = network;
        this.dialer = dialer;
        this.data = data;
    }

    @Override
    public RoomServer host(ServerConfig config) throws IOException {
        ServerConfig kept = config;
        if (data != null && !config.log().durable()) {
            kept = config.withLog(config.log().inFolder(data.create().resolve("history")));
        }
        var server = new RoomServer(kept, network).start();
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
