package dev.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.store.StoreTesting.appendAll;
import static dev.parley.store.StoreTesting.joined;
import static dev.parley.store.StoreTesting.messages;
import static dev.parley.store.StoreTesting.msg;
import static dev.parley.store.StoreTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RoomStoreTest {
    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void appendedEventsReadBackAsTheVeryFramesThatWereSent() throws Exception {
        List<StoredEvent> sent = new ArrayList<>(messages(1, 10));
        sent.add(joined(11, "carol"));
        sent.add(StoreTesting.left(12, "carol"));
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            assertThat(store.nextSeq()).isEqualTo(1);
            appendAll(store, sent);
            List<StoredEvent> back = readAll(store);
            assertThat(back).extracting(StoredEvent::seq).containsExactly(sent.stream().map(StoredEvent::seq).toArray(Long[]::new));
            for (int i = 0; i < sent.size(); i++) {
                assertThat(back.get(i).frame()).isEqualTo(sent.get(i).frame());
                assertThat(back.get(i)).usingRecursiveComparison().isEqualTo(sent.get(i));
            }
            assertThat(store.nextSeq()).isEqualTo(13);
        }
    }

    @Test
    void anOutcomeRunsOnTheRoomsThreadInSeqOrderOnlyOnceItsBatchIsCommitted() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        List<Long> order = new CopyOnWriteArrayList<>();
        try (RoomStore store = StoreTesting.open(folder, loop);
             Connection observer = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile())) {
            var all = new ArrayList<CompletableFuture<Void>>();
            for (StoredEvent e : messages(1, 300)) {
                var done = new CompletableFuture<Void>();
                all.add(done);
                store.append(e, outcome -> {
                    if (!Thread.currentThread().getName().equals(StoreTesting.LOOP_THREAD)) {
                        problems.add("seq " + e.seq() + " completed on " + Thread.currentThread().getName());
                    }
                    if (!(outcome instanceof AppendOutcome.Durable)) {
                        problems.add("seq " + e.seq() + ": " + outcome);
                    }
                    // Another connection sees only committed data: the event must be there already.
                    if (!committed(observer, e.seq())) {
                        problems.add("seq " + e.seq() + " acknowledged before its commit");
                    }
                    order.add(e.seq());
                    done.complete(null);
                });
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertThat(problems).isEmpty();
        assertThat(order).isSorted().hasSize(300);
    }

    @Test
    void eventsQueuedWhileACommitWaitsGoIntoOneBatch() throws Exception {
        try (RoomStore store = StoreTesting.open(folder, loop);
             Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile())) {
            appendAll(store, messages(1, 1));
            long batchesBefore = store.stats().batches();
            // Another writer holds the database: the store's next commit waits (busy timeout) ...
            try (Statement s = blocker.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            var outcomes = new ArrayList<CompletableFuture<AppendOutcome>>();
            for (StoredEvent e : messages(2, 1_000)) {
                var outcome = new CompletableFuture<AppendOutcome>();
                assertThat(store.append(e, outcome::complete)).isEqualTo(Admission.ACCEPTED);
                outcomes.add(outcome);
            }
            // ... and everything queued meanwhile is committed in at most two more transactions.
            blocker.createStatement().execute("ROLLBACK");
            for (var outcome : outcomes) {
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(AppendOutcome.Durable.class);
            }
            // (the one the writer had taken when it met the lock, and everything queued behind it)
            assertThat(store.stats().batches() - batchesBefore).isLessThanOrEqualTo(2);
            assertThat(store.stats().largestBatch()).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void aFullQueueIsToldToTheCallerAndLeavesTheSeqFree() throws Exception {
        var options = StoreOptions.defaults().withQueue(8, 4);
        try (RoomStore store = RoomStore.open(folder, "room", options, loop);
             Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile())) {
            blocker.createStatement().execute("BEGIN IMMEDIATE");
            var accepted = new ArrayList<CompletableFuture<AppendOutcome>>();
            Admission last = Admission.ACCEPTED;
            long seq = 1;
            while (last == Admission.ACCEPTED) {
                var outcome = new CompletableFuture<AppendOutcome>();
                last = store.append(msg(seq, "alice", "id-" + seq, "hello " + seq), outcome::complete);
                if (last == Admission.ACCEPTED) {
                    accepted.add(outcome);
                    seq++;
                }
            }
            assertThat(last).isEqualTo(Admission.QUEUE_FULL);
            assertThat(store.nextSeq()).isEqualTo(seq);
            blocker.createStatement().execute("ROLLBACK");
            for (var outcome : accepted) {
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(AppendOutcome.Durable.class);
            }
            // The refused seq is free: once the writer caught up it is taken like any other.
            appendAll(store, List.of(msg(seq, "alice", "id-" + seq, "hello again")));
            assertThat(readAll(store)).extracting(StoredEvent::seq).hasSize((int) seq).doesNotHaveDuplicates();
        }
    }

    @Test
    void aBatchThatCannotBeWrittenIsReportedFailedAndLaterEventsAreStillKept() throws Exception {
        try (RoomStore store = StoreTesting.open(folder, loop);
             Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile())) {
            blocker.createStatement().execute("BEGIN IMMEDIATE");
            var outcome = new CompletableFuture<AppendOutcome>();
            store.append(msg(1, "alice", "a", "lost to a locked file"), outcome::complete);
            // The writer gives up after its busy timeout: the event is reported, not silently dropped.
            assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(AppendOutcome.Failed.class);
            blocker.createStatement().execute("ROLLBACK");
            appendAll(store, List.of(msg(2, "alice", "b", "kept")));
            assertThat(readAll(store)).extracting(StoredEvent::seq).containsExactly(2L);
        }
    }

    @Test
    void aRestartContinuesTheSeqTheIdentityAndTheDedupEntries() throws Exception {
        RoomIdentity first;
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            first = store.identity();
            assertThat(first.epoch()).isEqualTo(1);
            appendAll(store, messages(1, 1_500));
            appendAll(store, List.of(joined(1_501, "carol")));
        }
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            RoomTail tail = store.tail();
            assertThat(tail.identity().roomId()).isEqualTo(first.roomId());
            assertThat(tail.identity().epoch()).isEqualTo(2);
            assertThat(tail.nextSeq()).isEqualTo(1_502);
            assertThat(store.nextSeq()).isEqualTo(1_502);
            // Messages and presence are read apart, so that joins and leaves never push messages out.
            assertThat(tail.recent()).hasSize(1_000);
            assertThat(tail.recent().getFirst().seq()).isEqualTo(501);
            assertThat(tail.recent().getLast().seq()).isEqualTo(1_500);
            assertThat(tail.olderRecent()).isTrue();
            assertThat(tail.recentPresence()).extracting(StoredEvent::seq).containsExactly(1_501L);
            assertThat(tail.dedup()).hasSize(1_500).allMatch(e -> e.clientId() != null);
            assertThat(tail.dedup().getLast().clientId()).isEqualTo("id-1500");
            // Beyond the tail, the store still answers whether a message id was seen.
            assertThat(store.findByClientId("bob", "id-1").get(10, TimeUnit.SECONDS))
                    .hasValueSatisfying(e -> assertThat(e.seq()).isEqualTo(1));
            assertThat(store.findByClientId("alice", "id-1").get(10, TimeUnit.SECONDS)).isEmpty();
            assertThatThrownBy(() -> store.append(msg(1_501, "bob", "x", "again"), o -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            appendAll(store, List.of(msg(1_502, "bob", "x", "after the restart")));
        }
    }

    @Test
    void aCleanCloseFoldsTheWalIntoTheFileAndAcknowledgesWhatWasQueued() throws Exception {
        List<CompletableFuture<AppendOutcome>> outcomes = new ArrayList<>();
        Path wal;
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            wal = store.databaseFile().resolveSibling("room.db-wal");
            for (StoredEvent e : messages(1, 2_000)) {
                var outcome = new CompletableFuture<AppendOutcome>();
                store.append(e, outcome::complete);
                outcomes.add(outcome);
            }
        }
        for (var outcome : outcomes) {
            assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(AppendOutcome.Durable.class);
        }
        assertThat(wal).doesNotExist();
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            assertThat(store.append(msg(2_001, "a", "z", "z"), o -> { })).isEqualTo(Admission.ACCEPTED);
            store.close();
            assertThat(store.append(msg(2_002, "a", "y", "y"), o -> { })).isEqualTo(Admission.CLOSED);
        }
    }

    @Test
    void rangeReadsPageForwardBackwardAndAroundASeq() throws Exception {
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, messages(1, 2_500));
            HistoryPage resume = store.after(2_400, 500).get(10, TimeUnit.SECONDS);
            assertThat(resume.events()).extracting(StoredEvent::seq).startsWith(2_401L).endsWith(2_500L).hasSize(100);
            assertThat(resume.moreBefore()).isTrue();
            assertThat(resume.moreAfter()).isFalse();

            HistoryPage older = store.before(1_001, 200).get(10, TimeUnit.SECONDS);
            assertThat(older.events()).extracting(StoredEvent::seq).startsWith(801L).endsWith(1_000L).hasSize(200);
            assertThat(older.moreBefore()).isTrue();
            assertThat(older.moreAfter()).isTrue();

            HistoryPage top = store.before(51, 200).get(10, TimeUnit.SECONDS);
            assertThat(top.events()).extracting(StoredEvent::seq).startsWith(1L).endsWith(50L);
            assertThat(top.moreBefore()).isFalse();

            HistoryPage context = store.around(1_234, 21).get(10, TimeUnit.SECONDS);
            assertThat(context.events()).extracting(StoredEvent::seq).startsWith(1_224L).contains(1_234L).endsWith(1_244L);

            HistoryPage capped = store.after(0, 50_000).get(10, TimeUnit.SECONDS);
            assertThat(capped.events()).hasSize(RoomStore.MAX_PAGE);
            assertThat(capped.moreAfter()).isTrue();
            assertThat(store.after(2_500, 10).get(10, TimeUnit.SECONDS).events()).isEmpty();
        }
    }

    @Test
    void aNewRoomInAnEmptyFolderCreatesItsFiles() throws Exception {
        Path data = folder.resolve("not").resolve("yet");
        try (RoomStore store = RoomStore.open(data, "team-room", StoreOptions.defaults(), loop)) {
            assertThat(store.databaseFile()).isEqualTo(data.toAbsolutePath().resolve("team-room.db"));
            assertThat(store.tail().nextSeq()).isEqualTo(1);
            assertThat(store.tail().recent()).isEmpty();
        }
        assertThat(Files.exists(data.resolve("team-room.lock"))).isTrue();
        assertThatThrownBy(() -> RoomStore.open(folder, "../escape", StoreOptions.defaults(), loop))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean committed(Connection observer, long seq) {
        try (PreparedStatement s = observer.prepareStatement("SELECT 1 FROM events WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
