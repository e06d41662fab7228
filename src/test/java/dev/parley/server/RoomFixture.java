package dev.parley.server;

import dev.parley.testing.TestTls;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@link RoomServer} on a loopback port plus the raw peers a test opens against it; both
 * are closed after each test. Tests start the server with the config they need, on the
 * {@link #wire()} of the class.
 */
abstract class RoomFixture {
    static final String ROOM = "Conformance room";

    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    private final List<RawPeer> peers = new ArrayList<>();
    RoomServer server;

    /**
     * What the peers speak: plain TCP to a port that serves both (the first byte decides, as with
     * {@code serve --allow-plaintext}), or TLS to a TLS-only port. The {@code *OverTlsTest} subclasses
     * say {@link Wire#TLS}.
     */
    Wire wire() {
        return Wire.PLAIN;
    }

    /** The protocol's defaults, on a free loopback port, with a fine timer tick so timeouts are prompt. */
    static ServerConfig config() {
        var defaults = ServerConfig.defaults();
        return defaults.withBind("127.0.0.1").withPort(0).withRoom(ROOM, null)
                .withTimeouts(defaults.helloTimeout(), defaults.pingAfter(), defaults.idleTimeout(),
                        Duration.ofMillis(20));
    }

    /** {@link #config()} with another message rate and burst (0 turns the rate limit off). */
    static ServerConfig withRate(ServerConfig config, int perSecond, int burst) {
        return config.withLimits(config.maxClients(), perSecond, burst, config.historySize(), config.outboxLimit());
    }

    RoomServer start(ServerConfig config) {
        try {
            server = new RoomServer(wire() == Wire.TLS ? TestTls.secure(config) : TestTls.alsoPlaintext(config)).start();
            if (wire() == Wire.TLS && WARM.compareAndSet(false, true)) {
                // The JVM's first TLS handshake loads and compiles a lot; tests with sub-second timeouts
                // should not pay for it.
                RawPeer.connect(server.port(), Wire.TLS).close();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RoomServer start() {
        return start(config());
    }

    RawPeer connect() {
        var peer = RawPeer.connect(server.port(), wire());
        peers.add(peer);
        return peer;
    }

    /** A connection from another loopback address (127.0.0.2): where the attacks of issue 15 come from. */
    RawPeer connectFrom(String local) {
        var peer = RawPeer.connectFrom(server.port(), local);
        peers.add(peer);
        return peer;
    }

    RawPeer connectNotReading() {
        var peer = RawPeer.connectNotReading(server.port(), wire());
        peers.add(peer);
        return peer;
    }

    /** A new connection that has joined as {@code nick} and read its welcome, replay and own joined. */
    RawPeer join(String nick, Object... extraHelloMembers) {
        var peer = connect();
        peer.join(nick, extraHelloMembers);
        return peer;
    }

    /** Has {@code peer} send {@code count} messages and waits for all their echoes; returns the echoes. */
    static List<JsonNode> chat(RawPeer peer, String idPrefix, int count) {
        var out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(RawPeer.json("type", "send", "id", idPrefix + i, "text", "message " + i)).append('\n');
        }
        peer.sendBytes(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<JsonNode> echoes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = idPrefix + i;
            echoes.add(peer.awaitFrame(f -> RawPeer.isMsg(f, id)));
        }
        return echoes;
    }

    @AfterEach
    void closeAll() {
        peers.forEach(RawPeer::close);
        if (server != null) {
            server.close();
        }
    }
}
