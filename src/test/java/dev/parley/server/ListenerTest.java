package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accepting: a failure pauses it until the next tick instead of spinning, then it goes on. */
@Timeout(30)
class ListenerTest extends RoomFixture {

    @Test
    void acceptFailuresPauseAcceptingUntilTheNextTickAndThenTheQueuedPeerGetsIn() throws Exception {
        var failing = new AtomicBoolean(true);
        var failedAt = new CopyOnWriteArrayList<Long>();
        Network network = new Network() {
            @Override
            public SocketChannel accept(ServerSocketChannel server) throws IOException {
                if (failing.get()) {
                    failedAt.add(System.nanoTime());
                    throw new IOException("Too many open files (simulated)");
                }
                return server.accept();
            }

            @Override
            public Transport open(SocketChannel channel, Transport.Context context) {
                return new PlainTransport(channel);
            }
        };
        var tick = Duration.ofMillis(200);
        var config = config();
        server = new RoomServer(config.withTimeouts(config.helloTimeout(), config.pingAfter(), config.idleTimeout(),
                tick), network).start();

        // The peer waits in the kernel's backlog and the key stays ready while accept keeps failing:
        // a loop that spun would try again within microseconds, a paused one only at the next tick.
        var waiting = RawPeer.connect(server.port());
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAt.size() >= 4);
        for (int i = 1; i < 4; i++) {
            assertThat(failedAt.get(i) - failedAt.get(i - 1)).as("between failed accepts %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(tick.toNanos() / 2);
        }

        failing.set(false);
        assertThat(waiting.join("patient").get("you").asString()).isEqualTo("patient");
        waiting.close();
    }
}
