package dev.parley.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GuestStoreTest {
    @TempDir
    Path folder;

    private static List<SeenEvent> seen(long from, int n) {
        List<SeenEvent> events = new ArrayList<>();
        for (long seq = from; seq < from + n; seq++) {
            events.add(new SeenEvent(seq, StoreTesting.msg(seq, "bob", "b" + seq, "hello " + seq).frame()));
        }
        return events;
    }

    @Test
    void reopeningTheAppShowsWhatWasSeenAndWhereToResume() throws Exception {
        try (GuestStore copy = GuestStore.open(folder)) {
            assertThat(copy.remember("room-a", "Team room", seen(1, 40))).isEqualTo(Admission.ACCEPTED);
            assertThat(copy.remember("room-a", "Team room", seen(41, 10))).isEqualTo(Admission.ACCEPTED);
            assertThat(copy.remember("room-b", "Other", seen(7, 3))).isEqualTo(Admission.ACCEPTED);
            // Seen twice (a replay after a reconnect): kept once.
            assertThat(copy.remember("room-a", "Team room", seen(45, 6))).isEqualTo(Admission.ACCEPTED);
        }
        try (GuestStore copy = GuestStore.open(folder)) {
            assertThat(copy.rooms().get(10, TimeUnit.SECONDS)).extracting(GuestRoom::roomKey, GuestRoom::lastSeq)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("room-a", 50L),
                            org.assertj.core.groups.Tuple.tuple("room-b", 9L));
            GuestHistory history = copy.load("room-a", 20).get(10, TimeUnit.SECONDS);
            assertThat(history.lastSeq()).isEqualTo(50);
            assertThat(history.events()).extracting(SeenEvent::seq).startsWith(31L).endsWith(50L).hasSize(20);
            assertThat(history.events().getLast().frame()).isEqualTo(seen(50, 1).getFirst().frame());
            assertThat(copy.load("never", 20).get(10, TimeUnit.SECONDS).lastSeq()).isZero();
        }
    }

    @Test
    void eachRoomKeepsOnlyItsLatestEvents() throws Exception {
        try (GuestStore copy = GuestStore.open(folder, 100, Clock.systemUTC())) {
            copy.remember("room", "Room", seen(1, 250));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(copy.load("room", 1_000).get(10, TimeUnit.SECONDS).events()).hasSize(100));
            assertThat(copy.load("room", 1_000).get(10, TimeUnit.SECONDS).events().getFirst().seq()).isEqualTo(151);
        }
    }

    @Test
    void aSecondAppOnTheSameFolderIsToldWhyAndTheFirstKeepsWorking() throws Exception {
        try (GuestStore copy = GuestStore.open(folder)) {
            assertThatThrownBy(() -> GuestStore.open(folder)).isInstanceOf(FolderInUseException.class)
                    .hasMessageContaining("the guest history");
            copy.remember("room", "Room", seen(1, 1));
        }
        try (GuestStore copy = GuestStore.open(folder)) {
            assertThat(copy.load("room", 10).get(10, TimeUnit.SECONDS).lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void aCutFileOpensWithWhatStillReads() throws Exception {
        try (GuestStore copy = GuestStore.open(folder)) {
            copy.remember("room", "Room", seen(1, 2_000));
        }
        Path db = folder.resolve("guest.db");
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(db) - 4_096);
        }
        try (GuestStore copy = GuestStore.open(folder)) {
            GuestHistory history = copy.load("room", 2_000).get(10, TimeUnit.SECONDS);
            assertThat(history.events()).extracting(SeenEvent::seq).isSorted().doesNotHaveDuplicates();
            assertThat(history.events().size()).isGreaterThan(1_800);
            copy.remember("room", "Room", seen(2_001, 1));
        }
        assertThat(folder.resolve("damaged")).isDirectory();
    }
}
