package dev.parley.server;

import dev.parley.client.FileUpload;
import dev.parley.files.Cancellation;
import dev.parley.files.FileLimits;
import dev.parley.files.FileOffer;
import dev.parley.files.FileProblem;
import dev.parley.files.TestFiles;
import dev.parley.files.TransferFailure;
import dev.parley.files.TransferProgress;
import dev.parley.files.Uploader;
import dev.parley.protocol.Frame;
import dev.parley.testing.Participant;
import dev.parley.testing.TestServers;
import dev.parley.testing.TestTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every files limit through the real server over TLS: each breach is refused with its code and a
 * sentence (which the window replaces by its own, chosen by the code), and the person's chat goes on.
 */
@Timeout(120)
class FileLimitsOverTlsTest {
    private static final long MIB = FileLimits.MIB;
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path work;
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private RoomServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeLater.reversed()) {
            c.close();
        }
    }

    private void start(FileLimits limits) throws Exception {
        server = new RoomServer(TestTls.secure(TestServers.config())
                .withFiles(FileSettings.temporary().withLimits(limits))).start();
        closeLater.add(server);
    }

    private Participant join(String nick) throws Exception {
        var p = Participant.join(server.port(), nick, TestTls.key());
        closeLater.add(p);
        return p;
    }

    private static Frame.OfferOk accepted(Participant p, String id, long size) throws Exception {
        return p.client().offer(new FileOffer(id, id + ".bin", size, SHA, null)).get(10, TimeUnit.SECONDS);
    }

    /** The host's refusal of an offer: REFUSED, a known code, a sentence for a person. */
    private static TransferFailure refused(Participant p, FileOffer offer, FileProblem expected) {
        var e = assertThrows(ExecutionException.class, () -> p.client().offer(offer).get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(TransferFailure.class);
        var failure = (TransferFailure) e.getCause();
        assertThat(failure.kind()).isEqualTo(TransferFailure.Kind.REFUSED);
        assertThat(failure.problem()).isEqualTo(expected);
        assertThat(failure.getMessage()).as("a sentence for a person").endsWith(".").hasSizeGreaterThan(20);
        return failure;
    }

    private static void stillChatting(Participant from, Participant to, String text) {
        from.client().send(text);
        to.awaitText(text);
    }

    @Test
    void aFileOverThePerFileCapIsRefusedBeforeItIsHashedAndByTheHostIfOfferedAnyway() throws Exception {
        start(FileLimits.defaults().withMaxFileBytes(MIB));
        var alice = join("alice");
        var bob = join("bob");
        assertThat(alice.client().maxFileSize()).as("welcome.files.maxSize").isEqualTo(MIB);

        var early = assertThrows(TransferFailure.class, () -> new FileUpload(TestFiles.random(work, "big.bin",
                MIB + 1, 1)).run(alice.client(), TransferProgress.NONE, TransferProgress.NONE, new Cancellation()));
        assertThat(early.problem()).isEqualTo(FileProblem.FILE_TOO_LARGE);
        var host = refused(alice, new FileOffer("f-big", "big.bin", MIB + 1, SHA, null), FileProblem.FILE_TOO_LARGE);
        assertThat(host.getMessage()).contains("1.0 MB");
        stillChatting(alice, bob, "after the big file");
    }

    @Test
    void brokenOffersAndNamesWithNothingVisibleAreRefusedWithTheirOwnCodes() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        refused(alice, new FileOffer("f-neg", "a.bin", -1, SHA, null), FileProblem.OFFER_INVALID);
        refused(alice, new FileOffer("f-hash", "a.bin", 10, "not-a-hash", null), FileProblem.OFFER_INVALID);
        refused(alice, new FileOffer("f-dots", " . .. ", 10, SHA, null), FileProblem.FILE_NAME_INVALID);
        refused(alice, new FileOffer("f-long", "a".repeat(1_025), 10, SHA, null), FileProblem.FILE_NAME_INVALID);
        stillChatting(alice, bob, "after the broken offers");
    }

    @Test
    void aPersonWithAsManyTransfersOpenAsAllowedIsRefusedAnotherUntilOneEnds() throws Exception {
        start(FileLimits.defaults().withMaxTransfersPerPerson(2));
        var alice = join("alice");
        var bob = join("bob");
        accepted(alice, "f-one", 10);
        accepted(alice, "f-two", 10);
        refused(alice, new FileOffer("f-three", "three.bin", 10, SHA, null), FileProblem.TOO_MANY_TRANSFERS);
        assertThat(accepted(bob, "f-bobs", 10)).as("a limit per person, not per room").isNotNull();
        stillChatting(alice, bob, "after too many transfers");
    }

    @Test
    void anOfferThatWouldPassTheStoreCapWithTheUploadsUnderWayIsRefused() throws Exception {
        start(FileLimits.defaults().withMaxFileBytes(2 * MIB).withStoreCapBytes(3 * MIB));
        var alice = join("alice");
        var bob = join("bob");
        accepted(alice, "f-first", 2 * MIB);
        var full = refused(bob, new FileOffer("f-second", "second.bin", 2 * MIB, SHA, null), FileProblem.STORE_FULL);
        assertThat(full.retryAfterSeconds()).isZero();
        accepted(bob, "f-small", MIB);
        stillChatting(bob, alice, "after the store was full");
    }

    @Test
    void aPersonWhoSentALotLatelyIsToldWhenTheNextFileCanGo() throws Exception {
        // 1 KiB/s after a burst of 1 MiB: a second 1 MiB file must wait about 1,024 s.
        start(FileLimits.defaults().withMaxFileBytes(MIB).withUploadRate(1024, MIB));
        var alice = join("alice");
        var bob = join("bob");
        accepted(alice, "f-burst", MIB);
        var rate = refused(alice, new FileOffer("f-more", "more.bin", MIB, SHA, null), FileProblem.UPLOAD_RATE);
        assertThat(rate.retryAfterSeconds()).isBetween(1_000L, 1_030L);
        assertThat(accepted(bob, "f-bobs", MIB)).as("each person has a budget of their own").isNotNull();
        stillChatting(alice, bob, "after the upload rate");
    }

    @Test
    void transferConnectionsWithAForgedTokenKeyOrOffsetGetTheirCodeAndAreClosed() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        Path source = TestFiles.random(work, "small.bin", 1000, 4);
        var upload = new FileUpload(source);
        upload.run(alice.client(), TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
        String sha = upload.offer().sha256();

        var denied = assertThrows(TransferFailure.class, () -> new Uploader(alice.client().transfers())
                .upload("0".repeat(32), source, 1000, TransferProgress.NONE, new Cancellation()));
        assertThat(denied.problem()).isEqualTo(FileProblem.TRANSFER_DENIED);
        assertThat(transferAnswer(RawPeer.json("type", "download", "v", 1, "key", "0".repeat(32), "sha256", sha,
                "offset", 0)).path("code").asString()).isEqualTo("transfer_denied");
        assertThat(transferAnswer(RawPeer.json("type", "download", "v", 1, "key", bob.client().fileKey(),
                "sha256", sha, "offset", 1001)).path("code").asString()).isEqualTo("offset_invalid");
        assertThat(transferAnswer(RawPeer.json("type", "download", "v", 2, "key", bob.client().fileKey(),
                "sha256", sha, "offset", 0)).path("code").asString()).isEqualTo("bad_handshake");
        stillChatting(bob, alice, "after the forged transfers");
    }

    /** Opens a transfer connection over TLS, sends its first line, returns the one line it gets before the close. */
    private JsonNode transferAnswer(String firstLine) {
        try (RawPeer peer = RawPeer.connect(server.port(), Wire.TLS)) {
            peer.send(firstLine);
            JsonNode answer = peer.next(Duration.ofSeconds(10));
            assertThat(answer.path("type").asString()).isEqualTo("error");
            assertThat(answer.path("message").asString()).isNotBlank();
            peer.assertClosed();
            return answer;
        }
    }
}
