package dev.parley;

import dev.parley.client.ChatEvent;
import dev.parley.testing.Participant;
import dev.parley.testing.ServeProcess;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged module path, started exactly as the README says, hosts a chat (its history on disk)
 * and stops on SIGTERM, telling the guests it restarts; with {@code --in-memory} it ends the chat.
 */
@Timeout(120)
class ServeCommandIT {

    @Test
    void packagedServeHostsAChatAndSaysByeOnSigterm() throws Exception {
        Path modules = Path.of(System.getProperty("parley.modules", "target/modules"));
        assertTrue(Files.isDirectory(modules), "package the project first: " + modules);
        try (var serve = ServeProcess.fromModules(modules, "--port", "0", "--room", "Team room")) {
            try (var alice = Participant.join(serve.port(), "alice");
                 var bob = Participant.join(serve.port(), "bob")) {
                assertEquals("Team room", alice.awaitEvent(ChatEvent.Connected.class).room());
                alice.client().send("hi bob");
                bob.awaitText("hi bob");
                bob.client().send("hi alice");
                alice.awaitText("hi alice");

                assertEquals(0, serve.terminate());
                assertEquals(new dev.parley.client.Problem.HostRestarting(),
                        alice.awaitEvent(ChatEvent.Disconnected.class).reason(), "alice waits for the host to come back");
                assertEquals(new dev.parley.client.Problem.HostRestarting(),
                        bob.awaitEvent(ChatEvent.Disconnected.class).reason());
            }
        }
    }

    @Test
    void packagedServeInMemoryEndsTheChatOnSigterm() throws Exception {
        Path modules = Path.of(System.getProperty("parley.modules", "target/modules"));
        assertTrue(Files.isDirectory(modules), "package the project first: " + modules);
        try (var serve = ServeProcess.fromModules(modules, "--port", "0", "--in-memory");
             var alice = Participant.join(serve.port(), "alice")) {
            alice.awaitEvent(ChatEvent.Connected.class);
            assertEquals(0, serve.terminate());
            assertEquals(ChatEvent.EndReason.HOST_ENDED, alice.awaitEvent(ChatEvent.Ended.class).reason());
        }
    }
}
