package dev.parley.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offers nobody uploads give their room in the store back soon: several names offering the largest
 * files and sending nothing must not keep everyone else's files out for the hour an upload that
 * has started may pause.
 */
@Timeout(10)
class PendingUploadsTest {
    private static final long MIB = 1024 * 1024;
    private static final long TTL = PendingUploads.nanos(Duration.ofHours(1));
    private static final long UNSTARTED = PendingUploads.nanos(Duration.ofMinutes(2));

    @TempDir
    Path folder;

    @Test
    void anOfferWithNoByteAfterTwoMinutesGivesItsRoomBackWhileAStartedOneWaitsItsHour() throws IOException {
        BlobStore store = BlobStore.open(folder, 300 * MIB, 100 * MIB);
        var pending = new PendingUploads();
        PendingUploads.Pending idle = offer(store, "mallory", "a", 0);
        PendingUploads.Pending started = offer(store, "alice", "b", 0);
        pending.add(idle);
        pending.add(started);
        started.touch(1);
        assertEquals(200 * MIB, store.reservedBytes());

        long later = PendingUploads.nanos(Duration.ofMinutes(3));
        List<PendingUploads.Pending> expired = pending.expire(later, TTL, UNSTARTED);

        assertEquals(List.of(idle), expired, "only the offer that never received a byte expires");
        expired.forEach(p -> p.reservation.release());
        assertEquals(100 * MIB, store.reservedBytes(), "its 100 MiB are free for others");
        assertEquals(List.of(started), pending.expire(TTL + 2, TTL, UNSTARTED), "the started one after its hour");
    }

    @Test
    void anOfferWhoseConnectionIsCarryingItNeverExpires() throws IOException {
        BlobStore store = BlobStore.open(folder, 300 * MIB, 100 * MIB);
        var pending = new PendingUploads();
        PendingUploads.Pending carried = offer(store, "bob", "c", 0);
        pending.add(carried);
        carried.lock.lock();
        try {
            assertTrue(pending.expire(TTL * 2, TTL, UNSTARTED).isEmpty());
        } finally {
            carried.lock.unlock();
        }
        assertEquals(1, pending.size());
    }

    private static PendingUploads.Pending offer(BlobStore store, String person, String id, long now) {
        var offer = new FileOffer(id, id + ".bin", 100 * MIB, "0".repeat(64), "application/octet-stream");
        return new PendingUploads.Pending(Hex.newToken(), person, offer, id + ".bin",
                store.reserve(100 * MIB).orElseThrow(), now);
    }
}
