package dev.parley.app;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.client.Problem;
import dev.parley.client.TlsDialer;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.TlsSettings;
import dev.parley.tls.ServerTls;
import dev.parley.tls.TrustStore;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The real rooms and connections: rooms on a TLS-only port with this app's host identity, and guests
 * that speak TLS through a {@link TlsDialer} over this app's trust store.
 */
final class NetworkConnectors implements Connectors {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");

    private final HostedRooms rooms;
    private final TlsState tls;
    private final boolean keepHistory;

    /** @param keepHistory whether hosted rooms keep their history on disk in {@code tls}'s data folder */
    NetworkConnectors(HostedRooms rooms, TlsState tls, boolean keepHistory) {
        this.rooms = rooms;
        this.tls = tls;
        this.keepHistory = keepHistory;
    }

    @Override
    public RoomServer host(ServerConfig config) throws IOException {
        ServerConfig kept = config.withTls(TlsSettings.required(new ServerTls(tls.identity())));
        java.nio.file.Path history = null;
        if (keepHistory && !config.log().durable()) {
            history = tls.folder().create().resolve("history");
            kept = kept.withLog(config.log().inFolder(history));
        }
        if (!config.files().enabled()) {
            // A room hosted from the window takes files, kept beside its history (issue 18), as serve's do.
            kept = kept.withFiles(history == null ? dev.parley.server.FileSettings.temporary()
                    : dev.parley.server.FileSettings.in(history));
        }
        var server = new RoomServer(kept).start();
        rooms.add(server);
        return server;
    }

    @Override
    public ChatClient join(ClientConfig config, HostTrust trust, Consumer<ChatClient> cancel) throws ChatException {
        TrustStore store;
        try {
            store = tls.trustStore();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the trust store: {0}", e.getMessage());
            if (trust instanceof HostTrust.Stored) {
                throw new ChatException(new Problem.NoTrustStore(tls.folder().path().toString()), e);
            }
            store = null;
        }
        var client = new ChatClient(config, new TlsDialer(trust, store));
        cancel.accept(client);
        client.connect();
        return client;
    }
}
