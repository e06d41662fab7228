package dev.parley.app.start;

import dev.parley.app.Connectors;
import dev.parley.app.GuestCopy;
import dev.parley.app.chat.ChatSession;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatException;
import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.client.Problem;
import dev.parley.server.LogUnavailableException;
import dev.parley.store.GuestHistory;
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
    private final GuestCopy copy;
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

    /** The room's history could not be opened, so the room was not started. */
    static final class HistoryUnavailable extends Exception {
        private final boolean inUse;

        HistoryUnavailable(LogUnavailableException cause) {
            super(cause.getMessage(), cause);
            this.inUse = cause.inUse();
        }

        /** Whether another Parley on this computer uses the room's history. */
        boolean inUse() {
            return inUse;
        }
    }

    ConnectTask(ConnectRequest request, Connectors connectors, ResourceBundle bundle, GuestCopy copy) {
        this.request = request;
        this.connectors = connectors;
        this.bundle = bundle;
        this.copy = copy;
    }

    @Override
    protected ChatSession call() throws ChatException, HostingFailed, HistoryUnavailable {
        String address;
        ClientConfig config;
        HostTrust trust;
        GuestHistory earlier = null;
        if (request.hosting()) {
            RoomServer s;
            try {
                s = connectors.host(ServerConfig.defaults().withPort(request.port())
                        .withRoom(request.room().strip(), request.password()));
            } catch (LogUnavailableException e) {
                throw new HistoryUnavailable(e);
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
            earlier = recall(address);
        }
        if (isCancelled()) {
            closeAll();
            return null;
        }
        GuestHistory kept = earlier;
        ChatClient c;
        try {
            c = connectors.join(config, trust, joining -> {
                client = joining;
                if (kept != null && kept.roomId() != null) {
                    joining.resumeFrom(kept.roomId(), kept.lastSeq());
                }
            });
        } catch (ChatException e) {
            ChatClient pending = client;
            if (kept == null || kept.events().isEmpty() || pending == null || isCancelled()
                    || e.problem() instanceof Problem.Refused || e.problem() instanceof Problem.Cancelled
                    || e.problem() instanceof Problem.UnknownHostKey || e.problem() instanceof Problem.HostKeyChanged
                    || e.problem() instanceof Problem.NoTrustStore) {
                closeAll();
                throw e;
            }
            // The host is not there now, but this app kept the room: show it, and keep trying.
            pending.connectInBackground(e.problem());
            c = pending;
        }
        client = c;
        if (isCancelled()) {
            closeAll();
            return null;
        }
        return new ChatSession(c, server, address, kept == null ? ChatSession.Kept.NONE
                : new ChatSession.Kept(kept.roomName(), copy.frames(kept)));
    }

    /** What this app kept of the room at {@code address}; {@code null} when it cannot say in time. */
    private GuestHistory recall(String address) {
        try {
            return copy.recall(address).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.getLogger("dev.parley.app").log(System.Logger.Level.INFO, "no kept copy of {0}: {1}", address,
                    e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
