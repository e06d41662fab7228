package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accepting: a failure pauses it until the next tick instead of spinning, then it goes on. */
@Timeout(30)
class ListenerTest extends RoomFixture {

    @Test
    void acceptFailuresPauseAcceptingUntilTheNextTickAndThenTheQueuedPeerGetsIn() throws Exception {
        var failing = new AtomicBoolean(true);
        var attempts = new AtomicInteger();
        Network network = new Network() {
            @Override
            public SocketChannel accept(ServerSocketChannel server) throws IOException {
                attempts.incrementAndGet();
                if (failing.get()) {
                    throw new IOException("Too many open files (simulated)");
                }
                return server.accept();
            }

            @Override
            public Transport open(SocketChannel channel, Transport.Context context) {
                return new PlainTransport(channel);
            }
        };
        var slowTick = config().withTimeouts(config().helloTimeout(), config().pingAfter(), config().idleTimeout(),
                Duration.ofMillis(200));
        server = new RoomServer(slowTick, network).start();

        // The peer waits in the kernel's backlog; the key stays ready while accept keeps failing.
        var waiting = RawPeer.connect(server.port());
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
        int afterThree = attempts.get();
        // Over five more ticks a spinning loop would try hundreds of thousands of times.
        await().pollDelay(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(attempts.get() - afterThree).as("accept attempts in about five ticks").isLessThanOrEqualTo(10);

        failing.set(false);
        assertThat(waiting.join("patient").get("you").asString()).isEqualTo("patient");
        waiting.close();
    }
}
