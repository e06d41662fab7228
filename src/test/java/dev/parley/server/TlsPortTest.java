package dev.parley.server;

import dev.parley.testing.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import static dev.parley.server.RawPeer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a TLS port does with what arrives: plaintext refused with the one {@code tls_required} line, both
 * served on one port with {@code --allow-plaintext}, a handshake that never finishes closed at the hello
 * timeout, and the handshake's expensive work done on its own threads.
 */
@Timeout(60)
class TlsPortTest extends RoomFixture {

    private RoomServer startTlsOnly(ServerConfig config) {
        try {
            server = new RoomServer(TestTls.secure(config)).start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPlaintextHelloOnATlsOnlyPortGetsOneTlsRequiredLineAndIsClosed() throws Exception {
        startTlsOnly(config());
        try (RawPeer plain = RawPeer.connect(server.port(), Wire.PLAIN)) {
            plain.send(json("type", "hello", "v", 1, "nick", "alice", "password", "secret"));
            JsonNode error = plain.expectError("tls_required");
            assertThat(error.path("message").asString()).contains("TLS");
            plain.assertClosed();
        }
        assertThat(server.users()).isEmpty();
    }

    @Test
    void withPlaintextAllowedTlsAndPlaintextGuestsShareTheRoomOnOnePort() {
        start(TestTls.alsoPlaintext(config()));
        RawPeer overTls = RawPeer.connect(server.port(), Wire.TLS);
        overTls.join("alice");
        RawPeer inClear = RawPeer.connect(server.port(), Wire.PLAIN);
        inClear.join("bob");

        assertThat(inClear.say("m1", "from bob in clear").path("from").asString()).isEqualTo("bob");
        assertThat(overTls.awaitFrame(f -> RawPeer.isMsg(f, "m1")).path("text").asString())
                .isEqualTo("from bob in clear");
        overTls.say("m2", "from alice over TLS");
        assertThat(inClear.awaitFrame(f -> RawPeer.isMsg(f, "m2")).path("from").asString()).isEqualTo("alice");
        overTls.close();
        inClear.close();
    }

    @Test
    void aHandshakeThatNeverFinishesIsClosedAtTheHelloTimeout() throws Exception {
        var c = config();
        startTlsOnly(c.withTimeouts(Duration.ofSeconds(1), c.pingAfter(), c.idleTimeout(), c.tick()));
        byte[] hello = clientHello();
        long started = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // A real ClientHello, and then silence: the server answers and waits for the client's Finished.
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            long received = 0;
            while ((n = in.read(buffer)) >= 0) {
                received += n;
            }
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertThat(received).as("the server answered the ClientHello").isPositive();
            assertThat(waited).as("closed at the 1 s hello timeout, not before").isGreaterThanOrEqualTo(800);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 0);
    }

    @Test
    void aConnectionThatSendsNothingOnATlsOnlyPortIsClosedSilentlyAtTheHelloTimeout() throws Exception {
        var c = config();
        startTlsOnly(c.withTimeouts(Duration.ofMillis(500), c.pingAfter(), c.idleTimeout(), c.tick()));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            // Nothing said which language the peer speaks, so nothing is written: just the close.
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void framesSentAsManySmallRecordsAtOnceAllArriveInOrder() {
        startTlsOnly(withRate(config(), 0, 1));
        RawPeer alice = RawPeer.connect(server.port(), Wire.TLS);
        alice.join("alice");
        // Each send is its own write, so its own TLS record; they pile up in the server's socket together.
        int count = 300;
        for (int i = 0; i < count; i++) {
            alice.send(json("type", "send", "id", "r" + i, "text", "record " + i + " " + "x".repeat(i % 97)));
        }
        for (int i = 0; i < count; i++) {
            String id = "r" + i;
            assertThat(alice.awaitFrame(f -> RawPeer.isMsg(f, id)).path("text").asString()).startsWith("record " + i + " ");
        }
        alice.close();
    }

    @Test
    void handshakeWorkRunsOnTheTlsThreadsNotTheServerLoop() throws Exception {
        Set<String> taskThreads = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService recording = new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                pool.execute(() -> {
                    taskThreads.add(Thread.currentThread().getName());
                    task.run();
                });
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
        var config = TestTls.secure(config());
        server = new RoomServer(config, Clock.systemUTC(), new TlsNetwork(config.tls(), recording),
                MemoryRoomLog.factory(config)).start();
        RawPeer alice = RawPeer.connect(server.port(), Wire.TLS);
        alice.join("alice");
        RawPeer bob = RawPeer.connect(server.port(), Wire.TLS);
        bob.join("bob");

        assertThat(taskThreads).as("the key exchange and signature ran as delegated tasks").isNotEmpty()
                .noneMatch(name -> name.equals("parley-server"));
        alice.close();
        bob.close();
    }

    /** The first flight of a real TLS 1.3 client, made by a JSSE client engine. */
    private static byte[] clientHello() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine("127.0.0.1", 7770);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        assertThat(bytes[0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
        return bytes;
    }
}
