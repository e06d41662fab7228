package dev.parley.app;

import dev.parley.server.RoomServer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The rooms this app hosts right now, and the one shutdown hook that ends them: SIGTERM or a
 * logout ends the JVM without closing the window, and guests should still hear "bye". A room
 * leaves the set when it closes, so hosting and leaving again and again keeps nothing. Any thread.
 */
public final class HostedRooms {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");

    private final Set<RoomServer> open = ConcurrentHashMap.newKeySet();

    /** @param hooks registers the JVM shutdown hook ({@code Runtime.getRuntime()::addShutdownHook}); called once, here */
    public HostedRooms(Consumer<Thread> hooks) {
        hooks.accept(new Thread(this::closeAll, "parley-exit"));
    }

    /** Tracks a started room until it closes. */
    void add(RoomServer server) {
        open.add(server);
        server.whenClosed(() -> open.remove(server));
    }

    /** Rooms started and not closed yet. */
    public List<RoomServer> open() {
        return List.copyOf(open);
    }

    /** Closes every room still open (each tells its guests the chat ended). */
    public void closeAll() {
        for (RoomServer s : open()) {
            LOG.log(System.Logger.Level.INFO, "closing the hosted room on port {0,number,#} at exit", s.port());
            s.close();
        }
    }
}
