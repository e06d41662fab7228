package dev.parley.files;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every limit an offer can break, each answered with its code before a byte moves. */
@Timeout(60)
class OfferLimitsTest {
    private static final long MIB = FileLimits.MIB;
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path folder;

    private FileHost host;

    private FileHost host(FileLimits limits) throws IOException {
        host = new FileHost(folder, limits, new RecordingListener());
        return host;
    }

    @AfterEach
    void closeHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void anOfferWithinEveryLimitGetsATokenAndTheSameOfferAgainTheSameToken() throws IOException {
        FileHost host = host(FileLimits.defaults());

        var first = (OfferDecision.Accepted) host.offer("alice", offer("f1", 10 * MIB));
        var again = (OfferDecision.Accepted) host.offer("alice", offer("f1", 10 * MIB));

        assertThat(Hex.isToken(first.token())).isTrue();
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(host.store().reservedBytes()).isEqualTo(10 * MIB);
        assertThat(refusal(host.offer("alice", new FileOffer("f1", "other.bin", 5, SHA, null))))
                .isEqualTo(FileProblem.OFFER_INVALID);
    }

    @Test
    void aFileOverThePerFileCapIsFileTooLarge() throws IOException {
        FileHost host = host(FileLimits.defaults());

        var refused = (OfferDecision.Refused) host.offer("alice", offer("big", 100 * MIB + 1));

        assertThat(refused.problem()).isEqualTo(FileProblem.FILE_TOO_LARGE);
        assertThat(refused.ref()).isEqualTo("big");
        assertThat(refused.message()).isEqualTo("The file is just over the 105 MB this room takes.");
        assertThat(host.store().reservedBytes()).isZero();
    }

    @Test
    void acceptedUploadsThatWouldPassTheStoreCapAreStoreFull() throws IOException {
        FileHost host = host(FileLimits.defaults().withMaxFileBytes(8 * MIB).withStoreCapBytes(10 * MIB));

        assertThat(host.offer("alice", offer("a", 8 * MIB))).isInstanceOf(OfferDecision.Accepted.class);
        assertThat(refusal(host.offer("bob", offer("b", 8 * MIB)))).isEqualTo(FileProblem.STORE_FULL);
        assertThat(host.offer("bob", offer("c", 2 * MIB))).isInstanceOf(OfferDecision.Accepted.class);
    }

    @Test
    void offeringMoreThanTheUploadRateAllowsIsUploadRateWithAWait() throws IOException {
        FileHost host = host(FileLimits.defaults().withMaxFileBytes(4 * MIB).withUploadRate(1024, 4 * MIB));

        assertThat(host.offer("alice", offer("a", 4 * MIB))).isInstanceOf(OfferDecision.Accepted.class);
        var refused = (OfferDecision.Refused) host.offer("alice", offer("b", 4 * MIB));

        assertThat(refused.problem()).isEqualTo(FileProblem.UPLOAD_RATE);
        assertThat(refused.retryAfterSeconds()).isBetween(4000L, 4097L);
        assertThat(host.offer("bob", offer("c", 4 * MIB))).as("the rate is per person")
                .isInstanceOf(OfferDecision.Accepted.class);
        assertThat(host.store().reservedBytes()).as("the refused offer holds no room").isEqualTo(8 * MIB);
    }

    @Test
    void moreOpenTransfersThanAllowedIsTooManyTransfers() throws IOException {
        FileHost host = host(FileLimits.defaults().withMaxTransfersPerPerson(2));

        assertThat(host.offer("alice", offer("a", 10))).isInstanceOf(OfferDecision.Accepted.class);
        assertThat(host.offer("alice", offer("b", 10))).isInstanceOf(OfferDecision.Accepted.class);
        assertThat(refusal(host.offer("alice", offer("c", 10)))).isEqualTo(FileProblem.TOO_MANY_TRANSFERS);
        assertThat(host.offer("bob", offer("d", 10))).isInstanceOf(OfferDecision.Accepted.class);
    }

    @Test
    void namesWithNothingToShowOrTooLongAreFileNameInvalid() throws IOException {
        FileHost host = host(FileLimits.defaults());

        for (String name : new String[]{"", "\u200B\u200E", "...", " . ", "\uD800x", "x".repeat(1025), null}) {
            assertThat(refusal(host.offer("alice", new FileOffer("n1", name, 10, SHA, null)))).as(name)
                    .isEqualTo(FileProblem.FILE_NAME_INVALID);
        }
        assertThat(host.offer("alice", new FileOffer("n2", "file", 10, SHA, null)))
                .isInstanceOf(OfferDecision.Accepted.class);
    }

    @Test
    void anOfferWithoutAValidIdHashOrSizeIsOfferInvalid() throws IOException {
        FileHost host = host(FileLimits.defaults());

        assertThat(refusal(host.offer("alice", new FileOffer("", "a.txt", 1, SHA, null))))
                .isEqualTo(FileProblem.OFFER_INVALID);
        assertThat(refusal(host.offer("alice", new FileOffer("x".repeat(63), "a.txt", 1, SHA, null))))
                .isEqualTo(FileProblem.OFFER_INVALID);
        assertThat(refusal(host.offer("alice", new FileOffer("bad id", "a.txt", 1, SHA, null))))
                .isEqualTo(FileProblem.OFFER_INVALID);
        assertThat(refusal(host.offer("alice", new FileOffer("i1", "a.txt", 1, SHA.toUpperCase(), null))))
                .isEqualTo(FileProblem.OFFER_INVALID);
        assertThat(refusal(host.offer("alice", new FileOffer("i2", "a.txt", -1, SHA, null))))
                .isEqualTo(FileProblem.OFFER_INVALID);
    }

    @Test
    void theHostCarriesTheSanitisedName() throws IOException {
        var listener = new RecordingListener();
        host = new FileHost(folder, FileLimits.defaults(), listener);

        host.offer("alice", new FileOffer("s1", "../CON.txt", 10, SHA, null));

        assertThat(host.pending.byOffer("alice", "s1").safeName).isEqualTo("_CON.txt");
    }

    @Test
    void anUploadNobodyFinishesExpiresAndGivesItsRoomBack() throws IOException {
        FileHost host = host(FileLimits.defaults().withMaxTransfersPerPerson(1)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(200)));

        assertThat(host.offer("alice", offer("a", 5 * MIB))).isInstanceOf(OfferDecision.Accepted.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> host.pendingUploads() == 0);
        assertThat(host.store().reservedBytes()).isZero();
        assertThat(host.offer("alice", offer("b", 5 * MIB))).as("the transfer slot is free again")
                .isInstanceOf(OfferDecision.Accepted.class);
    }

    private static FileOffer offer(String id, long size) {
        return new FileOffer(id, id + ".bin", size, SHA, "application/octet-stream");
    }

    private static FileProblem refusal(OfferDecision decision) {
        assertThat(decision).isInstanceOf(OfferDecision.Refused.class);
        return ((OfferDecision.Refused) decision).problem();
    }
}
