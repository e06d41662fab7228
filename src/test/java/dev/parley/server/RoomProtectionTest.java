package dev.parley.server;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.LeaveReason;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The room's limits keep it working for everyone when one participant misbehaves. */
@Timeout(60)
class RoomProtectionTest {
    private RoomServer server;
    private final List<Participant> participants = new ArrayList<>();

    @AfterEach
    void stop() {
        participants.forEach(Participant::close);
        if (server != null) {
            server.close();
        }
    }

    private Participant join(String nick) throws Exception {
        var p = Participant.join(server.port(), nick);
        participants.add(p);
        return p;
    }

    @Test
    void messagesOverTheRateLimitAreRetriedAndEachDeliveredOnce() throws Exception {
        server = TestServers.start();
        var alice = join("alice");
        var bob = join("bob");
        int count = 60;
        for (int i = 0; i < count; i++) {
            alice.client().send("burst " + i);
        }
        bob.awaitTexts(count);
        alice.awaitTexts(count);
        assertThat(bob.texts()).hasSize(count).doesNotHaveDuplicates();
        assertEquals(new HashSet<>(alice.texts()), new HashSet<>(bob.texts()));
        await().atMost(Duration.ofSeconds(5)).until(() -> alice.client().pendingMessages().isEmpty());
    }

    @Test
    void readerThatNeverReadsIsDroppedAsSlowWhileOthersKeepReceiving() throws Exception {
        // A long idle timeout, so the silent reader is caught for being slow, not for being quiet.
        server = TestServers.start(TestServers.config().withLimits(100, 0, 40, 1_000, 256 * 1024)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(50)));
        var alice = join("alice");
        var bob = join("bob");
        var stuck = new Socket();
        stuck.setReceiveBufferSize(4096);
        stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        stuck.getOutputStream().write("{\"type\":\"hello\",\"v\":1,\"nick\":\"stuck\"}\n".getBytes(StandardCharsets.UTF_8));
        bob.awaitEvent(ChatEvent.Joined.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events(ChatEvent.Joined.class).stream()
                .anyMatch(j -> j.event().nick().equals("stuck")));

        // Waves small enough for a reader that keeps up, large in sum: ~8 MB fills the kernel's
        // buffers for the stuck reader and then its outbox.
        String big = "x".repeat(3_900);
        int waves = 80;
        int perWave = 25;
        for (int w = 0; w < waves; w++) {
            for (int i = 0; i < perWave; i++) {
                alice.client().send(w + "." + i + " " + big);
            }
            bob.awaitTexts((w + 1) * perWave);
        }
        assertThat(bob.events(ChatEvent.Left.class)).anySatisfy(left -> {
            assertEquals("stuck", left.event().nick());
            assertEquals(LeaveReason.SLOW, left.event().reason());
        });
        assertThat(server.users()).extracting(u -> u.nick()).containsExactly("alice", "bob");
        stuck.close();
    }

    @Test
    void garbageConnectionsLeaveTheRoomWorkingAndResourcesReleased() throws Exception {
        server = TestServers.start(TestServers.config().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofMillis(50)));
        var alice = join("alice");
        var bob = join("bob");
        bob.awaitEvent(ChatEvent.Joined.class);
        long serverThreadsBefore = serverThreads();

        var random = new Random(42);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                byte[] payload = garbage(i % 5, random);
                pool.submit(() -> spray(payload));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.connectionCount() == 2);

        alice.client().send("still here?");
        bob.awaitText("still here?");
        assertThat(server.users()).extracting(u -> u.nick()).containsExactly("alice", "bob");
        // The host's own threads, by name: the JVM's total would count the carrier threads of the
        // sprayers' virtual threads, which depend on the machine's core count.
        assertThat(serverThreads()).as("threads of the host").isEqualTo(serverThreadsBefore);
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("parley-server")).count();
    }

    /** Five kinds of nonsense: random bytes, half a frame, an endless line, bad UTF-8, a flood after hello. */
    private static byte[] garbage(int kind, Random random) {
        return switch (kind) {
            case 0 -> {
                byte[] b = new byte[1 + random.nextInt(4096)];
                random.nextBytes(b);
                yield b;
            }
            case 1 -> "{\"type\":\"hello\",\"v\":1,\"ni".getBytes(StandardCharsets.UTF_8);
            case 2 -> "a".repeat(70_000).getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
            default -> ("{\"type\":\"hello\",\"v\":1,\"nick\":\"g" + random.nextInt(1_000_000) + "\"}\n"
                    + "{\"type\":\"send\",\"id\":\"!!\",\"text\":\"\"}\n{\"type\":42}\n[1,2]\n")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private void spray(byte[] payload) {
        try (var s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(payload);
            out.flush();
            s.setSoTimeout(5_000);
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            // The server closing on us, reset or not, is the expected outcome.
        }
    }
}
