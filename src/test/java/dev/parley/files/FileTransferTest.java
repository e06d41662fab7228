package dev.parley.files;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Uploads and downloads over real loopback sockets, through a stand-in for the server's first-line sniffing. */
@Timeout(180)
class FileTransferTest {
    private static final long MIB = FileLimits.MIB;

    @TempDir
    Path temp;

    private final RecordingListener listener = new RecordingListener();
    private FileHost host;
    private TransferAcceptor acceptor;

    private void start(FileLimits limits) throws IOException {
        host = new FileHost(temp.resolve("host"), limits, listener);
        acceptor = new TransferAcceptor(host);
    }

    @AfterEach
    void stop() throws IOException {
        if (acceptor != null) {
            acceptor.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aFiftyMebibyteFileArrivesWholeToTwoDownloadersAtOnce() throws Exception {
        start(FileLimits.defaults());
        Path original = TestFiles.random(folder("alice"), "big.bin", 50 * MIB, 50);
        StoredFile stored = send("alice", "f1", original);
        String bobKey = host.grant("bob");
        String carolKey = host.grant("carol");
        var bobProgress = new AtomicLong();
        Path bobFolder = folder("bob");
        Path carolFolder = folder("carol");

        var bob = CompletableFuture.supplyAsync(() -> save(bobKey, stored, bobFolder, bobProgress));
        var carol = CompletableFuture.supplyAsync(() -> save(carolKey, stored, carolFolder, new AtomicLong()));

        for (Path saved : List.of(bob.get(), carol.get())) {
            assertThat(saved.getFileName()).hasToString("big.bin");
            assertThat(Files.size(saved)).isEqualTo(50 * MIB);
            assertThat(Files.mismatch(saved, original)).isEqualTo(-1);
        }
        assertThat(bobProgress.get()).isEqualTo(50 * MIB);
        assertThat(stored.media()).isEqualTo(MediaType.UNKNOWN);
        assertThat(stored.preview()).isNull();
        assertThat(bobFolder).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void anUploadCutInHalfResumesFromWhereTheHostStandsAndCompletes() throws Exception {
        start(FileLimits.defaults());
        Path file = TestFiles.random(folder("alice"), "report.pdf", 10 * MIB, 2);
        FileOffer offer = FileHasher.offer("f2", file, TransferProgress.NONE, new Cancellation());
        var accepted = (OfferDecision.Accepted) host.offer("alice", offer);

        var cut = new Uploader(CuttingConnector.cutSendingAfter(acceptor.connector(), 5 * MIB));
        assertThatThrownBy(() -> cut.upload(accepted.token(), file, offer.size(), TransferProgress.NONE,
                new Cancellation())).isInstanceOfSatisfying(TransferFailure.class,
                f -> assertThat(f.kind()).isEqualTo(TransferFailure.Kind.BROKEN));
        assertThat(listener.stored).isEmpty();
        // As a client backing off before it reconnects: the host has taken in what reached it.
        await().atMost(Duration.ofSeconds(10)).until(() -> host.openTransfers() == 0);

        var resumedFrom = new AtomicLong(-1);
        new Uploader(acceptor.connector()).upload(accepted.token(), file, offer.size(),
                (done, total) -> resumedFrom.compareAndSet(-1, done), new Cancellation());

        assertThat(resumedFrom.get()).as("the second connection sends only the rest")
                .isGreaterThan(4 * MIB).isLessThanOrEqualTo(5 * MIB);
        assertThat(listener.stored).singleElement().satisfies(s -> assertThat(s.sha256()).isEqualTo(offer.sha256()));
        assertThat(TestFiles.sha256(host.store().path(offer.sha256()))).isEqualTo(offer.sha256());
        assertThat(host.pendingUploads()).isZero();
    }

    @Test
    void aDownloadCutInHalfResumesAndIsVerified() throws Exception {
        start(FileLimits.defaults());
        Path original = TestFiles.random(folder("alice"), "video.mp4", 8 * MIB, 3);
        StoredFile stored = send("alice", "f3", original);
        String key = host.grant("bob");
        Path partial = folder("bob").resolve("video.part");

        var cut = new Downloader(CuttingConnector.cutReceivingAfter(acceptor.connector(), 3 * MIB), key);
        assertThatThrownBy(() -> cut.download(stored.sha256(), stored.size(), partial, TransferProgress.NONE,
                new Cancellation())).isInstanceOfSatisfying(TransferFailure.class,
                f -> assertThat(f.kind()).isEqualTo(TransferFailure.Kind.BROKEN));
        long held = Files.size(partial);
        assertThat(held).isGreaterThan(2 * MIB);

        var resumedFrom = new AtomicLong(-1);
        Path verified = new Downloader(acceptor.connector(), key).download(stored.sha256(), stored.size(), partial,
                (done, total) -> resumedFrom.compareAndSet(-1, done), new Cancellation());

        assertThat(resumedFrom.get()).isEqualTo(held);
        assertThat(Files.mismatch(verified, original)).isEqualTo(-1);
    }

    @Test
    void bytesThatDoNotMatchTheOfferedHashAreRefusedAndNothingIsStored() throws Exception {
        start(FileLimits.defaults());
        Path offered = TestFiles.random(folder("alice"), "a.bin", MIB, 4);
        Path sent = TestFiles.random(folder("alice"), "b.bin", MIB, 5);
        FileOffer offer = FileHasher.offer("f4", offered, TransferProgress.NONE, new Cancellation());
        var accepted = (OfferDecision.Accepted) host.offer("alice", offer);

        assertThatThrownBy(() -> new Uploader(acceptor.connector()).upload(accepted.token(), sent, MIB,
                TransferProgress.NONE, new Cancellation())).isInstanceOfSatisfying(TransferFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(TransferFailure.Kind.REFUSED);
                    assertThat(f.problem()).isEqualTo(FileProblem.HASH_MISMATCH);
                });

        assertThat(listener.stored).isEmpty();
        assertThat(host.store().usedBytes()).isZero();
        assertThat(host.store().reservedBytes()).isZero();
        assertThat(host.pendingUploads()).isZero();
        assertThat(temp.resolve("host").resolve("blobs")).isEmptyDirectory();
        assertThat(temp.resolve("host").resolve("partial")).isEmptyDirectory();
    }

    @Test
    void aDownloadThatArrivesDamagedIsDeletedAndSaysSo() throws Exception {
        start(FileLimits.defaults());
        StoredFile stored = send("alice", "f5", TestFiles.random(folder("alice"), "doc.pdf", MIB, 6));
        Path blob = host.store().path(stored.sha256());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[1000] ^= 1;
        Files.write(blob, bytes);
        Path into = folder("bob");

        assertThatThrownBy(() -> new Downloader(acceptor.connector(), host.grant("bob")).save(stored.sha256(),
                stored.size(), into, stored.name(), TransferProgress.NONE, new Cancellation()))
                .isInstanceOfSatisfying(TransferFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(TransferFailure.Kind.CORRUPT));

        assertThat(into).isEmptyDirectory();
    }

    @Test
    void anEvictedFileIsNoLongerAvailable() throws Exception {
        start(FileLimits.defaults().withMaxFileBytes(2 * MIB).withStoreCapBytes(3 * MIB));
        StoredFile oldest = send("alice", "e1", TestFiles.random(folder("alice"), "1.bin", 3 * MIB / 2, 7));
        StoredFile middle = send("alice", "e2", TestFiles.random(folder("alice"), "2.bin", 3 * MIB / 2, 8));
        assertThat(listener.evicted).isEmpty();

        send("alice", "e3", TestFiles.random(folder("alice"), "3.bin", 3 * MIB / 2, 9));

        assertThat(listener.evicted).containsExactly(oldest.sha256());
        String key = host.grant("bob");
        assertThatThrownBy(() -> new Downloader(acceptor.connector(), key).save(oldest.sha256(), oldest.size(),
                folder("bob"), oldest.name(), TransferProgress.NONE, new Cancellation()))
                .isInstanceOfSatisfying(TransferFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(TransferFailure.Kind.REFUSED);
                    assertThat(f.problem()).isEqualTo(FileProblem.FILE_GONE);
                });
        assertThat(save(key, middle, folder("bob"), new AtomicLong())).exists();
    }

    @Test
    void aSlowDownloaderDoesNotHoldUpASecondTransfer() throws Exception {
        start(FileLimits.defaults());
        StoredFile stored = send("alice", "s1", TestFiles.random(folder("alice"), "big.iso", 32 * MIB, 10));
        try (Socket slow = raw(new TransferLine.Download(host.grant("carol"), stored.sha256(), 0))) {
            assertThat(readLine(slow)).startsWith("{\"type\":\"ready\"");
            // Carol reads nothing more: her socket buffers fill and the host's thread for her blocks.

            Path saved = save(host.grant("bob"), stored, folder("bob"), new AtomicLong());
            StoredFile other = send("dave", "s2", TestFiles.random(folder("dave"), "note.txt", MIB, 11));

            assertThat(Files.size(saved)).isEqualTo(32 * MIB);
            assertThat(other.size()).isEqualTo(MIB);
            // The host counts bob's and dave's transfers closed just after their clients saw them end.
            await().atMost(Duration.ofSeconds(10)).until(() -> host.openTransfers() <= 1);
            assertThat(host.openTransfers()).as("carol's download is still waiting for her").isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> host.openTransfers() == 0);
    }

    @Test
    void aStalledUploadIsClosedAfterTheIdleTimeoutAndStaysResumable() throws Exception {
        start(FileLimits.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofHours(1)));
        Path file = TestFiles.random(folder("alice"), "slow.bin", MIB, 12);
        FileOffer offer = FileHasher.offer("t1", file, TransferProgress.NONE, new Cancellation());
        var accepted = (OfferDecision.Accepted) host.offer("alice", offer);

        try (Socket stalled = raw(new TransferLine.Upload(accepted.token()))) {
            assertThat(readLine(stalled)).isEqualTo("{\"type\":\"ready\",\"offset\":0,\"size\":" + MIB + "}");
            stalled.getOutputStream().write(Files.readAllBytes(file), 0, 1000);
            stalled.setSoTimeout(10_000);
            assertThat(stalled.getInputStream().read()).as("the host closed the stalled connection").isEqualTo(-1);
        }

        assertThat(host.pendingUploads()).isEqualTo(1);
        var resumedFrom = new AtomicLong(-1);
        new Uploader(acceptor.connector()).upload(accepted.token(), file, MIB,
                (done, total) -> resumedFrom.compareAndSet(-1, done), new Cancellation());
        assertThat(resumedFrom.get()).isEqualTo(1000);
        assertThat(listener.stored).hasSize(1);
    }

    @Test
    void aNewConnectionForTheSameUploadTakesOverAHalfOpenOne() throws Exception {
        start(FileLimits.defaults());
        Path file = TestFiles.random(folder("alice"), "x.bin", 2 * MIB, 13);
        FileOffer offer = FileHasher.offer("h1", file, TransferProgress.NONE, new Cancellation());
        var accepted = (OfferDecision.Accepted) host.offer("alice", offer);

        try (Socket halfOpen = raw(new TransferLine.Upload(accepted.token()))) {
            readLine(halfOpen);
            halfOpen.getOutputStream().write(Files.readAllBytes(file), 0, 100_000);

            new Uploader(acceptor.connector()).upload(accepted.token(), file, offer.size(), TransferProgress.NONE,
                    new Cancellation());
        }
        assertThat(listener.stored).singleElement().satisfies(s -> assertThat(s.sha256()).isEqualTo(offer.sha256()));
    }

    @Test
    void cancellingAnUploadStopsItAndTryingAgainResumes() throws Exception {
        start(FileLimits.defaults());
        Path file = TestFiles.random(folder("alice"), "c.bin", 4 * MIB, 14);
        FileOffer offer = FileHasher.offer("c1", file, TransferProgress.NONE, new Cancellation());
        var accepted = (OfferDecision.Accepted) host.offer("alice", offer);
        var cancel = new Cancellation();

        assertThatThrownBy(() -> new Uploader(acceptor.connector()).upload(accepted.token(), file, offer.size(),
                (done, total) -> {
                    if (done >= MIB) {
                        cancel.cancel();
                    }
                }, cancel)).isInstanceOfSatisfying(TransferFailure.class,
                f -> assertThat(f.kind()).isEqualTo(TransferFailure.Kind.CANCELLED));

        var resumedFrom = new AtomicLong(-1);
        new Uploader(acceptor.connector()).upload(accepted.token(), file, offer.size(),
                (done, total) -> resumedFrom.compareAndSet(-1, done), new Cancellation());
        assertThat(resumedFrom.get()).isPositive();
        assertThat(listener.stored).hasSize(1);
    }

    @Test
    void anUploadedImageIsAnnouncedWithItsTypeFromItsContentAndAPreview() throws Exception {
        start(FileLimits.defaults());
        byte[] jpeg = TestFiles.encode(TestFiles.picture(1000, 800, false), "jpeg");
        Path disguised = TestFiles.write(folder("alice"), "notes.txt", jpeg);

        StoredFile stored = send("alice", "i1", disguised);

        assertThat(stored.media()).isEqualTo(MediaType.JPEG);
        assertThat(stored.name()).isEqualTo("notes.txt");
        assertThat(stored.person()).isEqualTo("alice");
        assertThat(stored.preview()).isInstanceOfSatisfying(ImagePreview.Made.class, made -> {
            assertThat(made.width()).isEqualTo(1000);
            assertThat(made.height()).isEqualTo(800);
        });
        assertThat(Base64.getDecoder().decode(stored.thumbnailBase64()).length).isLessThanOrEqualTo(16 * 1024);
    }

    @Test
    void anEmptyFileTravelsToo() throws Exception {
        start(FileLimits.defaults());
        StoredFile stored = send("alice", "z1", TestFiles.write(folder("alice"), "empty.txt", new byte[0]));

        Path saved = save(host.grant("bob"), stored, folder("bob"), new AtomicLong());

        assertThat(stored.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(saved).isEmptyFile();
    }

    @Test
    void transferHandshakesThatBreakARuleGetTheirCode() throws Exception {
        start(FileLimits.defaults().withMaxTransfersPerPerson(1));
        StoredFile stored = send("alice", "r1", TestFiles.random(folder("alice"), "r.bin", 32 * MIB, 15));
        String key = host.grant("bob");

        assertThat(refusal(new TransferLine.Upload(Hex.newToken()))).isEqualTo("transfer_denied");
        assertThat(refusal(new TransferLine.Download(Hex.newToken(), stored.sha256(), 0))).isEqualTo("transfer_denied");
        assertThat(refusal(new TransferLine.Download(key, "cd".repeat(32), 0))).isEqualTo("file_gone");
        assertThat(refusal(new TransferLine.Download(key, stored.sha256(), stored.size() + 1)))
                .isEqualTo("offset_invalid");
        try (Socket bad = new Socket(acceptor.address().getAddress(), acceptor.address().getPort())) {
            bad.getOutputStream().write("{\"type\":\"download\",\"v\":1,\"key\":\"../../x\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(readLine(bad)).contains("\"code\":\"bad_handshake\"");
        }
        try (Socket first = raw(new TransferLine.Download(key, stored.sha256(), 0))) {
            assertThat(readLine(first)).startsWith("{\"type\":\"ready\"");
            assertThat(refusal(new TransferLine.Download(key, stored.sha256(), 0))).isEqualTo("too_many_transfers");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> host.openTransfers() == 0);
        assertThat(save(key, stored, folder("bob"), new AtomicLong())).exists();
    }

    /** Offers, uploads and returns what the host announced. */
    private StoredFile send(String person, String id, Path file) throws Exception {
        FileOffer offer = FileHasher.offer(id, file, TransferProgress.NONE, new Cancellation());
        var accepted = (OfferDecision.Accepted) host.offer(person, offer);
        TransferLine.Done done = new Uploader(acceptor.connector()).upload(accepted.token(), file, offer.size(),
                TransferProgress.NONE, new Cancellation());
        assertThat(done).isEqualTo(new TransferLine.Done(offer.sha256(), offer.size()));
        return listener.stored.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private Path save(String key, StoredFile file, Path into, AtomicLong progress) {
        try {
            return new Downloader(acceptor.connector(), key).save(file.sha256(), file.size(), into, file.name(),
                    (done, total) -> progress.set(done), new Cancellation());
        } catch (TransferFailure e) {
            throw new AssertionError(e.kind() + " " + e.getMessage(), e);
        }
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    private Socket raw(TransferLine.Handshake handshake) throws IOException {
        var socket = new Socket(acceptor.address().getAddress(), acceptor.address().getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(new TransferCodec().encode(handshake));
        return socket;
    }

    private String refusal(TransferLine.Handshake handshake) throws IOException {
        try (Socket socket = raw(handshake)) {
            var refused = (TransferLine.Refused) new TransferCodec().hostLine(readLine(socket));
            return refused.code();
        }
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("closed before a whole line: " + line);
            }
            line.append((char) b);
        }
        return line.toString();
    }
}
