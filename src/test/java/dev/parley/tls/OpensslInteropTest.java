package dev.parley.tls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS peer nobody here wrote: OpenSSL's {@code s_client} completes a TLS 1.3 handshake with the TLS
 * layer and gets its line echoed, TLS 1.2 is refused, and OpenSSL computes the same host key from the
 * key store. Needs the {@code openssl} command (CI installs it).
 */
@Timeout(120)
class OpensslInteropTest {
    private static final String LINE = "{\"type\":\"ping\",\"n\":7}";
    /** Blocking reads of the process's streams; not the common pool, which has one thread on two cores. */
    private static final java.util.concurrent.Executor READERS = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private TlsEchoServer server;

    @BeforeAll
    static void needOpenssl() {
        dev.parley.testing.Commands.requireOpenssl("These tests need the openssl command as a TLS peer");
    }

    @BeforeEach
    void start() throws Exception {
        server = new TlsEchoServer(new ServerTls(TestIdentities.alice()), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void opensslCompletesATls13HandshakeAndGetsItsLineBack() throws Exception {
        Process client = new ProcessBuilder("openssl", "s_client", "-tls1_3", "-brief",
                "-connect", "127.0.0.1:" + server.port()).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(client.getErrorStream()), READERS);
        try (OutputStream in = client.getOutputStream();
             var out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            in.write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(within(client, () -> out.readLine())).isEqualTo(LINE);
        }
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String said = errors.get(30, TimeUnit.SECONDS);
        assertThat(said).contains("Protocol version: TLSv1.3").contains("CN = Parley host");
        assertThat(server.records).hasSize(1).allMatch(r -> r.handshakeDone && r.tls);
    }

    @Test
    void opensslWithTls12IsRefused() throws Exception {
        Process client = new ProcessBuilder("openssl", "s_client", "-tls1_2", "-brief",
                "-connect", "127.0.0.1:" + server.port()).redirectErrorStream(true).start();
        client.getOutputStream().close();
        String said = within(client, () -> readAll(client.getInputStream()));
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as(said).isNotZero();
        assertThat(said).doesNotContain("CONNECTION ESTABLISHED");
        assertThat(server.records).hasSize(1).noneMatch(r -> r.handshakeDone);
    }

    @Test
    void opensslComputesTheSameHostKeyFromTheKeyStore() throws Exception {
        Path store = TestIdentities.aliceFolder().resolve(HostIdentityStore.FILE);
        // The identity as documented: SHA-256 over the certificate's SubjectPublicKeyInfo (DER).
        String script = "openssl pkcs12 -in '" + store + "' -passin pass:" + new String(HostIdentityStore.PASSWORD)
                + " -nokeys | openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r";
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String said = within(p, () -> readAll(p.getInputStream()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said.strip().split(" ")[0]).isEqualTo(TestIdentities.alice().key().hex());
    }

    private interface Read {
        String get() throws IOException;
    }

    /** Reads from a process, which is killed if it has not answered in 30 s (a stream read ignores interrupts). */
    private static String within(Process process, Read read) throws Exception {
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            try {
                return read.get();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, READERS);
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("openssl did not answer within 30 s", e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

}
