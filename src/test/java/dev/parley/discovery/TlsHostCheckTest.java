package dev.parley.discovery;

import dev.parley.server.RoomServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.TestServers;
import dev.parley.testing.TestTls;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostCode;
import dev.parley.tls.TrustSource;
import dev.parley.tls.TrustStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The troubleshooter's TLS check against real hosts on loopback: what it says for each kind of answer. */
@Timeout(60)
class TlsHostCheckTest {
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private TrustStore store;
    private TlsHostCheck check;

    @BeforeEach
    void setUp() throws IOException {
        store = TrustStore.open(new DataFolder(TestTls.emptyFolder()));
        check = new TlsHostCheck(store, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeLater.reversed()) {
            c.close();
        }
    }

    private InetSocketAddress serve(ServerConfig config) throws IOException {
        var server = new RoomServer(config).start();
        closeLater.add(server);
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    private static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.getFirst();
    }

    @Test
    void aHostNeverJoinedIsNamedByItsCode() throws IOException {
        var where = serve(TestTls.secure(TestServers.config()));
        Finding f = only(check.check(where));
        assertThat(f.key()).isEqualTo("doctor.tlsNew");
        assertThat(f.severity()).isEqualTo(Finding.Severity.OK);
        assertThat(f.args()).containsExactly("127.0.0.1", String.valueOf(where.getPort()),
                HostCode.of(TestTls.key()).wordsText());
        assertThat(store.hosts()).as("the check trusts nothing by itself").isEmpty();
    }

    @Test
    void aTrustedHostIsSaidToBeTheOneTrustedBefore() throws IOException {
        store.trust(TestTls.key(), TrustSource.PROMPT, null, null);
        var where = serve(TestTls.secure(TestServers.config()));
        assertThat(only(check.check(where)).key()).isEqualTo("doctor.tlsTrusted");
    }

    @Test
    void anotherKeyAtATrustedAddressIsAProblemWithBothCodes() throws IOException {
        var where = serve(TestTls.secureAsOther(TestServers.config()));
        store.trust(TestTls.key(), TrustSource.PROMPT, "127.0.0.1:" + where.getPort(), null);
        Finding f = only(check.check(where));
        assertThat(f.key()).isEqualTo("doctor.tlsChanged");
        assertThat(f.severity()).isEqualTo(Finding.Severity.PROBLEM);
        assertThat(f.args()).containsExactly("127.0.0.1", String.valueOf(where.getPort()),
                HostCode.of(TestTls.otherIdentity().key()).wordsText(), HostCode.of(TestTls.key()).wordsText());
    }

    @Test
    void anOlderHostWithoutEncryptionIsNamedAsSuch() throws IOException {
        var c = TestServers.config();
        var where = serve(c.withTimeouts(Duration.ofSeconds(1), c.pingAfter(), c.idleTimeout(), c.tick()));
        assertThat(only(check.check(where)).key()).isEqualTo("doctor.tlsPlaintext");
    }

    @Test
    void somethingThatIsNotParleyIsSaidToBeSo() throws IOException {
        var other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        closeLater.add(other);
        Thread.ofVirtual().start(() -> {
            try (Socket s = other.accept(); OutputStream out = s.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.getInputStream().readNBytes(1);
            } catch (IOException e) {
                // The check hung up.
            }
        });
        var where = new InetSocketAddress(InetAddress.getLoopbackAddress(), other.getLocalPort());
        assertThat(only(check.check(where)).key()).isEqualTo("doctor.tlsNotParley");
    }
}
