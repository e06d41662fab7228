package dev.parley.server;

import dev.parley.testing.TestTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS client nobody here wrote against the real room server: {@code openssl s_client -tls1_3}
 * completes a handshake, and its {@code hello} gets a {@code welcome}; {@code -tls1_2} is refused. Needs
 * the {@code openssl} command (CI installs it).
 */
@Timeout(120)
class OpensslServerTest {
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();
    private RoomServer server;

    @BeforeAll
    static void needOpenssl() {
        dev.parley.testing.Commands.requireOpenssl("This test needs the openssl command as a TLS client");
    }

    @BeforeEach
    void start() throws IOException {
        server = new RoomServer(TestTls.secure(dev.parley.testing.TestServers.config().withRoom("Openssl room", null)))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void opensslWithTls13CompletesTheHandshakeAndItsHelloGetsWelcome() throws Exception {
        Process client = new ProcessBuilder("openssl", "s_client", "-tls1_3", "-quiet",
                "-connect", "127.0.0.1:" + server.port()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = client.getOutputStream();
             var out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            in.write("{\"type\":\"hello\",\"v\":1,\"nick\":\"openssl\",\"client\":\"s_client\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            String welcome = within(client, out::readLine);
            assertThat(welcome).startsWith("{\"type\":\"welcome\"").contains("\"room\":\"Openssl room\"")
                    .contains("\"you\":\"openssl\"");
            assertThat(server.users()).extracting(u -> u.nick()).containsExactly("openssl");
        } finally {
            client.destroy();
            client.waitFor(10, TimeUnit.SECONDS);
        }
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
        assertThat(server.users()).isEmpty();
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

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
