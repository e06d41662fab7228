package dev.parley.client;

import dev.parley.server.Network;
import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.LoopbackProxy;
import dev.parley.testing.RecordingNetwork;
import dev.parley.testing.TestServers;
import dev.parley.testing.TestTls;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostKey;
import dev.parley.tls.TrustSource;
import dev.parley.tls.TrustStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Joining over TLS with the real server and client: the chat works inside TLS, and the host key decides
 * before a byte of {@code hello} (with the room password) is written. What reached the server is read
 * from its transport ({@link RecordingNetwork}).
 */
@Timeout(90)
class TlsJoinTest {
    private static final String PASSWORD = "sesame-123";
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeLater.reversed()) {
            c.close();
        }
    }

    private RoomServer server(ServerConfig config, Network network) throws IOException {
        var s = new RoomServer(config, network).start();
        closeLater.add(s);
        return s;
    }

    private RecordingNetwork recorded(ServerConfig config) {
        return new RecordingNetwork(Network.of(config.tls()));
    }

    private ChatClient client(ClientConfig config, Dialer dialer) {
        var c = new ChatClient(config, dialer);
        closeLater.add(c);
        return c;
    }

    private static ClientConfig guest(int port, String nick) {
        return ClientConfig.of("127.0.0.1", port, nick).withPassword(PASSWORD)
                .withTimings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private static ServerConfig locked(ServerConfig config) {
        return config.withRoom("Secret room", PASSWORD);
    }

    private static TrustStore emptyStore() throws IOException {
        return TrustStore.open(new DataFolder(TestTls.emptyFolder()));
    }

    private static ChatEvent.Message awaitMessage(ChatClient c, String text) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            ChatEvent e = c.pollEvent(Duration.ofMillis(200));
            if (e instanceof ChatEvent.Message m && m.msg().text().equals(text)) {
                return m;
            }
        }
        throw new AssertionError("no message \"" + text + "\" within 20 s");
    }

    @Test
    void guestsChatThroughTheRealServerAndClientOverTls() throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var network = recorded(config);
        var s = server(config, network);
        var alice = client(guest(s.port(), "alice"), TestTls.dialer());
        var bob = client(guest(s.port(), "bob"), TestTls.dialer());
        alice.connect();
        bob.connect();

        alice.send("hello over TLS");
        assertThat(awaitMessage(bob, "hello over TLS").msg().from()).isEqualTo("alice");
        bob.send("and back");
        assertThat(awaitMessage(alice, "and back").own()).isFalse();
        assertThat(network.received()).allMatch(r -> r.startsWith("{\"type\":\"hello\""),
                "inside TLS the server read the protocol's own frames");
    }

    @Test
    void aChangedKeyIsRefusedBeforeHelloIsWrittenAndTheServerReceivesNothing() throws Exception {
        // The guest pinned the key of the host it knew; another computer now answers at that address.
        var config = locked(TestTls.secureAsOther(TestServers.config()));
        var network = recorded(config);
        var s = server(config, network);
        var guest = client(guest(s.port(), "alice"), new TlsDialer(HostTrust.expect(TestTls.key(), TrustSource.INVITE), null));

        var e = assertThrows(ChatException.class, guest::connect);

        var changed = (Problem.HostKeyChanged) e.problem();
        assertThat(changed.pinned()).isEqualTo(TestTls.key());
        assertThat(changed.presented()).isEqualTo(TestTls.otherIdentity().key());
        await().atMost(Duration.ofSeconds(10)).until(() -> network.connections() == 1 && s.connectionCount() == 0);
        assertThat(network.received()).containsExactly("");
        assertThat(s.users()).isEmpty();
    }

    @Test
    void anUnknownKeyIsAskedAboutBeforeHelloAndAYesIsRemembered() throws Exception {
        var config = locked(TestTls.secure(TestServers.config()));
        var network = recorded(config);
        var s = server(config, network);
        TrustStore store = emptyStore();

        var first = client(guest(s.port(), "alice"), new TlsDialer(HostTrust.stored(), store));
        var e = assertThrows(ChatException.class, first::connect);
        assertThat(((Problem.UnknownHostKey) e.problem()).presented()).isEqualTo(TestTls.key());
        await().atMost(Duration.ofSeconds(10)).until(() -> s.connectionCount() == 0);
        assertThat(network.received()).containsExactly("");
        assertThat(store.isTrusted(TestTls.key())).as("nothing is remembered before the person says yes").isFalse();

        // The person compared the code and said yes: the app joins again with that key.
        var again = client(guest(s.port(), "alice"), new TlsDialer(HostTrust.expect(TestTls.key(), TrustSource.PROMPT), store));
        again.connect();
        assertThat(store.get(TestTls.key()).orElseThrow().how()).isEqualTo(TrustSource.PROMPT);
        await().atMost(Duration.ofSeconds(10)).until(() -> "Secret room".equals(store.get(TestTls.key()).orElseThrow().room()));
        assertThat(store.pinnedForAddress("127.0.0.1:" + s.port())).contains(TestTls.key());

        // Next time the store alone lets it in, without asking.
        var later = client(guest(s.port(), "bob"), new TlsDialer(HostTrust.stored(), store));
        later.connect();
        assertThat(s.users()).hasSize(2);
    }

    @Test
    void aReconnectToAHostThatNowShowsAnotherKeyEndsTheChatInsteadOfSendingHello() throws Exception {
        var s = server(locked(TestTls.secure(TestServers.config())), Network.of(TestTls.secure(TestServers.config()).tls()));
        var proxy = new LoopbackProxy(s.port());
        closeLater.add(proxy);
        var alice = client(guest(proxy.port(), "alice"), new TlsDialer(HostTrust.stored(), trusting()));
        alice.connect();

        // The address now leads to another computer with another key; the connection breaks and the
        // client's backoff reconnects there: it checks the pin silently and stops.
        var impostorConfig = locked(TestTls.secureAsOther(TestServers.config()));
        var network = recorded(impostorConfig);
        var impostor = server(impostorConfig, network);
        proxy.retarget(impostor.port());
        proxy.cutAll();
        ChatEvent.Ended ended = null;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ended == null && System.nanoTime() < end) {
            if (alice.pollEvent(Duration.ofMillis(200)) instanceof ChatEvent.Ended e) {
                ended = e;
            }
        }
        assertThat(ended).as("the chat ended").isNotNull();
        assertThat(ended.reason()).isEqualTo(ChatEvent.EndReason.REFUSED);
        assertThat(ended.refusal()).isInstanceOf(Problem.HostKeyChanged.class);
        assertThat(network.received()).isNotEmpty().allMatch(String::isEmpty);
    }

    private static TrustStore trusting() throws IOException {
        TrustStore store = emptyStore();
        store.trust(TestTls.key(), TrustSource.INVITE, null, null);
        return store;
    }

    @Test
    void anOlderPlaintextHostIsNamedAsSuchAndGetsNoHello() throws Exception {
        var c = TestServers.config();
        // An older host: plain JSON Lines only; it answers the TLS hello with an error line.
        var config = locked(c.withTimeouts(Duration.ofSeconds(1), c.pingAfter(), c.idleTimeout(), c.tick()));
        var network = new RecordingNetwork(Network.plain());
        var s = server(config, network);
        var guest = client(guest(s.port(), "alice"), new TlsDialer(HostTrust.expect(TestTls.key(), null), null));

        var e = assertThrows(ChatException.class, guest::connect);

        assertThat(e.problem()).isEqualTo(new Problem.PlaintextHost("127.0.0.1:" + s.port()));
        assertThat(network.received()).allMatch(r -> !r.contains(PASSWORD) && !r.contains("hello"));
    }

    @Test
    void somethingElseThanParleyIsNotParley() throws Exception {
        try (var other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = other.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.readNBytes(1);
                } catch (IOException e) {
                    // The client gave up; that is the point.
                }
            });
            var guest = client(guest(other.getLocalPort(), "alice"), TestTls.dialer());
            var e = assertThrows(ChatException.class, guest::connect);
            assertThat(e.problem()).isEqualTo(new Problem.NotParley("127.0.0.1:" + other.getLocalPort()));
        }
    }

    @Test
    void theKeyTheDialerSecuredIsTheHostsOwn() throws Exception {
        var s = server(TestTls.secure(TestServers.config()), Network.of(TestTls.secure(TestServers.config()).tls()));
        var dialer = new TlsDialer(HostTrust.expect(TestTls.key(), null), null);
        client(ClientConfig.of("127.0.0.1", s.port(), "carol"), dialer).connect();
        HostKey key = dialer.securedKey();
        assertThat(key).isEqualTo(TestTls.key());
    }
}
