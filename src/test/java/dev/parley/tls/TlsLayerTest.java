package dev.parley.tls;

import dev.parley.protocol.FrameCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's TLS layer on a real NIO loop over loopback ({@link TlsEchoServer}), with JSSE clients:
 * everything the server's transport must survive, from one line to a stalled handshake.
 */
@Timeout(120)
class TlsLayerTest {
    private static final Duration HANDSHAKE_LIMIT = Duration.ofMillis(1_500);

    private TlsEchoServer server;
    private final TlsConnector connector = new TlsConnector(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @BeforeEach
    void start() throws Exception {
        server = new TlsEchoServer(new ServerTls(TestIdentities.alice()), HANDSHAKE_LIMIT);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private SSLSocket connect() throws Exception {
        TlsOutcome outcome = connector.connect("127.0.0.1", server.port(), new KeyCheck.Pinned(TestIdentities.alice().key()));
        assertThat(outcome).isInstanceOf(TlsOutcome.Secured.class);
        return ((TlsOutcome.Secured) outcome).socket();
    }

    @Test
    void aLineGoesThroughTlsAndComesBack() throws Exception {
        try (SSLSocket socket = connect()) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            socket.getOutputStream().write("{\"type\":\"ping\",\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("{\"type\":\"ping\",\"n\":1}");
        }
        assertThat(server.records.getFirst().tls).isTrue();
    }

    @Test
    void aMebibyteEachWayArrivesIntact() throws Exception {
        byte[] sent = lines(1 << 20);
        try (SSLSocket socket = connect(); var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = pool.submit(() -> {
                socket.getOutputStream().write(sent);
                return null;
            });
            byte[] received = socket.getInputStream().readNBytes(sent.length);
            writer.get();
            assertThat(received).isEqualTo(sent);
        }
    }

    @Test
    void manyConnectionsAtOnceAllGetTheirOwnLinesBack() throws Exception {
        int clients = 40;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String line = "{\"type\":\"ping\",\"n\":" + i + "}";
                answers.add(pool.submit(() -> {
                    try (SSLSocket socket = connect()) {
                        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        return new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.UTF_8)).readLine();
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertThat(answers.get(i).get()).isEqualTo("{\"type\":\"ping\",\"n\":" + i + "}");
            }
        }
        assertThat(server.records).hasSize(clients).allMatch(r -> r.handshakeDone);
    }

    @Test
    void aClientThatStopsMidHandshakeIsClosedAtTheLimitWhileOthersChat() throws Exception {
        try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), server.port());
             Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // The first bytes of a ClientHello record, then nothing more.
            stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xfc});
            stalled.setSoTimeout((int) HANDSHAKE_LIMIT.multipliedBy(10).toMillis());
            silent.setSoTimeout((int) HANDSHAKE_LIMIT.multipliedBy(10).toMillis());
            try (SSLSocket chatting = connect()) {
                chatting.getOutputStream().write("hi\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new BufferedReader(new InputStreamReader(chatting.getInputStream(), StandardCharsets.UTF_8))
                        .readLine()).isEqualTo("hi");
            }
            assertOnlyAlertsThenEnd(readToEnd(stalled.getInputStream()));
            assertOnlyAlertsThenEnd(readToEnd(silent.getInputStream()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.records.stream().filter(r -> r.closedUnfinished).count() == 2);
        assertThat(server.records.stream().filter(r -> r.closedUnfinished)).noneMatch(r -> r.handshakeDone);
    }

    @Test
    void handshakeTasksRunOnThePoolAndWakeTheLoop() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
            socket.getInputStream().readNBytes(2);
        }
        assertThat(server.tasksRun.get()).as("the handshake had delegated tasks").isPositive();
        assertThat(server.taskThreads).isNotEmpty().allMatch(name -> name.startsWith(TlsEchoServer.TASK_THREAD))
                .doesNotContain(TlsEchoServer.LOOP_THREAD);
        assertThat(server.wakeups.get()).isEqualTo(server.tasksRun.get());
    }

    @Test
    void manySmallRecordsInOneBurstAreAllReadThoughTheSelectorSeesOnlyTheFirst() throws Exception {
        int lines = 300;
        StringBuilder expected = new StringBuilder();
        try (SSLSocket socket = connect()) {
            socket.setTcpNoDelay(false);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < lines; i++) {
                String line = "line " + i + "\n";
                expected.append(line);
                out.write(line.getBytes(StandardCharsets.UTF_8)); // one TLS record each
            }
            byte[] echoed = socket.getInputStream().readNBytes(expected.length());
            assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
        assertThat(server.readsServedFromBuffer.get()).as("records decrypted from the layer's buffer, not the socket")
                .isPositive();
    }

    @Test
    void aFrameThatCameWithTheClientsFinishedIsNotStrandedWhenAWriteEndsTheHandshake() throws Exception {
        // Drives one layer by hand, with writes only, so that a write reads the client's Finished and the
        // frame behind it from the socket: the frame then waits inside the layer and the socket is empty.
        try (ServerSocketChannel listener = ServerSocketChannel.open();
             var pool = Executors.newVirtualThreadPerTaskExecutor();
             Selector selector = Selector.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CountDownLatch sent = new CountDownLatch(1);
            Future<SSLSocket> client = pool.submit(() -> {
                TlsOutcome outcome = connector.connect("127.0.0.1", listener.socket().getLocalPort(),
                        new KeyCheck.Pinned(TestIdentities.alice().key()));
                SSLSocket socket = ((TlsOutcome.Secured) outcome).socket();
                socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                sent.countDown();
                return socket;
            });
            SocketChannel channel = listener.accept();
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            Semaphore woken = new Semaphore(0);
            AtomicInteger tasks = new AtomicInteger();
            TlsLayer layer = new TlsLayer(new ServerTls(TestIdentities.alice()), channel, task -> {
                tasks.incrementAndGet();
                pool.execute(task);
            }, woken::release);
            int wakesTaken = 0;
            while (!layer.handshakeDone()) {
                layer.flush();
                if (wakesTaken < tasks.get()) {
                    // A task was started: wait for its wake, then drive the layer again.
                    assertThat(woken.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
                    wakesTaken++;
                } else if (!layer.handshakeDone()) {
                    if (tasks.get() > 0) {
                        // Our flight is out; let the client's Finished and its first frame arrive together.
                        assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
                    }
                    selector.select(1_000);
                    selector.selectedKeys().clear();
                }
            }
            assertThat(layer.hasBufferedInput()).as("the frame that came with the Finished").isTrue();
            ByteBuffer in = ByteBuffer.allocate(64);
            assertThat(layer.read(in)).isEqualTo(6);
            assertThat(new String(in.array(), 0, 6, StandardCharsets.UTF_8)).isEqualTo("hello\n");
            client.get().close();
            layer.close();
        }
    }

    @Test
    void closeNotifyEndsTheConnectionPolitelyBothWays() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write("hello\nbye\n".getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("hello\nbye\n");
            assertThat(in.read()).as("the server's close_notify reads as a clean end").isEqualTo(-1);
        }
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
            socket.getInputStream().readNBytes(2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.records.size() == 2 && server.records.get(1).closed);
        assertThat(server.records.get(1).closeNotifyReceived).as("the client's close_notify").isTrue();
    }

    @Test
    void aPlaintextPeerGetsExactlyOneTlsRequiredLineAndIsClosed() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("{\"type\":\"hello\",\"v\":1,\"nick\":\"old\",\"password\":\"secret\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] answer = readToEnd(socket.getInputStream());
            assertThat(answer).isEqualTo(FirstByte.tlsRequiredLine(new FrameCodec()));
        }
        assertThat(server.records.getFirst().refusedPlaintext).isTrue();
    }

    /** Nothing, or TLS alert records (user_canceled, close_notify): a closed door, not an answer. */
    private static void assertOnlyAlertsThenEnd(byte[] answer) {
        for (int at = 0; at < answer.length; ) {
            assertThat(answer[at]).as("record type at %d", at).isEqualTo((byte) 21);
            at += 5 + ((answer[at + 3] & 0xff) << 8 | answer[at + 4] & 0xff);
        }
    }

    private static byte[] readToEnd(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.net.SocketException e) {
            return new byte[0]; // reset by the closing server: also an end
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code size} bytes of JSON lines. */
    static byte[] lines(int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"type\":\"send\",\"id\":\"m").append(i).append("\",\"text\":\"").append("x".repeat(i % 900))
                    .append("\"}\n");
        }
        text.setLength(size - 1);
        text.append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

}
