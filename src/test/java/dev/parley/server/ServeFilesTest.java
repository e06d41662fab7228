package dev.parley.server;

import dev.parley.client.ChatEvent;
import dev.parley.client.FileDownload;
import dev.parley.client.FileUpload;
import dev.parley.files.Cancellation;
import dev.parley.files.FileLimits;
import dev.parley.files.FileProblem;
import dev.parley.files.TestFiles;
import dev.parley.files.TransferFailure;
import dev.parley.files.TransferProgress;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import dev.parley.testing.Participant;
import dev.parley.testing.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The real {@code serve} process takes files over TLS with the limits its options set, keeps them in
 * its data folder beside the history, and still has them (and their {@code file} events) after a restart;
 * {@code --no-files} turns the extension off; nonsense limits are refused before it starts.
 */
@Timeout(180)
class ServeFilesTest {
    @TempDir
    Path data;
    @TempDir
    Path work;

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ServeProcess serve(int port) throws IOException {
        return ServeProcess.onClassPath("--port", String.valueOf(port), "--bind", "127.0.0.1", "--data",
                data.toString(), "--room", "Files room", "--no-announce", "--max-file-mb", "1",
                "--files-store-mb", "8");
    }

    private static Frame.FileEvent awaitFile(Participant p, String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> p.events(ChatEvent.FileShared.class).stream()
                .map(ChatEvent.FileShared::file).filter(f -> f.id().equals(id)).findFirst().orElse(null),
                f -> f != null);
    }

    @Test
    void serveKeepsFilesInItsDataFolderAndStillHasThemAfterARestart() throws Exception {
        int port = freePort();
        Path source = TestFiles.random(work, "notes.bin", 5_000, 21);
        String sha = TestFiles.sha256(source);
        String id;
        try (var first = serve(port);
             var alice = Participant.join(port, "alice", first.hostKey());
             var bob = Participant.join(port, "bob", first.hostKey())) {
            assertThat(alice.client().maxFileSize()).as("--max-file-mb 1").isEqualTo(FileLimits.MIB);
            var tooBig = assertThrows(TransferFailure.class, () -> new FileUpload(TestFiles.random(work, "big.bin",
                    FileLimits.MIB + 1, 2)).run(alice.client(), TransferProgress.NONE, TransferProgress.NONE,
                    new Cancellation()));
            assertThat(tooBig.problem()).isEqualTo(FileProblem.FILE_TOO_LARGE);

            var upload = new FileUpload(source);
            upload.run(alice.client(), TransferProgress.NONE, TransferProgress.NONE, new Cancellation());
            id = upload.id();
            assertThat(awaitFile(bob, id).sha256()).isEqualTo(sha);
            try (var stored = Files.walk(data.resolve("files"))) {
                assertThat(stored.filter(Files::isRegularFile).filter(p -> p.toString().contains(sha)))
                        .as("the blob is kept under its hash in DIR/files").hasSize(1);
            }
            assertThat(first.terminate()).isZero();
        }
        try (var second = serve(port);
             var carol = Participant.join(port, "carol", second.hostKey())) {
            carol.awaitEvent(ChatEvent.Connected.class);
            Frame.Page page = carol.client().history(Long.MAX_VALUE / 2, null, null, 50).get(10, TimeUnit.SECONDS);
            Frame.FileEvent file = page.events().stream().filter(Frame.FileEvent.class::isInstance)
                    .map(Frame.FileEvent.class::cast).filter(f -> f.id().equals(id)).findFirst().orElseThrow();
            assertThat(file.name()).isEqualTo("notes.bin");
            Path saved = FileDownload.save(carol.client(), file, Files.createDirectories(work.resolve("carol")),
                    TransferProgress.NONE, new Cancellation());
            assertThat(TestFiles.sha256(saved)).isEqualTo(sha);
        }
    }

    @Test
    void serveWithNoFilesOffersNoFilesExtension() throws Exception {
        try (var serve = ServeProcess.onClassPath("--port", "0", "--bind", "127.0.0.1", "--in-memory",
                "--no-announce", "--no-files");
             var alice = Participant.join(serve.port(), "alice", serve.hostKey())) {
            alice.awaitEvent(ChatEvent.Connected.class);
            assertThat(alice.client().granted(Extensions.FILES)).isFalse();
            assertThat(alice.client().granted(Extensions.HISTORY)).as("the rest of the room is as before").isTrue();
        }
    }

    @Test
    void nonsenseFileLimitsAreRefusedWithASentenceBeforeServeStarts() throws Exception {
        var zero = ServeProcess.runToEnd("--port", "0", "--in-memory", "--no-announce", "--max-file-mb", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.stderr()).contains("--max-file-mb, --files-store-mb and --transfers-per-person must be at least 1");
        var bigger = ServeProcess.runToEnd("--port", "0", "--in-memory", "--no-announce", "--max-file-mb", "100",
                "--files-store-mb", "50");
        assertThat(bigger.exitCode()).isEqualTo(2);
        assertThat(bigger.stderr()).contains("--max-file-mb cannot be larger than --files-store-mb");
    }
}
