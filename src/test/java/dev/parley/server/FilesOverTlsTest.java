package dev.parley.server;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ClientConfig;
import dev.parley.client.FileDownload;
import dev.parley.client.FileUpload;
import dev.parley.client.HostTrust;
import dev.parley.client.TlsDialer;
import dev.parley.files.Cancellation;
import dev.parley.files.CuttingConnector;
import dev.parley.files.Downloader;
import dev.parley.files.FileHasher;
import dev.parley.files.FileLimits;
import dev.parley.files.FileOffer;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Files end to end through the real server over TLS on loopback: offers in the chat stream, transfer
 * connections on the same port handed off the event loop, the sequenced {@code file} event, its
 * fallback for version-1 connections, resumes, refusals, and a room that keeps talking meanwhile.
 */
@Timeout(240)
class FilesOverTlsTest {
    private static final long MIB = FileLimits.MIB;
    private static final Set<String> VERSION_1_TYPES = Set.of("welcome", "msg", "joined", "left", "typing", "ping",
            "pong", "bye", "error");

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

    private RoomServer start(FileLimits limits) throws Exception {
        return start(limits, AbuseLimits.defaults());
    }

    private RoomServer start(FileLimits limits, AbuseLimits abuse) throws Exception {
        var config = TestTls.secure(TestServers.config())
                // A hello timeout the size of the real one: transfer handshakes on a busy machine need it.
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(50))
                .withAbuse(abuse)
                .withFiles(FileSettings.temporary().withLimits(limits));
        server = new RoomServer(config).start();
        closeLater.add(server);
        return server;
    }

    private Participant join(String nick) throws Exception {
        var p = Participant.join(server.port(), nick, TestTls.key());
        closeLater.add(p);
        return p;
    }

    private RawPeer raw() {
        var peer = RawPeer.connect(server.port(), Wire.TLS);
        closeLater.add(peer);
        return peer;
    }

    private static Frame.FileEvent awaitFile(Participant p, String id) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> p.events(ChatEvent.FileShared.class).stream()
                .map(ChatEvent.FileShared::file).filter(f -> f.id().equals(id)).findFirst().orElse(null),
                f -> f != null);
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectories(work.resolve(name));
    }

    private static String sha256(Path file) throws TransferFailure {
        return FileHasher.sha256(file, TransferProgress.NONE, new Cancellation());
    }

    private static Frame.FileEvent send(Participant from, Path file) throws TransferFailure {
        var upload = new FileUpload(file);
        upload.run(from.client(), TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
        return awaitFile(from, upload.id());
    }

    @Test
    void aFiftyMebibyteFileArrivesWholeToTwoGuestsWhileAThirdKeepsChatting() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        var carol = join("carol");
        // Dave's own client, not a Participant: his echoes are read by one thread only, the one timing them.
        var dave = new ChatClient(Participant.FAST.apply(ClientConfig.of("127.0.0.1", server.port(), "dave")),
                new TlsDialer(HostTrust.expect(TestTls.key(), null), null));
        closeLater.add(dave::close);
        dave.connect();
        Path source = TestFiles.random(work, "big.bin", 50 * MIB, 7);
        String expected = sha256(source);

        // Dave says something every 50 ms while the file moves; each echo's delay is noted.
        var sentAt = new ConcurrentHashMap<String, Long>();
        var sent = new CopyOnWriteArrayList<String>();
        var delays = new CopyOnWriteArrayList<Long>();
        Thread echoes = Thread.ofVirtual().start(() -> watchEchoes(dave, sentAt, delays));
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService chat = Executors.newSingleThreadScheduledExecutor();
        chat.scheduleAtFixedRate(() -> {
            String text = "tick " + n.incrementAndGet();
            sentAt.put(text, System.nanoTime());
            sent.add(text);
            dave.send(text);
        }, 0, 50, TimeUnit.MILLISECONDS);
        try {
            var upload = new FileUpload(source);
            upload.run(alice.client(), TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
            Frame.FileEvent atBob = awaitFile(bob, upload.id());
            Frame.FileEvent atCarol = awaitFile(carol, upload.id());
            assertThat(atBob.seq()).isEqualTo(atCarol.seq());
            assertThat(atBob.size()).isEqualTo(50 * MIB);

            try (var downloads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Path> toBob = downloads.submit(() -> FileDownload.save(bob.client(), atBob, folder("bob"),
                        TransferProgress.NONE, new Cancellation()));
                Future<Path> toCarol = downloads.submit(() -> FileDownload.save(carol.client(), atCarol,
                        folder("carol"), TransferProgress.NONE, new Cancellation()));
                assertThat(sha256(toBob.get())).isEqualTo(expected);
                assertThat(sha256(toCarol.get())).isEqualTo(expected);
                assertThat(toBob.get().getFileName().toString()).isEqualTo("big.bin");
            }
        } finally {
            chat.shutdownNow();
        }
        List<String> said = List.copyOf(sent);
        bob.awaitText(said.getLast());
        List<Frame.Msg> heard = bob.messages().stream().filter(m -> m.from().equals("dave")).toList();
        assertThat(heard).extracting(Frame.Msg::text).as("all of Dave's messages, in order").isEqualTo(said);
        assertThat(heard).extracting(Frame.Msg::seq).isSorted();
        echoes.interrupt();
        List<Long> sorted = delays.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            // A smoke check, never an assertion on time: the benchmark measures this on a quiet machine.
            System.out.printf("chat during a 50 MiB transfer to two guests over TLS: %d echoes, p50 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms%n", sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.getLast() / 1e6);
        }
    }

    private static void watchEchoes(ChatClient client, Map<String, Long> sentAt, List<Long> delays) {
        try {
            while (true) {
                if (client.takeEvent() instanceof ChatEvent.Message m && m.own()) {
                    Long at = sentAt.get(m.msg().text());
                    if (at != null) {
                        delays.add(System.nanoTime() - at);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUploadAndADownloadCutInHalfResumeWhereTheyStopped() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        Path source = TestFiles.random(work, "half.bin", 8 * MIB, 11);
        var upload = new FileUpload(source);

        var cut = assertThrows(TransferFailure.class, () -> upload.run(alice.client(),
                CuttingConnector.cutSendingAfter(alice.client().transfers(), 4 * MIB), TransferProgress.NONE,
                TransferProgress.NONE, new Cancellation()));
        assertThat(cut.kind()).isEqualTo(TransferFailure.Kind.BROKEN);
        var resumedAt = new CopyOnWriteArrayList<Long>();
        upload.run(alice.client(), TransferProgress.NONE, (done, total) -> resumedAt.add(done), new Cancellation());
        assertThat(resumedAt.getFirst()).as("the second upload starts where the host stands").isPositive();
        Frame.FileEvent file = awaitFile(bob, upload.id());

        Path into = folder("bob");
        var broken = assertThrows(TransferFailure.class, () -> FileDownload.save(bob.client(),
                CuttingConnector.cutReceivingAfter(bob.client().transfers(), 4 * MIB), file, into,
                TransferProgress.NONE, new Cancellation()));
        assertThat(broken.kind()).isEqualTo(TransferFailure.Kind.BROKEN);
        var downloadedFrom = new CopyOnWriteArrayList<Long>();
        Path saved = FileDownload.save(bob.client(), file, into, (done, total) -> downloadedFrom.add(done),
                new Cancellation());
        assertThat(downloadedFrom.getFirst()).as("the second download starts from the partial file")
                .isGreaterThan(3 * MIB);
        assertThat(sha256(saved)).isEqualTo(sha256(source));
        try (var left = Files.list(into)) {
            assertThat(left).as("the partial file became the saved one").containsExactly(saved);
        }
    }

    @Test
    void bytesThatDoNotMatchTheOfferedHashAreRefusedAndNothingIsStored() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        Path source = TestFiles.random(work, "claimed.bin", MIB, 3);
        String claimed = TestFiles.sha256(new byte[]{1, 2, 3});
        var ok = alice.client().offer(new FileOffer("f-liar", "claimed.bin", MIB, claimed, null)).get(10, TimeUnit.SECONDS);

        var refused = assertThrows(TransferFailure.class, () -> new Uploader(alice.client().transfers())
                .upload(ok.token(), source, MIB, TransferProgress.NONE, new Cancellation()));
        assertThat(refused.kind()).isEqualTo(TransferFailure.Kind.REFUSED);
        assertThat(refused.code()).isEqualTo("hash_mismatch");

        alice.client().send("after the refused file");
        bob.awaitText("after the refused file");
        assertThat(bob.events(ChatEvent.FileShared.class)).as("no file reached the room").isEmpty();
        for (String hash : List.of(claimed, sha256(source))) {
            var gone = assertThrows(TransferFailure.class, () -> new Downloader(bob.client().transfers(),
                    bob.client().fileKey()).download(hash, MIB, work.resolve("probe.part"), TransferProgress.NONE,
                    new Cancellation()));
            assertThat(gone.code()).isEqualTo("file_gone");
        }
    }

    @Test
    void hostileNamesArriveSanitisedAndAreSavedInsideTheChosenFolder() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        Path source = TestFiles.random(work, "payload.bin", 1000, 5);
        String sha = sha256(source);
        Path into = folder("downloads");
        int i = 0;
        for (String hostile : List.of("../../../etc/passwd", "invoice\u202Efdp.exe", "CON.txt", "..\\..\\boot.ini",
                " .hidden\u0000name ")) {
            String id = "f-hostile-" + i++;
            var ok = alice.client().offer(new FileOffer(id, hostile, 1000, sha, null)).get(10, TimeUnit.SECONDS);
            new Uploader(alice.client().transfers()).upload(ok.token(), source, 1000, TransferProgress.NONE,
                    new Cancellation());
            Frame.FileEvent file = awaitFile(bob, id);
            assertThat(file.name()).doesNotContain("/", "\\", "\u202E", "\u0000").doesNotStartWith(".")
                    .doesNotStartWithIgnoringCase("con.");
            Path saved = FileDownload.save(bob.client(), file, into, TransferProgress.NONE, new Cancellation());
            assertThat(saved.getParent()).isEqualTo(into);
            assertThat(saved.getFileName().toString()).doesNotContain("\u202E");
        }
        try (var walk = Files.walk(work)) {
            assertThat(walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(into) && !p.equals(source)))
                    .as("nothing was written outside the download folder").isEmpty();
        }
    }

    @Test
    void anImageBombIsStoredWithoutAPreviewAndAPhotoGetsOne() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        Path bomb = TestFiles.write(work, "bomb.png", TestFiles.blackPng(100_000, 100_000, 1));
        Path photo = TestFiles.write(work, "photo.jpg", TestFiles.encode(TestFiles.picture(640, 480, false), "jpg"));

        Frame.FileEvent bombEvent = send(alice, bomb);
        assertThat(bombEvent.media()).isEqualTo("image/png");
        assertThat(bombEvent.thumb()).as("10 gigapixels are not decoded").isNull();
        assertThat(bombEvent.w()).isNull();
        Frame.FileEvent photoEvent = send(alice, photo);
        assertThat(photoEvent.media()).isEqualTo("image/jpeg");
        assertThat(photoEvent.w()).isEqualTo(640);
        assertThat(photoEvent.h()).isEqualTo(480);
        assertThat(java.util.Base64.getDecoder().decode(photoEvent.thumb())).hasSizeLessThanOrEqualTo(16 * 1024);
        assertThat(awaitFile(bob, photoEvent.id()).thumbMedia()).isEqualTo("image/jpeg");
    }

    @Test
    void aDownloaderThatStopsReadingHoldsUpNeitherTheRoomNorOtherDownloads() throws Exception {
        start(FileLimits.defaults());
        var alice = join("alice");
        var bob = join("bob");
        var carol = join("carol");
        Path source = TestFiles.random(work, "wide.bin", 24 * MIB, 13);
        Frame.FileEvent file = send(alice, source);

        // Bob's key, on a connection that asks for the file and then never reads a byte.
        RawPeer stuck = RawPeer.connectNotReading(server.port(), Wire.TLS);
        closeLater.add(stuck);
        stuck.send(RawPeer.json("type", "download", "v", 1, "key", bob.client().fileKey(), "sha256", file.sha256(),
                "offset", 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> server.transfersCarried() >= 1);

        Path saved = FileDownload.save(carol.client(), awaitFile(carol, file.id()), folder("carol"),
                TransferProgress.NONE, new Cancellation());
        assertThat(sha256(saved)).isEqualTo(sha256(source));
        alice.client().send("still talking");
        carol.awaitText("still talking");
        bob.awaitText("still talking");
        await("the stuck download is still open, on its own thread").atMost(Duration.ofSeconds(10))
                .until(() -> server.transfersCarried() == 1);
    }

    @Test
    void aVersionOneClientSeesTheFallbackMessageAtTheSameSeqAndNothingItCannotRead() throws Exception {
        start(FileLimits.defaults().withStoreCapBytes(3 * MIB).withMaxFileBytes(2 * MIB));
        var alice = join("alice");
        var bob = join("bob");
        RawPeer old = raw();
        JsonNode welcome = old.join("oldie");
        assertThat(welcome.has("files")).isFalse();
        assertThat(welcome.path("ext").has("files")).isFalse();
        RawPeer pager = raw();
        JsonNode pagerWelcome = pager.join("pager", "ext", Map.of("history", 1));
        assertThat(pagerWelcome.path("ext").has("files")).isFalse();

        Frame.FileEvent first = send(alice, TestFiles.random(work, "first.bin", 2 * MIB, 1));
        JsonNode fallback = old.awaitFrame(f -> f.path("id").asString().equals("x-" + first.id()));
        assertThat(fallback.path("type").asString()).isEqualTo("msg");
        assertThat(fallback.path("seq").asLong()).isEqualTo(awaitFile(bob, first.id()).seq());
        assertThat(fallback.path("from").asString()).isEqualTo("alice");
        assertThat(fallback.path("text").asString()).isEqualTo("\uD83D\uDCCE first.bin (2.1 MB): open Parley to download");

        // A second file evicts the first: those granted files hear file_gone, the others nothing.
        Frame.FileEvent second = send(alice, TestFiles.random(work, "second.bin", 2 * MIB, 2));
        ChatEvent.FilesGone gone = bob.awaitEvent(ChatEvent.FilesGone.class);
        assertThat(gone.sha256s()).containsExactly(first.sha256());
        old.awaitFrame(f -> f.path("id").asString().equals("x-" + second.id()));
        old.sync();
        assertThat(old.countRead(f -> !VERSION_1_TYPES.contains(f.path("type").asString())))
                .as("every frame the version-1 client read is one it knows").isZero();

        pager.send(RawPeer.json("type", "history", "ref", "p1", "before", second.seq() + 1, "limit", 50));
        JsonNode page = pager.awaitType("page");
        List<String> types = new ArrayList<>();
        page.path("events").forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).doesNotContain("file").contains("msg");
        Frame.Page bobsPage = bob.client().history(second.seq() + 1, null, null, 50).get(10, TimeUnit.SECONDS);
        assertThat(bobsPage.events()).filteredOn(Frame.FileEvent.class::isInstance).hasSize(2);
        var evicted = assertThrows(TransferFailure.class, () -> FileDownload.save(bob.client(), first,
                folder("bob"), TransferProgress.NONE, new Cancellation()));
        assertThat(evicted.code()).isEqualTo("file_gone");
    }

    @Test
    void transferConnectionsCountAgainstTheConnectionsOneAddressMayOpenAMinute() throws Exception {
        start(FileLimits.defaults(), AbuseLimits.defaults().withConnectBan(4, Duration.ofMinutes(5)));
        var alice = join("alice");
        var bob = join("bob");
        Frame.FileEvent file = send(alice, TestFiles.random(work, "one.bin", 1000, 9));
        FileDownload.save(bob.client(), awaitFile(bob, file.id()), folder("first"), TransferProgress.NONE,
                new Cancellation());

        var banned = assertThrows(TransferFailure.class, () -> FileDownload.save(bob.client(), file,
                folder("second"), TransferProgress.NONE, new Cancellation()));
        assertThat(banned.kind()).as("the fifth connection from 127.0.0.1 in a minute is closed at once")
                .isEqualTo(TransferFailure.Kind.BROKEN);
    }

    @Test
    void aTransferToAHostWithAnotherKeyOnTheSameAddressFailsAndAsksNobody() throws Exception {
        start(FileLimits.defaults());
        int port = server.port();
        var alice = join("alice");
        Path source = TestFiles.random(work, "secret.bin", 1000, 17);
        var upload = new FileUpload(source);
        upload.run(alice.client(), TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
        Frame.FileEvent file = awaitFile(alice, upload.id());
        String key = alice.client().fileKey();

        // Someone else's host takes over the address: the pinned chat key no longer matches.
        server.close();
        var impostor = new RoomServer(TestTls.secureAsOther(TestServers.config()).withPort(port)
                .withFiles(FileSettings.temporary())).start();
        closeLater.add(impostor);
        var refused = assertThrows(TransferFailure.class, () -> new Downloader(alice.client().transfers(), key)
                .save(file.sha256(), file.size(), folder("alice"), file.name(), TransferProgress.NONE,
                        new Cancellation()));
        assertThat(refused.kind()).isEqualTo(TransferFailure.Kind.BROKEN);
        assertThat(refused).as("refused for the changed key, no prompt").hasMessageContaining("instead of the pinned");
        try (var left = Files.list(work.resolve("alice"))) {
            // At most the empty partial file a retry resumes from: not one byte came from the impostor.
            assertThat(left.filter(p -> p.toFile().length() > 0 || !p.getFileName().toString().endsWith(".part")))
                    .as("nothing was written from the impostor").isEmpty();
        }
    }

    @Test
    void aClientOfferingToAHostWithoutFilesIsToldSoAtOnce() throws Exception {
        server = new RoomServer(TestTls.secure(TestServers.config())).start();
        closeLater.add(server);
        var alice = join("alice");
        assertThat(alice.client().granted("files")).isFalse();
        Path source = TestFiles.random(work, "nowhere.bin", 10, 1);
        var refused = assertThrows(TransferFailure.class, () -> new FileUpload(source).run(alice.client(),
                TransferProgress.NONE, TransferProgress.NONE, new Cancellation()));
        assertThat(refused.code()).isEqualTo(ChatClient.NO_FILES);
    }
}
