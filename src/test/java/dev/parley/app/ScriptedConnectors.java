package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.Problem;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Connectors for start-screen tests: they record what the screen asked for, host on a port the
 * kernel picks (port 0, never a probed "free" port), and fail on demand the way the real ones
 * would (a taken port, a host refusing the name), without a second party being there.
 */
public final class ScriptedConnectors implements Connectors {
    private final Connectors real = Connectors.network(new HostedRooms(hook -> { }));
    public final List<ServerConfig> hosted = new CopyOnWriteArrayList<>();
    public final List<ClientConfig> joined = new CopyOnWriteArrayList<>();
    /** When set, joining fails with this problem. */
    public volatile Problem refuseJoin;
    /** When set, hosting fails with this exception. */
    public volatile IOException failHost;

    @Override
    public RoomServer host(ServerConfig config) throws IOException {
        hosted.add(config);
        if (failHost != null) {
            throw failHost;
        }
        return real.host(config.withPort(0));
    }

    @Override
    public ChatClient join(ClientConfig config, Consumer<ChatClient> cancel) throws ChatException {
        joined.add(config);
        Problem refusal = refuseJoin;
        if (refusal != null) {
            throw new ChatException(refusal, null);
        }
        return real.join(config, cancel);
    }
}
