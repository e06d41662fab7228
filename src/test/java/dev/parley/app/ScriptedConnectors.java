package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.client.Problem;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.TestTls;
import dev.parley.tls.DataFolder;

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
    private final Connectors real = Connectors.network(new HostedRooms(hook -> { }),
            new TlsState(new DataFolder(TestTls.trustingFolder())));
    public final List<ServerConfig> hosted = new CopyOnWriteArrayList<>();
    public final List<ClientConfig> joined = new CopyOnWriteArrayList<>();
    /** Which host keys each join accepted, in the order of {@link #joined}. */
    public final List<HostTrust> trusts = new CopyOnWriteArrayList<>();
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
    public ChatClient join(ClientConfig config, HostTrust trust, Consumer<ChatClient> cancel) throws ChatException {
        joined.add(config);
        trusts.add(trust);
        Problem refusal = refuseJoin;
        if (refusal != null) {
            throw new ChatException(refusal, null);
        }
        return real.join(config, trust, cancel);
    }
}
