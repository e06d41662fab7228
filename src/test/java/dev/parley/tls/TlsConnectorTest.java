package dev.parley.tls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The client's TLS connect against the TLS echo server over loopback: the key is decided before the
 * caller can write, and a refused key leaves the server with no application byte at all.
 */
@Timeout(120)
class TlsConnectorTest {
    private static final String HELLO = "{\"type\":\"hello\",\"v\":1,\"nick\":\"bob\",\"password\":\"secret\"}\n";

    @TempDir
    Path dir;

    private TlsEchoServer server;
    private final TlsConnector connector = new TlsConnector(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private int serve(HostIdentity identity) throws IOException {
        server = new TlsEchoServer(new ServerTls(identity), Duration.ofSeconds(10));
        return server.port();
    }

    private TrustStore store() throws IOException {
        return TrustStore.open(new DataFolder(dir));
    }

    @Test
    void aTrustedKeyGoesOnAndHelloReachesTheHost() throws Exception {
        int port = serve(TestIdentities.alice());
        TrustStore store = store();
        store.trust(TestIdentities.alice().key(), TrustSource.PROMPT, "elsewhere:7770", null);
        TlsOutcome outcome = connector.connect("127.0.0.1", port, new KeyCheck.Stored(store, null));
        assertThat(outcome).isInstanceOf(TlsOutcome.Secured.class);
        try (SSLSocket socket = ((TlsOutcome.Secured) outcome).socket()) {
            assertThat(((TlsOutcome.Secured) outcome).key()).isEqualTo(TestIdentities.alice().key());
            socket.getOutputStream().write(HELLO.getBytes(StandardCharsets.UTF_8));
            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo(HELLO.strip());
        }
    }

    @Test
    void anUnknownKeyIsReportedAndTheConnectionClosedWithoutAByteOfApplicationData() throws Exception {
        int port = serve(TestIdentities.alice());
        TlsOutcome outcome = connector.connect("127.0.0.1", port, new KeyCheck.Stored(store(), null));
        assertThat(outcome).isEqualTo(new TlsOutcome.UnknownKey(TestIdentities.alice().key()));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.records.size() == 1 && server.records.getFirst().closed);
        TlsEchoServer.Record record = server.records.getFirst();
        assertThat(record.handshakeDone).isTrue();
        assertThat(record.plaintextIn).isZero();
        assertThat(record.closeNotifyReceived).as("closed politely").isTrue();
    }

    @Test
    void afterThePersonSaidYesTheReconnectWithThePinnedKeyGoesOn() throws Exception {
        int port = serve(TestIdentities.alice());
        TrustStore store = store();
        var unknown = (TlsOutcome.UnknownKey) connector.connect("127.0.0.1", port, new KeyCheck.Stored(store, null));
        // The person compared the code and said yes; the app reconnects with the key pinned.
        TlsOutcome again = connector.connect("127.0.0.1", port, new KeyCheck.Pinned(unknown.presented()));
        assertThat(again).isInstanceOf(TlsOutcome.Secured.class);
        ((TlsOutcome.Secured) again).socket().close();
        store.trust(unknown.presented(), TrustSource.PROMPT, TrustStore.address("127.0.0.1", port), null);
        assertThat(connector.connect("127.0.0.1", port, new KeyCheck.Stored(store, null)))
                .isInstanceOf(TlsOutcome.Secured.class);
    }

    @Test
    void aPinnedKeyThatDiffersIsAChangedKey() throws Exception {
        int port = serve(TestIdentities.bob());
        TlsOutcome outcome = connector.connect("127.0.0.1", port, new KeyCheck.Pinned(TestIdentities.alice().key()));
        assertThat(outcome).isEqualTo(new TlsOutcome.ChangedKey(TestIdentities.alice().key(), TestIdentities.bob().key()));
    }

    @Test
    void aChangedKeyForThisAddressIsRefusedAndNothingReachesTheHostAfterTheHandshake() throws Exception {
        int port = serve(TestIdentities.bob());
        // A baseline: the right key, and the client closes at once without writing.
        TlsOutcome baseline = connector.connect("127.0.0.1", port, new KeyCheck.Pinned(TestIdentities.bob().key()));
        ((TlsOutcome.Secured) baseline).socket().close();

        TrustStore store = store();
        store.trust(TestIdentities.alice().key(), TrustSource.PROMPT, TrustStore.address("127.0.0.1", port), "Team");
        TlsOutcome outcome = connector.connect("127.0.0.1", port, new KeyCheck.Stored(store, null));
        assertThat(outcome).isEqualTo(new TlsOutcome.ChangedKey(TestIdentities.alice().key(), TestIdentities.bob().key()));

        await().atMost(Duration.ofSeconds(10)).until(() -> server.records.size() == 2
                && server.records.stream().allMatch(r -> r.closed));
        TlsEchoServer.Record closedAtOnce = server.records.get(0);
        TlsEchoServer.Record refused = server.records.get(1);
        assertThat(refused.handshakeDone).isTrue();
        assertThat(refused.plaintextIn).as("application bytes the host decrypted").isZero();
        assertThat(refused.closeNotifyReceived).isTrue();
        assertThat(refused.rawBytesIn).as("bytes on the wire: the handshake and close_notify, nothing more")
                .isEqualTo(closedAtOnce.rawBytesIn);
    }

    @Test
    void anOlderPlaintextParleyHostIsNamedAsSuch() throws Exception {
        try (ServerSocket fake = fakeHost(s -> write(s, "{\"type\":\"error\",\"code\":\"hello_required\","
                + "\"message\":\"The first frame must be hello.\"}\n"))) {
            assertThatThrownBy(() -> connector.connect("127.0.0.1", fake.getLocalPort(),
                    new KeyCheck.Pinned(TestIdentities.alice().key())))
                    .isInstanceOf(TlsConnectException.class)
                    .extracting(e -> ((TlsConnectException) e).problem())
                    .isEqualTo(TlsConnectException.Problem.PLAINTEXT_HOST);
        }
    }

    @Test
    void somethingThatIsNotTlsIsNamedAsSuch() throws Exception {
        try (ServerSocket fake = fakeHost(s -> write(s, "SSH-2.0-OpenSSH_9.2\r\n"))) {
            assertThatThrownBy(() -> connector.connect("127.0.0.1", fake.getLocalPort(),
                    new KeyCheck.Pinned(TestIdentities.alice().key())))
                    .isInstanceOf(TlsConnectException.class)
                    .extracting(e -> ((TlsConnectException) e).problem())
                    .isEqualTo(TlsConnectException.Problem.NOT_TLS);
        }
    }

    @Test
    void aHostThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket fake = fakeHost(s -> hold(done))) {
            TlsConnector impatient = new TlsConnector(Duration.ofSeconds(5), Duration.ofMillis(500));
            assertThatThrownBy(() -> impatient.connect("127.0.0.1", fake.getLocalPort(),
                    new KeyCheck.Pinned(TestIdentities.alice().key())))
                    .isInstanceOf(TlsConnectException.class)
                    .extracting(e -> ((TlsConnectException) e).problem())
                    .isEqualTo(TlsConnectException.Problem.NO_ANSWER);
        } finally {
            done.countDown();
        }
    }

    @Test
    void aTls12OnlyServerIsRefused() throws Exception {
        HostIdentity alice = TestIdentities.alice();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("k", alice.privateKey(), new char[] {'x'}, new java.security.cert.Certificate[] {alice.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[] {'x'});
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket old = (SSLServerSocket) tls12.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            old.setEnabledProtocols(new String[] {"TLSv1.2"});
            Thread.ofVirtual().start(() -> {
                try (SSLSocket s = (SSLSocket) old.accept()) {
                    s.startHandshake();
                } catch (IOException expected) {
                    // The client refuses TLS 1.2.
                }
            });
            assertThatThrownBy(() -> connector.connect("127.0.0.1", old.getLocalPort(),
                    new KeyCheck.Pinned(alice.key())))
                    .isInstanceOf(TlsConnectException.class)
                    .extracting(e -> ((TlsConnectException) e).problem())
                    .isEqualTo(TlsConnectException.Problem.HANDSHAKE_FAILED);
        }
    }

    @Test
    void anAttemptCanBeCancelledFromAnotherThread() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch accepted = new CountDownLatch(1);
        try (ServerSocket fake = fakeHost(s -> {
            accepted.countDown();
            hold(done);
        })) {
            TlsConnector.Attempt attempt = connector.prepare("127.0.0.1", fake.getLocalPort(),
                    new KeyCheck.Pinned(TestIdentities.alice().key()));
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    attempt.run();
                    failure.complete(null);
                } catch (Throwable e) {
                    failure.complete(e);
                }
            });
            assertThat(accepted.await(5, TimeUnit.SECONDS)).isTrue();
            attempt.cancel();
            assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        } finally {
            done.countDown();
        }
    }

    /** A one-connection TCP server that does {@code then} with the accepted socket. */
    private static ServerSocket fakeHost(Consumer<Socket> then) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                then.accept(s);
            } catch (IOException e) {
                // The test is over.
            }
        });
        return server;
    }

    private static void write(Socket s, String text) {
        try {
            s.getInputStream().readNBytes(1);
            s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
