package dev.parley.app.start;

import dev.parley.app.Connectors;
import dev.parley.app.chat.ChatSession;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.concurrent.Task;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Opens a chat off the FX thread through the app's {@link Connectors}: starts the room when
 * hosting, then joins it (the host's own window joins over loopback with the server's host key).
 * Cancelling closes whatever was opened so far. A failure is a {@link ChatException} (typed by
 * the client) or a {@link HostingFailed}; the view model puts either into a sentence.
 */
final class ConnectTask extends Task<ChatSession> {
    private final ConnectRequest request;
    private final Connectors connectors;
    private final ResourceBundle bundle;
    private volatile RoomServer server;
    private volatile ChatClient client;

    /** The room could not be started on the port asked for. */
    static final class HostingFailed extends Exception {
        private final int port;

        HostingFailed(int port, IOException cause) {
            super("cannot listen on port " + port + ": " + cause.getMessage(), cause);
            this.port = port;
        }

        int port() {
            return port;
        }
    }

    ConnectTask(ConnectRequest request, Connectors connectors, ResourceBundle bundle) {
        this.request = request;
        this.connectors = connectors;
        this.bundle = bundle;
    }

    @Override
    protected ChatSession call() throws ChatException, HostingFailed {
        String address;
        ClientConfig config;
        HostTrust trust;
        if (request.hosting()) {
            RoomServer s;
            try {
                s = connectors.host(ServerConfig.defaults().withPort(request.port())
                        .withRoom(request.room().strip(), request.password()));
            } catch (IOException e) {
                throw new HostingFailed(request.port(), e);
            }
            server = s;
            address = MessageFormat.format(bundle.getString("chat.header.hosting"), String.valueOf(s.port()));
            config = ClientConfig.of("127.0.0.1", s.port(), request.name().strip()).withHostKey(s.hostKey());
            // The window joins its own room: the key is its own, nothing to ask or to remember.
            trust = HostTrust.expect(s.config().tls().context().key(), null);
        } else {
            HostAddress a = request.address();
            address = a.display();
            config = ClientConfig.of(a.host(), a.port(), request.name().strip()).withPassword(request.password());
            trust = request.trust();
        }
        if (isCancelled()) {
            closeAll();
            return null;
        }
        ChatClient c;
        try {
            c = connectors.join(config, trust, joining -> client = joining);
        } catch (ChatException e) {
            closeAll();
            throw e;
        }
        client = c;
        if (isCancelled()) {
            closeAll();
            return null;
        }
        return new ChatSession(c, server, address);
    }

    @Override
    protected void cancelled() {
        closeAll();
    }

    private void closeAll() {
        ChatClient c = client;
        if (c != null) {
            c.close();
        }
        RoomServer s = server;
        if (s != null) {
            Thread.ofVirtual().name("parley-host-close").start(s::close);
        }
    }

    /** Cancels from the FX thread: also closes a half-open connection so {@code connect} returns. */
    void abort() {
        cancel(false);
        closeAll();
    }
}
