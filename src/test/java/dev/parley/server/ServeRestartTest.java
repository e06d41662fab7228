package dev.parley.server;

import dev.parley.client.ChatEvent;
import dev.parley.testing.Participant;
import dev.parley.testing.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.parley.server.RawPeer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real {@code serve} process with its history on disk, stopped and started again: a restart is
 * a network blip (history, next seq, resends and resumes all continue), a crash in the middle of a
 * flood loses no message whose echo reached its sender, a torn file still opens, and a second host
 * on the same folder refuses to start.
 */
@Timeout(300)
class ServeRestartTest {
    @TempDir
    Path data;

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ServeProcess serve(int port) throws IOException {
        return ServeProcess.onClassPath("--port", String.valueOf(port), "--bind", "127.0.0.1", "--data",
                data.toString(), "--room", "Restart room", "--rate", "0",
                // Restarts are what is tested here, not TLS (ServeCommandIT and TlsJoinTest cover that).
                "--allow-plaintext");
    }

    @Test
    void aGuestConnectedThroughoutARestartSeesNothingLostOrDoubledAndNoRestartRow() throws Exception {
        int port = freePort();
        long before;
        String token;
        long mineSeq;
        Participant alice;
        Participant bob;
        try (var first = serve(port)) {
            alice = Participant.join(port, "alice");
            bob = Participant.join(port, "bob");
            for (int i = 0; i < 10; i++) {
                alice.client().send("before " + i);
            }
            bob.awaitText("before 9");
            before = bob.messages().getLast().seq();
            // A raw member whose message was kept: after the restart its resend must come back as it was.
            RawPeer raw = RawPeer.connect(port);
            token = raw.join("carol").path("session").asString();
            mineSeq = raw.say("mine", "kept once").path("seq").asLong();
            raw.reset();
            bob.awaitText("kept once");
            assertThat(first.terminate()).isZero();
        }
        try (alice; bob; var second = serve(port)) {
            alice.client().send("while it was down");
            bob.awaitText("while it was down");
            alice.client().send("after");
            bob.awaitText("after");
            alice.awaitText("after");

            for (Participant p : List.of(alice, bob)) {
                assertThat(p.texts()).doesNotHaveDuplicates().contains("before 0", "before 9", "while it was down", "after");
                assertThat(p.events(ChatEvent.Connected.class)).noneMatch(ChatEvent.Connected::restarted)
                        .noneMatch(ChatEvent.Connected::gap);
                assertThat(p.events(ChatEvent.Ended.class)).isEmpty();
            }
            List<Long> seqs = bob.messages().stream().map(m -> m.seq()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(bob.messages().getLast().seq()).as("the seq goes on from before the restart").isGreaterThan(before);

            RawPeer back = RawPeer.connect(port);
            JsonNode welcome = back.hello("carol", "session", token, "since", mineSeq);
            back.replay(welcome);
            back.send(json("type", "send", "id", "mine", "text", "kept once"));
            assertThat(back.awaitFrame(f -> RawPeer.isMsg(f, "mine")).path("seq").asLong())
                    .as("the resend is recognised across the restart").isEqualTo(mineSeq);
            back.close();
            assertThat(second.terminate()).isZero();
        }
    }

    @Test
    void everyEchoedMessageSurvivesSigkillInTheMiddleOfAFloodInTheOrderEveryoneSaw() throws Exception {
        int port = freePort();
        Map<String, Long> echoed = new ConcurrentHashMap<>();
        for (int round = 0; round < 3; round++) {
            int before = echoed.size();
            try (var serve = serve(port)) {
                flood(port, round, echoed, serve);
            }
            try (var serve = serve(port)) {
                Map<String, Long> kept = wholeLog(port, "auditor " + round);
                for (var e : echoed.entrySet()) {
                    assertThat(kept).as("echoed %s", e.getKey()).containsEntry(e.getKey(), e.getValue());
                }
                // The counts for the record: what the senders saw echoed, and what the log kept.
                System.out.printf("crash round %d: %d echoed before SIGKILL, %d messages kept in all, every echoed one "
                        + "among them at its seq%n", round + 1, echoed.size() - before, kept.size());
                serve.terminate();
            }
        }
        assertThat(echoed).as("the flood got going before each kill").hasSizeGreaterThan(300);
    }

    /** Four senders flood until some hundreds of echoes arrived, then the host is killed under them. */
    private static void flood(int port, int round, Map<String, Long> echoed, ServeProcess serve) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        var counted = new java.util.concurrent.atomic.AtomicInteger();
        for (int s = 0; s < 4; s++) {
            String prefix = "r" + round + "s" + s + "-";
            senders.add(Thread.ofPlatform().start(() -> {
                try (RawPeer peer = RawPeer.connect(port)) {
                    peer.join(prefix + "sender");
                    var out = new StringBuilder();
                    for (int i = 0; i < 50_000 && !killed.get(); i++) {
                        out.append(json("type", "send", "id", prefix + i, "text", "flood " + i)).append('\n');
                        if (i % 20 == 19) {
                            peer.sendBytes(out.toString().getBytes(StandardCharsets.UTF_8));
                            out.setLength(0);
                            String last = prefix + i;
                            for (JsonNode f : peer.readUntil(f -> RawPeer.isMsg(f, last))) {
                                if (f.path("type").asString().equals("msg") && f.path("id").asString().startsWith(prefix)) {
                                    echoed.put(f.path("id").asString(), f.path("seq").asLong());
                                    counted.incrementAndGet();
                                }
                            }
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    // The kill cuts the connection: what was echoed before it is what counts.
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> counted.get() > 400);
        serve.kill();
        killed.set(true);
        for (Thread t : senders) {
            t.join(Duration.ofSeconds(20));
        }
    }

    /** Every message in the room's history, id to seq, read page by page through the history extension. */
    private static Map<String, Long> wholeLog(int port, String nick) {
        Map<String, Long> kept = new HashMap<>();
        try (RawPeer reader = RawPeer.connect(port)) {
            reader.hello(nick, "ext", Map.of("history", 1));
            long after = 0;
            long last = 0;
            for (int page = 0; ; page++) {
                reader.send(json("type", "history", "ref", "p" + page, "after", after, "limit", 200));
                JsonNode answer = reader.awaitType("page");
                for (JsonNode e : answer.path("events")) {
                    long seq = e.path("seq").asLong();
                    assertThat(seq).as("in seq order").isGreaterThan(last);
                    last = seq;
                    if (e.path("type").asString().equals("msg")) {
                        Long twice = kept.put(e.path("id").asString(), seq);
                        assertThat(twice).as("%s kept once", e.path("id").asString()).isNull();
                    }
                }
                if (!answer.path("moreAfter").asBoolean()) {
                    return kept;
                }
                after = last;
            }
        }
    }

    @Test
    void aDatabaseCutInTheMiddleStillStartsAndTheRoomGoesOn() throws Exception {
        int port = freePort();
        try (var serve = serve(port); var alice = Participant.join(port, "alice")) {
            for (int i = 0; i < 200; i++) {
                alice.client().send("message " + i + " " + "padding ".repeat(40));
            }
            alice.awaitText("message 199 " + "padding ".repeat(40));
            assertThat(serve.terminate()).isZero();
        }
        Path db = data.resolve("history").resolve("restart-room.db");
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(db) / 2);
        }
        try (var serve = serve(port); var bob = Participant.join(port, "bob")) {
            bob.client().send("after the damage");
            bob.awaitText("after the damage");
            assertThat(Files.list(data.resolve("history").resolve("damaged"))).as("a copy of the damaged file is kept")
                    .isNotEmpty();
            serve.terminate();
        }
    }

    @Test
    void aSecondHostOnTheSameFolderRefusesToStartWithOneLine() throws Exception {
        try (var first = serve(freePort())) {
            var second = ServeProcess.runToEnd("--port", "0", "--bind", "127.0.0.1", "--data", data.toString(),
                    "--room", "Restart room");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stderr().lines().filter(l -> l.startsWith("parley: ")).toList()).singleElement()
                    .satisfies(line -> assertThat(line).contains("Another Parley is already using"));
            assertThat(second.stdout()).doesNotContain("listening");
            first.terminate();
        }
    }
}
