package dev.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.store.StoreTesting.appendAll;
import static dev.parley.store.StoreTesting.messages;
import static dev.parley.store.StoreTesting.msg;
import static dev.parley.store.StoreTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RetentionTest {
    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void everythingIsKeptByDefault() throws Exception {
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, messages(1, 3_000));
        }
        // The writer's upkeep step, run by hand on the file, a century later: it removes nothing.
        var files = new DatabaseFiles(folder, "room");
        try (var c = Sqlite.openWriter(files, Sqlite.Durability.FULL)) {
            c.setAutoCommit(false);
            var writer = new RoomWriter(Runnable::run, StoreOptions.defaults().retention(), null, () -> { });
            assertThat(writer.upkeep(c, Instant.now().plus(Duration.ofDays(36_500)).toEpochMilli())).isFalse();
            c.commit();
            assertThat(RoomReads.latest(c, 5_000)).hasSize(3_000);
        }
    }

    @Test
    void keepMessagesRemovesTheOldestInStepsAndTheirSearchEntriesToo() throws Exception {
        var options = StoreOptions.defaults().withRetention(Retention.of(0, 1_000));
        try (RoomStore store = RoomStore.open(folder, "room", options, loop)) {
            appendAll(store, messages(1, 2_600));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(store.after(0, 1).get(10, TimeUnit.SECONDS).events().getFirst().seq()).isEqualTo(1_601));
            assertThat(readAll(store)).hasSize(1_000);
            assertThat(store.search("n1600 ", Long.MAX_VALUE, 10).get(10, TimeUnit.SECONDS).hits()).isEmpty();
            assertThat(store.search("n1601 ", Long.MAX_VALUE, 10).get(10, TimeUnit.SECONDS).hits()).hasSize(1);
            assertThat(store.search("otters", Long.MAX_VALUE, 50).get(10, TimeUnit.SECONDS).hits().getLast().event().seq())
                    .isGreaterThan(1_600);
        }
    }

    @Test
    void keepDaysRemovesOlderEventsButNeverTheNewestNorItsSeq() throws Exception {
        Instant now = Instant.now();
        List<StoredEvent> events = new ArrayList<>();
        for (long seq = 1; seq <= 600; seq++) {
            events.add(msg(seq, "alice", "id" + seq, "old words " + seq, now.minus(Duration.ofDays(40)).plusSeconds(seq)));
        }
        for (long seq = 601; seq <= 700; seq++) {
            events.add(msg(seq, "alice", "id" + seq, "recent words " + seq, now.minus(Duration.ofDays(3)).plusSeconds(seq)));
        }
        var options = StoreOptions.defaults().withRetention(Retention.of(30, 0));
        try (RoomStore store = RoomStore.open(folder, "room", options, loop)) {
            appendAll(store, events);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readAll(store)).hasSize(100));
            assertThat(readAll(store).getFirst().seq()).isEqualTo(601);
        }
        // A room idle for longer than it keeps anything still keeps its last event, and never restarts its seq.
        var stricter = StoreOptions.defaults().withRetention(Retention.of(1, 0));
        try (RoomStore store = RoomStore.open(folder, "room", stricter, loop)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readAll(store)).hasSize(1));
            assertThat(readAll(store).getFirst().seq()).isEqualTo(700);
        }
        try (RoomStore store = RoomStore.open(folder, "room", stricter, loop)) {
            assertThat(store.nextSeq()).isEqualTo(701);
        }
    }
}
