package dev.parley;

import dev.parley.client.ChatEvent;
import dev.parley.testing.Participant;
import dev.parley.testing.ServeProcess;
import dev.parley.testing.TestTls;
import dev.parley.tls.HostCode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged module path, started exactly as the README says, prints its host key and code, hosts a
 * chat over TLS (its history on disk), refuses plaintext with {@code tls_required}, and stops on SIGTERM,
 * telling guests that speak the history extension it restarts and others that the chat ended; with
 * {@code --in-memory} it ends the chat for everyone.
 */
@Timeout(180)
class ServeCommandIT {
    private static Path modules() {
        Path modules = Path.of(System.getProperty("parley.modules", "target/modules"));
        assertTrue(Files.isDirectory(modules), "package the project first: " + modules);
        return modules;
    }

    @Test
    void packagedServeHostsAChatOverTlsAndSaysByeOnSigterm() throws Exception {
        String data = TestTls.emptyFolder().toString();
        try (var serve = ServeProcess.fromModules(modules(), "--port", "0", "--room", "Team room", "--data", data)) {
            assertEquals(HostCode.of(serve.hostKey()).wordsText(), serve.hostCode(),
                    "the printed code is the printed key's");
            try (var alice = Participant.join(serve.port(), "alice", serve.hostKey());
                 var bob = Participant.join(serve.port(), "bob", serve.hostKey())) {
                assertEquals("Team room", alice.awaitEvent(ChatEvent.Connected.class).room());
                alice.client().send("hi bob");
                bob.awaitText("hi bob");
                bob.client().send("hi alice");
                alice.awaitText("hi alice");

                // A client without TLS gets the one line and is closed.
                try (var plain = new Socket(InetAddress.getLoopbackAddress(), serve.port())) {
                    plain.getOutputStream().write("{\"type\":\"hello\",\"v\":1,\"nick\":\"old\"}\n"
                            .getBytes(StandardCharsets.UTF_8));
                    plain.setSoTimeout(10_000);
                    var in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.UTF_8));
                    String line = in.readLine();
                    assertTrue(line.startsWith("{\"type\":\"error\",\"code\":\"tls_required\""), line);
                    assertNull(in.readLine(), "closed after the one line");
                }

                assertEquals(0, serve.terminate());
                assertEquals(new dev.parley.client.Problem.HostRestarting(),
                        alice.awaitEvent(ChatEvent.Disconnected.class).reason(), "alice waits for the host to come back");
                assertEquals(new dev.parley.client.Problem.HostRestarting(),
                        bob.awaitEvent(ChatEvent.Disconnected.class).reason());
            }
            // The key lives in the data folder: asking for the code later prints the same two lines.
            Process print = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-p", modules().toString(), "-m", "dev.parley/dev.parley.Parley", "serve", "--print-host-code",
                    "--data", data).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(print.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, print.exitValue());
            assertEquals(List.of("host key: " + serve.hostKey().hex(), "host code: " + serve.hostCode()), lines);
        }
    }

    @Test
    void packagedServeInMemoryEndsTheChatOnSigterm() throws Exception {
        Path modules = Path.of(System.getProperty("parley.modules", "target/modules"));
        assertTrue(Files.isDirectory(modules), "package the project first: " + modules);
        try (var serve = ServeProcess.fromModules(modules, "--port", "0", "--in-memory");
             var alice = Participant.join(serve.port(), "alice", serve.hostKey())) {
            alice.awaitEvent(ChatEvent.Connected.class);
            assertEquals(0, serve.terminate());
            assertEquals(ChatEvent.EndReason.HOST_ENDED, alice.awaitEvent(ChatEvent.Ended.class).reason());
        }
    }
}
