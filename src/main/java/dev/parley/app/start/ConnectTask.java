package dev.parley.app.start;

import dev.parley.app.chat.ChatSession;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import javafx.concurrent.Task;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Opens a chat off the FX thread: starts the room when hosting, then joins it (the host's own window
 * joins over loopback with the server's host key). Cancelling closes whatever was opened so far;
 * a failure's message is a sentence for the person.
 */
final class ConnectTask extends Task<ChatSession> {
    private final ConnectRequest request;
    private final ResourceBundle bundle;
    private volatile RoomServer server;
    private volatile ChatClient client;

    ConnectTask(ConnectRequest request, ResourceBundle bundle) {
        this.request = request;
        this.bundle = bundle;
    }

    @Override
    protected ChatSession call() throws ChatException {
        String address;
        ClientConfig config;
        if (request.hosting()) {
            var s = new RoomServer(ServerConfig.defaults().withPort(request.port())
                    .withRoom(request.room().strip(), request.password()));
            try {
                s.start();
            } catch (IOException e) {
                throw new ChatException(MessageFormat.format(bundle.getString("start.error.port"),
                        String.valueOf(request.port())), null, e);
            }
            server = s;
            // SIGTERM or a logout ends the JVM without closing the window: guests still hear "bye".
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "parley-host-exit"));
            address = MessageFormat.format(bundle.getString("chat.header.hosting"), String.valueOf(s.port()));
            config = ClientConfig.of("127.0.0.1", s.port(), request.name().strip()).withHostKey(s.hostKey());
        } else {
            HostAddress a = request.address();
            address = a.display();
            config = ClientConfig.of(a.host(), a.port(), request.name().strip()).withPassword(request.password());
        }
        var c = new ChatClient(config);
        client = c;
        if (isCancelled()) {
            closeAll();
            return null;
        }
        try {
            c.connect();
        } catch (ChatException e) {
            closeAll();
            throw e;
        }
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
