package dev.parley.app.start;

import dev.parley.discovery.Announcer;
import dev.parley.discovery.DiscoveryConfig;
import dev.parley.discovery.HostedRoom;
import dev.parley.server.RoomServer;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Announces the room this window hosts, beside its server (never inside the server's loop). Opening
 * the socket happens on the background executor so the FX thread never waits; a room that cannot be
 * announced still works, guests then type its address. {@link #close} may come before the start
 * finished: the announcer is then closed as soon as it exists.
 */
public final class RoomsAnnouncer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RoomsAnnouncer.class.getName());

    private Announcer announcer;
    private boolean closed;

    private RoomsAnnouncer() {
    }

    /** Starts announcing {@code server}'s room on the background executor. */
    public static RoomsAnnouncer start(DiscoveryConfig config, RoomServer server, Executor background) {
        var r = new RoomsAnnouncer();
        String room = server.config().roomName();
        boolean password = server.config().password() != null;
        var tls = server.config().tls();
        String key = tls.enabled() ? tls.context().key().hex() : null;
        background.execute(() -> {
            try {
                Announcer a = Announcer.start(config,
                        () -> new HostedRoom(room, server.port(), key, password, server.users().size()));
                r.started(a);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "discovery: cannot announce the room on UDP port {0}: {1}",
                        String.valueOf(config.port()), e.getMessage());
            }
        });
        return r;
    }

    private synchronized void started(Announcer a) {
        if (closed) {
            a.close();
        } else {
            announcer = a;
        }
    }

    /** Stops announcing. Any thread. */
    @Override
    public synchronized void close() {
        closed = true;
        if (announcer != null) {
            announcer.close();
            announcer = null;
        }
    }
}
