package dev.parley.testing;

import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;

import java.time.Duration;

/** Room servers with test-sized timings on a free loopback port. */
public final class TestServers {
    private TestServers() {
    }

    /** Defaults, but on a free port of 127.0.0.1 with a fast timer. */
    public static ServerConfig config() {
        var d = ServerConfig.defaults();
        return d.withBind("127.0.0.1").withPort(0)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(50));
    }

    public static RoomServer start() throws Exception {
        return start(config());
    }

    public static RoomServer start(ServerConfig config) throws Exception {
        return new RoomServer(config).start();
    }
}
