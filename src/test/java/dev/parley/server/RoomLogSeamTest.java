package dev.parley.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room log seam with a log that completes appends later, on its own writer thread, as a log on
 * disk does: events are broadcast only once kept, on the loop thread, in order; a newcomer's
 * replay holds only kept events; resends are still recognised.
 */
@Timeout(30)
class RoomLogSeamTest extends RoomFixture {
    /** The memory log's own completion, which comes too early here: the writer's is the one that counts. */
    private static final RoomLog.Appended NOT_YET = new RoomLog.Appended() {
        @Override
        public void appended(LoggedEvent event) {
        }

        @Override
        public void failed(LoggedEvent event, Exception cause) {
        }
    };
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-log-writer"));
    private final Set<String> completedOn = ConcurrentHashMap.newKeySet();

    /** Keeps events in memory but says so a few milliseconds later, from another thread, through the loop. */
    final class LaterLog implements RoomLog {
        private final MemoryRoomLog memory;
        private final Executor loop;
        private long durable;

        LaterLog(ServerConfig config, Executor loop) {
            this.memory = new MemoryRoomLog(config.historySize(), config.dedupCapacity());
            this.loop = loop;
        }

        @Override
        public String roomId() {
            return memory.roomId();
        }

        @Override
        public long nextSeq() {
            return memory.nextSeq();
        }

        @Override
        public void append(LoggedEvent event, ClientId clientId, Appended done) {
            memory.append(event, clientId, NOT_YET);
            writer.execute(() -> {
                sleepAFewMillis();
                loop.execute(() -> {
                    completedOn.add(Thread.currentThread().getName());
                    durable = event.seq();
                    done.appended(event);
                });
            });
        }

        @Override
        public long lastSeq() {
            return durable;
        }

        @Override
        public Replay replay(Long since, int limit) {
            Replay all = memory.replay(since, limit);
            return new Replay(all.events().stream().filter(e -> e.seq() <= durable).toList(), all.gap());
        }

        @Override
        public LoggedEvent sent(ClientId clientId) {
            return memory.sent(clientId);
        }

        @Override
        public List<SessionRecord> sessions() {
            return memory.sessions();
        }

        @Override
        public void sessionSaved(SessionRecord session) {
            memory.sessionSaved(session);
        }

        @Override
        public void sessionEnded(String sessionId) {
            memory.sessionEnded(sessionId);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Slice> page(long anchor, Direction direction, int limit) {
            return memory.page(anchor, direction, limit);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Matches> search(String words, long before, int limit) {
            return memory.search(words, before, limit);
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    private static void sleepAFewMillis() {
        // Stands in for a disk commit on the writer thread; the test waits on frames, not on this.
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
    }

    @AfterEach
    void stopWriter() {
        closeAll();
        writer.shutdownNow();
    }

    @Test
    void eventsCompletedLaterAreBroadcastOnTheLoopInOrderAndResendsStillRecognised() throws Exception {
        var config = config();
        server = new RoomServer(config, Clock.systemUTC(), Network.plain(), loop -> new LaterLog(config, loop))
                .start();
        var alice = join("alice");
        var bob = join("bob");
        List<JsonNode> echoes = chat(alice, "m", 20);
        for (int i = 1; i < echoes.size(); i++) {
            assertThat(echoes.get(i).get("seq").asLong()).isEqualTo(echoes.get(i - 1).get("seq").asLong() + 1);
        }
        for (int i = 0; i < 20; i++) {
            String id = "m" + i;
            assertThat(bob.awaitFrame(f -> RawPeer.isMsg(f, id)).get("seq").asLong())
                    .isEqualTo(echoes.get(i).get("seq").asLong());
        }

        // A resend of a kept id is answered with the original to the sender alone; a sentinel after
        // it proves bob was not sent it again.
        alice.send(RawPeer.json("type", "send", "id", "m3", "text", "message 3"));
        assertThat(alice.awaitFrame(f -> RawPeer.isMsg(f, "m3")).get("seq").asLong())
                .isEqualTo(echoes.get(3).get("seq").asLong());
        alice.send(RawPeer.json("type", "send", "id", "sentinel", "text", "after the resend"));
        List<JsonNode> bobSaw = bob.readUntil(f -> RawPeer.isMsg(f, "sentinel"));
        assertThat(bobSaw).noneMatch(f -> RawPeer.isMsg(f, "m3"));

        var carol = connect();
        JsonNode welcome = carol.hello("carol");
        List<JsonNode> replay = carol.replay(welcome);
        assertThat(replay).isNotEmpty().allMatch(RawPeer::isRoomEvent);
        assertThat(replay.getLast().get("id").asString()).isEqualTo("sentinel");
        assertThat(completedOn).containsExactly("parley-server");
    }

    @Test
    void aResendWhileTheOriginalIsStillBeingWrittenIsNotEchoedEarlyNorSentTwice() {
        var config = config();
        server = start(config, loop -> new LaterLog(config, loop));
        var alice = join("alice");
        var bob = join("bob");
        // The original, its resend and a sentinel in one write: the resend arrives while the
        // original waits for the writer thread.
        String send = RawPeer.json("type", "send", "id", "twice", "text", "only once");
        alice.sendBytes((send + "\n" + send + "\n"
                + RawPeer.json("type", "send", "id", "sentinel", "text", "after") + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        List<JsonNode> aliceSaw = alice.readUntil(f -> RawPeer.isMsg(f, "sentinel"));
        List<JsonNode> bobSaw = bob.readUntil(f -> RawPeer.isMsg(f, "sentinel"));
        assertThat(aliceSaw).filteredOn(f -> RawPeer.isMsg(f, "twice")).hasSize(1);
        assertThat(bobSaw).filteredOn(f -> RawPeer.isMsg(f, "twice")).hasSize(1);
    }

    private RoomServer start(ServerConfig config, RoomLog.Factory log) {
        try {
            return new RoomServer(config, Clock.systemUTC(), Network.plain(), log).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
