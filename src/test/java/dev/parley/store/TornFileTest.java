package dev.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.parley.store.StoreTesting.appendAll;
import static dev.parley.store.StoreTesting.messages;
import static dev.parley.store.StoreTesting.msg;
import static dev.parley.store.StoreTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a power cut or a broken disk can leave behind: a WAL cut anywhere, a main file missing its
 * last page or part of it, bytes added after it, a ruined header. Every one of them opens, keeps
 * what can be read, puts a copy of the damaged files under {@code damaged/} and says so in the log.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TornFileTest {
    private static final int EVENTS = 3_000;

    @TempDir
    Path temp;

    private final ExecutorService loop = StoreTesting.loop();
    private final List<StoredEvent> written = messages(1, EVENTS);
    private final Map<Long, StoredEvent> bySeq = new HashMap<>();
    /** The files as a crash leaves them: the WAL still holds every commit, nothing was folded in. */
    private Path crashImage;
    /** The files as a clean close leaves them: one database file, no WAL. */
    private Path cleanImage;

    @BeforeEach
    void buildImages() throws Exception {
        written.forEach(e -> bySeq.put(e.seq(), e));
        crashImage = temp.resolve("crash");
        cleanImage = temp.resolve("clean");
        try (RoomStore store = StoreTesting.open(cleanImage, loop)) {
            appendAll(store, written);
            // Copied while the store is open and idle, after every acknowledgement: what SIGKILL leaves.
            new DatabaseFiles(cleanImage, "room").copyTo(crashImage);
        }
        assertThat(Files.size(crashImage.resolve("room.db-wal"))).isGreaterThan(100_000);
        assertThat(cleanImage.resolve("room.db-wal")).doesNotExist();
    }

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void aWalCutAnywhereOpensWithACompletePrefixOfTheCommits() throws Exception {
        long walLength = Files.size(crashImage.resolve("room.db-wal"));
        for (long cut : List.of(32L, walLength / 4, walLength / 2, walLength * 9 / 10, walLength - 1)) {
            Path folder = copy(crashImage, "wal-cut-" + cut);
            truncate(folder.resolve("room.db-wal"), cut);
            List<StoredEvent> kept = openAndCheck(folder);
            if (!Files.exists(folder.resolve("damaged"))) {
                // SQLite dropped the torn commits itself: what is left is the first k events, whole.
                assertThat(kept).extracting(StoredEvent::seq)
                        .containsExactlyElementsOf(Stream.iterate(1L, s -> s + 1).limit(kept.size()).toList());
            }
        }
    }

    @Test
    void bytesAfterTheLastWalFrameAreIgnoredAndNothingIsLost() throws Exception {
        Path folder = copy(crashImage, "wal-garbage");
        appendGarbage(folder.resolve("room.db-wal"), 40_000);
        assertThat(openAndCheck(folder)).hasSize(EVENTS);
    }

    @Test
    void aMainFileMissingItsLastPageOrPartOfItOpensAndKeepsTheRest() throws Exception {
        long length = Files.size(cleanImage.resolve("room.db"));
        for (long cut : List.of(4_096L, 2_048L, 100L, 1L)) {
            Path folder = copy(cleanImage, "main-cut-" + cut);
            truncate(folder.resolve("room.db"), length - cut);
            try (var log = new StoreTesting.LogCapture()) {
                List<StoredEvent> kept = openAndCheck(folder);
                assertThat(kept.size()).as("events kept after cutting %d bytes", cut).isGreaterThan(EVENTS * 9 / 10);
                assertThat(log.warnings()).anyMatch(w -> w.contains("is damaged") && w.contains("Keeping a copy"));
            }
            assertThat(keptCopies(folder)).anyMatch(p -> sizeOf(p) == length - cut);
        }
    }

    @Test
    void aMainFileCutInHalfStillOpensAndTakesNewEvents() throws Exception {
        Path folder = copy(cleanImage, "main-half");
        truncate(folder.resolve("room.db"), Files.size(folder.resolve("room.db")) / 2);
        openAndCheck(folder);
        assertThat(keptCopies(folder)).isNotEmpty();
    }

    @Test
    void bytesAfterTheLastPageAreCutOffAndACopyKept() throws Exception {
        Path folder = copy(cleanImage, "main-garbage");
        long length = Files.size(folder.resolve("room.db"));
        appendGarbage(folder.resolve("room.db"), 10_000);
        try (var log = new StoreTesting.LogCapture()) {
            assertThat(openAndCheck(folder)).hasSize(EVENTS);
            assertThat(log.warnings()).anyMatch(w -> w.contains("10,000 bytes after its last page") || w.contains("10000 bytes after its last page"));
        }
        assertThat(keptCopies(folder)).anyMatch(p -> sizeOf(p) == length + 10_000);
        assertThat(Files.size(folder.resolve("room.db"))).isLessThanOrEqualTo(length + 4_096);
    }

    @Test
    void aRuinedHeaderStartsAnEmptyRoomAndKeepsTheOldFile() throws Exception {
        Path folder = copy(cleanImage, "header");
        try (FileChannel ch = FileChannel.open(folder.resolve("room.db"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[100]), 0);
        }
        assertThat(openAndCheck(folder)).isEmpty();
        assertThat(keptCopies(folder)).isNotEmpty();
    }

    /**
     * Opens the damaged folder: it must open, hold only events that were written (byte for byte),
     * in seq order, each once, find them by search, and take the next event.
     */
    private List<StoredEvent> openAndCheck(Path folder) throws Exception {
        List<StoredEvent> kept;
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            kept = readAll(store);
            for (StoredEvent e : kept) {
                assertThat(e.frame()).as("frame of seq %d", e.seq()).isEqualTo(bySeq.get(e.seq()).frame());
            }
            assertThat(kept).extracting(StoredEvent::seq).isSorted().doesNotHaveDuplicates();
            if (!kept.isEmpty()) {
                StoredEvent last = kept.getLast();
                assertThat(store.search("n" + last.seq() + " ", Long.MAX_VALUE, 5).get(10, TimeUnit.SECONDS).hits())
                        .extracting(h -> h.event().seq()).containsExactly(last.seq());
            }
            long next = store.nextSeq();
            assertThat(next).isGreaterThan(kept.isEmpty() ? 0 : kept.getLast().seq());
            appendAll(store, List.of(msg(next, "alice", "after-" + next, "after the repair")));
        }
        // And the repaired file opens cleanly again, with the new event.
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            assertThat(readAll(store)).hasSize(kept.size() + 1);
        }
        return kept;
    }

    private Path copy(Path image, String name) throws IOException {
        Path folder = temp.resolve(name);
        new DatabaseFiles(image, "room").copyTo(folder);
        return folder;
    }

    private static List<Path> keptCopies(Path folder) throws IOException {
        Path damaged = folder.resolve("damaged");
        if (!Files.isDirectory(damaged)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(damaged)) {
            return files.filter(p -> p.getFileName().toString().equals("room.db")).toList();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }

    private static void appendGarbage(Path file, int bytes) throws IOException {
        byte[] garbage = new byte[bytes];
        new Random(17).nextBytes(garbage);
        Files.write(file, garbage, StandardOpenOption.APPEND);
    }
}
