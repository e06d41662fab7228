package dev.parley.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class BlobStoreTest {
    private static final long KIB = 1024;

    @TempDir
    Path folder;

    @Test
    void aStoredFileIsFoundWholeUnderItsHash() throws IOException {
        BlobStore store = BlobStore.open(folder, 1 << 20, 1 << 20);
        byte[] bytes = bytes(10_000, 1);

        PartialUpload.Outcome outcome = upload(store, bytes, TestFiles.sha256(bytes));

        assertThat(outcome).isEqualTo(new PartialUpload.Outcome.Stored(TestFiles.sha256(bytes), List.of()));
        assertThat(read(store, TestFiles.sha256(bytes))).isEqualTo(bytes);
        assertThat(folder.resolve("blobs").resolve(TestFiles.sha256(bytes))).exists();
        assertThat(folder.resolve("partial")).isEmptyDirectory();
        assertThat(store.usedBytes()).isEqualTo(10_000);
        assertThat(store.reservedBytes()).isZero();
    }

    @Test
    void bytesThatDoNotMatchTheHashStoreNothing() throws IOException {
        BlobStore store = BlobStore.open(folder, 1 << 20, 1 << 20);
        byte[] bytes = bytes(5_000, 2);
        String claimed = TestFiles.sha256(bytes(5_000, 3));

        PartialUpload.Outcome outcome = upload(store, bytes, claimed);

        assertThat(outcome).isEqualTo(new PartialUpload.Outcome.Mismatch(TestFiles.sha256(bytes)));
        assertThat(store.contains(claimed)).isFalse();
        assertThat(store.open(claimed)).isEmpty();
        assertThat(folder.resolve("blobs")).isEmptyDirectory();
        assertThat(folder.resolve("partial")).isEmptyDirectory();
        assertThat(store.usedBytes()).isZero();
    }

    @Test
    void anUploadResumesFromWhatAnEarlierConnectionWrote() throws IOException {
        BlobStore store = BlobStore.open(folder, 1 << 20, 1 << 20);
        byte[] bytes = bytes(100_000, 4);
        String token = Hex.newToken();
        try (PartialUpload first = store.partial(token, bytes.length)) {
            first.write(bytes, 0, 40_000);
        }

        Reservation room = store.reserve(bytes.length).orElseThrow();
        try (PartialUpload second = store.partial(token, bytes.length)) {
            assertThat(second.offset()).isEqualTo(40_000);
            second.write(bytes, 40_000, bytes.length - 40_000);
            assertThat(second.commit(TestFiles.sha256(bytes), room)).isInstanceOf(PartialUpload.Outcome.Stored.class);
        }
        assertThat(read(store, TestFiles.sha256(bytes))).isEqualTo(bytes);
    }

    @Test
    void aPartialFileLongerThanTheOfferStartsOver() throws IOException {
        BlobStore store = BlobStore.open(folder, 1 << 20, 1 << 20);
        String token = Hex.newToken();
        try (PartialUpload first = store.partial(token, 1000)) {
            first.write(new byte[1000], 0, 1000);
        }
        try (PartialUpload second = store.partial(token, 500)) {
            assertThat(second.offset()).isZero();
        }
    }

    @Test
    void goingOverTheCapEvictsTheOldestFirstAndSaysWhich() throws IOException {
        BlobStore store = BlobStore.open(folder, 3 * KIB, 2 * KIB);
        byte[] a = bytes(1024, 10);
        byte[] b = bytes(1024, 11);
        byte[] c = bytes(1024, 12);
        upload(store, a, TestFiles.sha256(a));
        upload(store, b, TestFiles.sha256(b));
        upload(store, c, TestFiles.sha256(c));

        var d = bytes(1024, 13);
        assertThat(upload(store, d, TestFiles.sha256(d)))
                .isEqualTo(new PartialUpload.Outcome.Stored(TestFiles.sha256(d), List.of(TestFiles.sha256(a))));
        assertThat(store.contains(TestFiles.sha256(a))).isFalse();
        assertThat(store.open(TestFiles.sha256(a))).isEmpty();
        assertThat(folder.resolve("blobs").resolve(TestFiles.sha256(a))).doesNotExist();

        var e = bytes(2048, 14);
        assertThat(upload(store, e, TestFiles.sha256(e))).isEqualTo(new PartialUpload.Outcome.Stored(
                TestFiles.sha256(e), List.of(TestFiles.sha256(b), TestFiles.sha256(c))));
        assertThat(store.usedBytes()).isEqualTo(3 * KIB);
    }

    @Test
    void acceptedUploadsHoldTheirRoomSoTogetherTheyNeverPassTheCap() throws IOException {
        BlobStore store = BlobStore.open(folder, 3 * KIB, 2 * KIB);

        Reservation first = store.reserve(2 * KIB).orElseThrow();
        assertThat(store.reserve(2 * KIB)).isEmpty();
        first.release();
        first.release();
        assertThat(store.reservedBytes()).isZero();
        assertThat(store.reserve(2 * KIB)).isPresent();
    }

    @Test
    void theFileCapIsTheLargestReservationAndPartial() throws IOException {
        BlobStore store = BlobStore.open(folder, 10 * KIB, 2 * KIB);

        assertThat(store.reserve(2 * KIB + 1)).isEmpty();
        assertThatThrownBy(() -> store.partial(Hex.newToken(), 2 * KIB + 1)).isInstanceOf(IllegalArgumentException.class);
        try (PartialUpload partial = store.partial(Hex.newToken(), 10)) {
            assertThatThrownBy(() -> partial.write(new byte[11], 0, 11)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyLowerCaseHexIdsEverBecomePaths() throws IOException {
        BlobStore store = BlobStore.open(folder, 10 * KIB, 2 * KIB);
        String upper = "A".repeat(64);

        for (String id : List.of("../../etc/passwd", "..", upper, "a".repeat(63), "a".repeat(65), "/tmp/x")) {
            assertThatThrownBy(() -> store.open(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.partial(id, 1)).isInstanceOf(IllegalArgumentException.class);
        }
        store.discardPartial("../blobs/x");
        assertThat(folder.resolve("blobs")).exists();
    }

    @Test
    void readersKeepReadingWhileOtherFilesAreWrittenAndTheirsIsEvicted() throws IOException {
        BlobStore store = BlobStore.open(folder, 2 * KIB, 2 * KIB);
        byte[] a = bytes(2048, 20);
        upload(store, a, TestFiles.sha256(a));

        try (BlobStore.Blob reading = store.open(TestFiles.sha256(a)).orElseThrow()) {
            ByteBuffer half = ByteBuffer.allocate(1024);
            reading.channel().read(half, 0);

            byte[] b = bytes(2048, 21);
            String token = Hex.newToken();
            try (PartialUpload writing = store.partial(token, b.length)) {
                writing.write(b, 0, 1000);
                assertThat(store.open(TestFiles.sha256(b))).as("not visible before it is whole").isEmpty();
                writing.write(b, 1000, b.length - 1000);
                writing.commit(TestFiles.sha256(b), store.reserve(0).orElseThrow());
            }
            assertThat(store.contains(TestFiles.sha256(a))).isFalse();

            ByteBuffer rest = ByteBuffer.allocate(1024);
            reading.channel().read(rest, 1024);
            byte[] whole = new byte[2048];
            System.arraycopy(half.array(), 0, whole, 0, 1024);
            System.arraycopy(rest.array(), 0, whole, 1024, 1024);
            assertThat(whole).isEqualTo(a);
        }
    }

    @Test
    void theSameContentTwiceIsStoredOnceAndCountsAsNew() throws IOException {
        BlobStore store = BlobStore.open(folder, 3 * KIB, 2 * KIB);
        byte[] a = bytes(1024, 30);
        byte[] b = bytes(1024, 31);
        upload(store, a, TestFiles.sha256(a));
        upload(store, b, TestFiles.sha256(b));
        upload(store, a, TestFiles.sha256(a));
        assertThat(store.usedBytes()).isEqualTo(2 * KIB);

        byte[] c = bytes(2048, 32);
        assertThat(upload(store, c, TestFiles.sha256(c)))
                .isEqualTo(new PartialUpload.Outcome.Stored(TestFiles.sha256(c), List.of(TestFiles.sha256(b))));
    }

    @Test
    void reopeningKeepsTheOrderDropsUnfinishedUploadsAndAppliesANewCap() throws IOException {
        BlobStore store = BlobStore.open(folder, 10 * KIB, 2 * KIB);
        byte[] older = bytes(2048, 40);
        byte[] newer = bytes(2048, 41);
        upload(store, older, TestFiles.sha256(older));
        upload(store, newer, TestFiles.sha256(newer));
        Files.setLastModifiedTime(folder.resolve("blobs").resolve(TestFiles.sha256(older)),
                FileTime.from(Instant.now().minusSeconds(60)));
        try (PartialUpload unfinished = store.partial(Hex.newToken(), 100)) {
            unfinished.write(new byte[50], 0, 50);
        }
        Files.writeString(folder.resolve("blobs").resolve("README"), "not a blob");

        BlobStore reopened = BlobStore.open(folder, 3 * KIB, 2 * KIB);

        assertThat(reopened.contains(TestFiles.sha256(older))).isFalse();
        assertThat(reopened.contains(TestFiles.sha256(newer))).isTrue();
        assertThat(reopened.usedBytes()).isEqualTo(2048);
        assertThat(folder.resolve("partial")).isEmptyDirectory();
        assertThat(folder.resolve("blobs").resolve("README")).exists();
    }

    private static PartialUpload.Outcome upload(BlobStore store, byte[] bytes, String sha256) throws IOException {
        Reservation room = store.reserve(bytes.length).orElseThrow();
        try (PartialUpload partial = store.partial(Hex.newToken(), bytes.length)) {
            partial.write(bytes, 0, bytes.length);
            return partial.commit(sha256, room);
        }
    }

    private static byte[] read(BlobStore store, String sha256) throws IOException {
        try (BlobStore.Blob blob = store.open(sha256).orElseThrow()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) blob.size());
            while (buffer.hasRemaining() && blob.channel().read(buffer) >= 0) {
                // Reads until full.
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
